import type { DemoSlotPlan } from './demo-slots.js';

/**
 * Demo windows of 出入境办证预约 (广州 and 佛山 exit-entry halls), 婚姻登记预约, 申领出生医学证明 (each hospital its
 * own windows and places, as the guide says each medical institution decides), 开锁便民服务 and 燃气预约上门 (home
 * visits: the "place" is the visiting team of a district, the address says where they go). Appended to
 * DEMO_SLOT_PLANS; demo mode only.
 */

const HALF_DAYS = [
  { start: '09:00', end: '10:00' },
  { start: '10:00', end: '11:00' },
  { start: '14:00', end: '15:00' },
  { start: '15:00', end: '16:00' },
] as const;

const EXIT_ENTRY_HALLS = [
  {
    cityCode: '440100',
    place: '广州市公安局出入境管理支队办证大厅',
    address: '广州市越秀区解放南路（演示地址）',
  },
  {
    cityCode: '440600',
    place: '佛山市公安局出入境管理支队办证大厅',
    address: '佛山市禅城区岭南大道（演示地址）',
  },
] as const;

const EXIT_ENTRY_SERVICES = ['huzhao', 'gangao-tongxingzheng', 'taiwan-tongxingzheng'].flatMap((doc) =>
  ['shenling', 'huanling', 'buling'].map((action) => `${doc}-${action}-yuyue`),
);

export const TRAVEL_FAMILY_DEMO_SLOT_PLANS: readonly DemoSlotPlan[] = [
  ...EXIT_ENTRY_SERVICES.flatMap((serviceId) =>
    EXIT_ENTRY_HALLS.map((hall) => ({ serviceId, ...hall, times: HALF_DAYS, capacity: 20 })),
  ),
  {
    serviceId: 'hunyin-dengji-yuyue',
    cityCode: '440100',
    place: '天河区婚姻登记处',
    address: '广州市天河区天府路（演示地址）',
    times: HALF_DAYS,
    capacity: 8,
  },
  {
    serviceId: 'hunyin-dengji-yuyue',
    cityCode: '440100',
    place: '越秀区婚姻登记处',
    address: '广州市越秀区东风中路（演示地址）',
    times: [
      { start: '09:00', end: '10:30' },
      { start: '14:30', end: '16:00' },
    ],
    capacity: 10,
  },
  // Each hospital decides its own windows and places.
  {
    serviceId: 'shenling-chusheng-yixue-zhengming',
    cityCode: '440100',
    place: '广东省妇幼保健院',
    address: '广州市番禺区兴南大道（演示地址）',
    times: [
      { start: '08:30', end: '11:30' },
      { start: '14:30', end: '17:00' },
    ],
    capacity: 15,
  },
  {
    serviceId: 'shenling-chusheng-yixue-zhengming',
    cityCode: '440100',
    place: '广州市妇女儿童医疗中心',
    address: '广州市天河区金穗路（演示地址）',
    times: [{ start: '09:00', end: '11:00' }],
    capacity: 6,
  },
  ...[
    { lock: '门锁', capacity: 4 },
    { lock: '保险箱', capacity: 2 },
    { lock: '车锁', capacity: 2 },
  ].map(({ lock, capacity }) => ({
    serviceId: 'kaisuo-bianmin-fuwu',
    cityCode: '440100',
    place: `天河区${lock}开锁上门服务`,
    address: '上门服务：天河区范围内您等候的地点（演示）',
    times: [
      { start: '08:00', end: '10:00' },
      { start: '10:00', end: '12:00' },
      { start: '14:00', end: '16:00' },
      { start: '16:00', end: '18:00' },
    ],
    capacity,
  })),
  ...['天河区', '越秀区'].map((district) => ({
    serviceId: 'ranqi-yuyue-shangmen',
    cityCode: '440100',
    place: `广州燃气${district}上门服务`,
    address: `上门服务：燃气户号登记的用户地址（${district}，演示）`,
    times: [
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '17:00' },
    ],
    capacity: 5,
  })),
];
