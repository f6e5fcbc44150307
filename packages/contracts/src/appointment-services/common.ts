/** What every appointment notice ends with (in both languages). */
export const BRING_ID = '请携带本人有效身份证件原件，按预约时间前往办理地点；如不能按时前往，请提前取消预约。';
export const BRING_ID_EN =
  'Bring your original valid ID and go to the service point at the booked time; if you cannot make it, cancel in advance.';
