/** Services that open a page of this app (tools, lookups): the service page's action button goes there. */
export const TOOL_ROUTES: Readonly<Record<string, string>> = {
  'geshui-jisuanqi': '/tools/income-tax',
  'jiaban-gongzi-jisuanqi': '/tools/overtime-pay',
  'quming-chaxun': '/tools/name-check',
  'shebao-jiaofei-mingxi': '/lookups/social-insurance',
  'shenfenzheng-banli-chaxun': '/lookups/id-card',
  'huzheng-shenpi-chaxun': '/lookups/household-approvals',
  'weifa-chaxun': '/lookups/traffic-violations',
  'biyesheng-dangan-quxiang': '/lookups/graduate-archive',
  'geshui-jiaona-mingxi': '/lookups/income-tax',
  'shebaofei-jiaofei-mingxi': '/lookups/social-insurance-fees',
  'fapiao-chaxun': '/tools/invoice-verify',
  'diushi-beidao-fapiao-chaxun': '/tools/lost-invoice',
  'dianzi-shuipiao-chayan': '/tools/tax-certificate',
};
