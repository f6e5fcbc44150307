/** Services of kind 'tool' that open a page of this app: the service page's action button goes there. */
export const TOOL_ROUTES: Readonly<Record<string, string>> = {
  'geshui-jisuanqi': '/tools/income-tax',
  'jiaban-gongzi-jisuanqi': '/tools/overtime-pay',
};
