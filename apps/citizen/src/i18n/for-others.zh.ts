/** 为他人办理 in 在线办理 and 在线预约, and 是否可以申请 before the form. Merged into zh.ts as `forOthers`. */
export const forOthersZh = {
  pickerTitle: '为谁办理',
  pickerHint: '可为已授权您代办此项服务的家人办理，申请人信息以对方的实名信息为准。',
  self: '本人（{{name}}）',
  other: '{{name}}（{{relation}}）',
  otherNoRelation: '{{name}}',
  manage: '管理家人与授权',
  applicantOther: '申请人为被代办人本人，信息由公安机关登记的身份信息自动填入',
  applicantOtherBook: '预约人为被代办人，请提醒其本人按时前往办理。',
  checking: '正在核验办理条件…',
  refusedTitle: '暂不符合申请条件',
  refusedTitleBook: '暂不符合预约条件',
  refusedOther: '为 {{name}} 办理：',
  back: '返回服务页面',
  tryOther: '可选择为其他人办理，或返回服务页面查看办理条件。',
} as const;
