/**
 * The services that take applications online, and their progress-query services: the ids of APPLICATION_FORMS
 * in @yss/contracts, written out here so that the service page (which only needs to know whether to show
 * 在线办理) does not load the forms' zod schemas (~22 KB gzipped) — those load with the /apply page. A unit test
 * (lib/cases.test.ts) keeps this list equal to APPLICATION_FORMS.
 */
export const APPLY_ONLINE: Readonly<Record<string, { readonly progressServiceId?: string }>> = {
  'wufanzui-jilu-zhengming': { progressServiceId: 'wufanzui-jilu-zhengming-jindu' },
  // 助残 (B8) and 老年人服务 (E4): docs/welfare.md
  'canjirenzheng-shenqing': {},
  'canjirenzheng-buban': {},
  'canji-dengji-biangeng': {},
  'canjiren-butie-shenqing': {},
  'gaoling-jintie-shenqing': {},
  'laonianren-youdaizheng-hefa': {},
  // 户政 (C1), 积分 (C2, 广州), 出生登记 (E2), 婚姻登记记录证明 (E1): docs/huzheng.md
  'shenbao-juzhu-dengji': {},
  'shenling-juzhuzheng': {},
  'qianzhu-juzhuzheng': {},
  'jifen-shenqing': {},
  'jifen-tiaozheng': {},
  'jifen-ruhu': {},
  'chusheng-dengji': {},
  'hunyin-dengji-jilu-zhengming': {},
  // 调解仲裁 (F6), 法律服务 (G3), 自报燃气读数 (G1): forms/legal.ts
  'shenqing-tiaojie': {},
  'shenqing-zhongcai': {},
  'zhongcai-shencha-queren': {},
  'falv-liji-zixun': {},
  'pinqing-lvshi': {},
  'falv-yuanzhu-shenqing': {},
  'ban-gongzheng': {},
  'ranqi-zibao-dushu': {},
  // 交通出行 (D3, D5)
  'liunian-mianjian-shenqing': {},
  'jiashizheng-huanzheng': {},
  'xingshizheng-huanzheng': {},
  'kuaisu-lipei': {},
  'daolu-jiuyuan': {},
};

/** Whether the service's action is 在线办理 (its form is in APPLICATION_FORMS). */
export function appliesOnline(serviceId: string): boolean {
  return Object.hasOwn(APPLY_ONLINE, serviceId);
}

/** The page where such a service is applied for. */
export function applyRoute(serviceId: string): string {
  return `/apply/${encodeURIComponent(serviceId)}`;
}

/** Its progress query (办理进度查询) opens the citizen's own cases of that service (我的办件). */
export const PROGRESS_ROUTES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(APPLY_ONLINE).flatMap(([serviceId, s]) =>
    s.progressServiceId ? [[s.progressServiceId, `/cases?service=${encodeURIComponent(serviceId)}`]] : [],
  ),
);
