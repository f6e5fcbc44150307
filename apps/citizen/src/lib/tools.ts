/** Services that open a page of this app (tools, lookups): the service page's action button goes there. */
export const TOOL_ROUTES: Readonly<Record<string, string>> = {
  'geshui-jisuanqi': '/tools/income-tax',
  'jiaban-gongzi-jisuanqi': '/tools/overtime-pay',
  'quming-chaxun': '/tools/name-check',
  'shebao-jiaofei-mingxi': '/lookups/social-insurance',
  'gongjijin-jiaocun-xinxi': '/lookups/housing-fund',
  'gongjijin-jiaocun-mingxi': '/lookups/housing-fund',
  'kaitong-yibao-zhifu': '/lookups/medical-payment',
  'yibao-saoma-zhifu': '/lookups/medical-pay-code',
  'yibao-zhanghu-yue': '/lookups/medical-balance',
};
