/**
 * The services that take appointments online (在线预约): the ids of APPOINTMENT_SERVICES in @yss/contracts, written
 * out here so that the service page (which only needs to know whether to show 在线预约) does not load the contracts'
 * schemas — those load with the /book page. A unit test (lib/appointments.test.ts) keeps this list equal to
 * APPOINTMENT_SERVICES. `queryServiceId`: the catalog's 预约查询 service of that service, if it has one (the
 * catalog's only 预约查询, hunyin-dengji-yuyue-chaxun, belongs to 婚姻登记预约).
 */
export const BOOK_ONLINE: Readonly<Record<string, { readonly queryServiceId?: string }>> = {
  'gongjijin-qiantai-tiqu-yuyue': {},
  'dibao-shenqing-yuyue': {},
  'nianshen-yuyue': {},
  'bulin-jiehunzheng-lihunzheng-yuyue': {},
  // 出入境 (D6), 婚姻 (E1), 新生儿 (E2), 开锁 (G4), 燃气 (G1)
  'huzhao-shenling-yuyue': {},
  'huzhao-huanling-yuyue': {},
  'huzhao-buling-yuyue': {},
  'gangao-tongxingzheng-shenling-yuyue': {},
  'gangao-tongxingzheng-huanling-yuyue': {},
  'gangao-tongxingzheng-buling-yuyue': {},
  'taiwan-tongxingzheng-shenling-yuyue': {},
  'taiwan-tongxingzheng-huanling-yuyue': {},
  'taiwan-tongxingzheng-buling-yuyue': {},
  'hunyin-dengji-yuyue': { queryServiceId: 'hunyin-dengji-yuyue-chaxun' },
  'shenling-chusheng-yixue-zhengming': {},
  'kaisuo-bianmin-fuwu': {},
  'ranqi-yuyue-shangmen': {},
  // 社会救助 (B7): docs/welfare.md
  'dishouru-jiating-shenqing-yuyue': {},
  'tekun-renyuan-shenqing-yuyue': {},
  'linshi-jiuzhu-shenqing-yuyue': {},
};

/** Whether the service's action is 在线预约 (it is in APPOINTMENT_SERVICES). */
export function booksOnline(serviceId: string): boolean {
  return Object.hasOwn(BOOK_ONLINE, serviceId);
}

/** The page where such a service is booked. */
export function bookRoute(serviceId: string): string {
  return `/book/${encodeURIComponent(serviceId)}`;
}

/** Its appointment query (预约查询) opens the citizen's own appointments of that service (我的预约). */
export const APPOINTMENT_QUERY_ROUTES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(BOOK_ONLINE).flatMap(([serviceId, s]) =>
    s.queryServiceId ? [[s.queryServiceId, `/appointments?service=${encodeURIComponent(serviceId)}`]] : [],
  ),
);
