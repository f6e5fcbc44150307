/** Services that open a page of this app (tools, lookups): the service page's action button goes there. */
export const TOOL_ROUTES: Readonly<Record<string, string>> = {
  'geshui-jisuanqi': '/tools/income-tax',
  'jiaban-gongzi-jisuanqi': '/tools/overtime-pay',
  'quming-chaxun': '/tools/name-check',
  'shebao-jiaofei-mingxi': '/lookups/social-insurance',
  'xuexiao-chaxun': '/lookups/schools',
  'zhongkao-chengji-chaxun': '/lookups/zhongkao',
  'gaokao-zhunkaozheng': '/lookups/gaokao/ticket',
  'gaokao-chengji-chaxun': '/lookups/gaokao/results',
};
