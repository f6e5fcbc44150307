/**
 * Reference data of the sandbox traffic-management system (交管): licence classes, plate types, vehicle
 * models and the violation codes it records. Violation codes follow the shape of the national 违法代码 table
 * (GA 408.1: four digits) and their points the 2022 scoring rules (公安部令第163号); the fines are within
 * the statutory ranges of the Road Traffic Safety Law and Guangdong's regulations, one amount per code
 * (cities differ in practice: a simplification of the sandbox, documented in docs/departments/traffic.md).
 */

/** 准驾车型: the classes the sandbox issues. */
export const LICENCE_CLASSES = {
  A1: '大型客车',
  A2: '重型牵引挂车',
  B2: '大型货车',
  C1: '小型汽车',
  C2: '小型自动挡汽车',
  D: '普通三轮摩托车',
  E: '普通二轮摩托车',
} as const;
export type LicenceClass = keyof typeof LICENCE_CLASSES;

/** 驾驶证状态 */
export const LICENCE_STATUSES = {
  normal: '正常',
  'over-points': '超分',
  'overdue-renewal': '逾期未换证',
  suspended: '暂扣',
  revoked: '吊销',
} as const;
export type LicenceStatus = keyof typeof LICENCE_STATUSES;

/** 号牌种类 (GA 36-2018 codes in brackets). */
export const PLATE_TYPES = {
  'small-car': '小型汽车号牌', // 02
  'small-new-energy': '小型新能源汽车号牌', // 52
  'hk-macao': '粤港澳入出境车号牌', // 26/27: the 粤Z series
} as const;
export type PlateType = keyof typeof PLATE_TYPES;

/** 车辆类型 (the codes of GA 802). */
export const VEHICLE_TYPES = {
  K33: '小型轿车',
  K31: '小型普通客车',
} as const;
export type VehicleType = keyof typeof VEHICLE_TYPES;

export const ENERGY_TYPES = {
  petrol: '汽油',
  electric: '纯电动',
  phev: '插电式混合动力',
} as const;
export type EnergyType = keyof typeof ENERGY_TYPES;

/** 机动车状态 */
export const VEHICLE_STATUSES = {
  normal: '正常',
  'overdue-inspection': '逾期未检验',
  mortgaged: '抵押',
} as const;
export type VehicleStatus = keyof typeof VEHICLE_STATUSES;

/** 违法记录的处理状态 */
export const VIOLATION_STATUSES = {
  unhandled: '未处理',
  handled: '已处理',
} as const;
export type ViolationStatus = keyof typeof VIOLATION_STATUSES;

export interface ViolationCode {
  code: string;
  description: string;
  /** 罚款 in yuan. */
  fine: number;
  /** 记分 */
  points: number;
  /** Relative frequency in the generated records. */
  weight: number;
}

export const VIOLATION_CODES: readonly ViolationCode[] = [
  {
    code: '1039',
    description: '机动车违反规定停放、临时停车且驾驶人不在现场，妨碍其他车辆、行人通行的',
    fine: 200,
    points: 0,
    weight: 35,
  },
  { code: '1625', description: '驾驶机动车违反道路交通信号灯通行的', fine: 200, points: 6, weight: 8 },
  {
    code: '1357',
    description: '驾驶机动车行经人行横道不按规定减速、停车、避让行人的',
    fine: 200,
    points: 3,
    weight: 14,
  },
  {
    code: '1352',
    description: '驾驶小型载客汽车在高速公路、城市快速路以外的道路上行驶超过规定时速20%以上未达到50%的',
    fine: 200,
    points: 3,
    weight: 10,
  },
  {
    code: '1303',
    description: '驾驶小型载客汽车在高速公路、城市快速路以外的道路上行驶超过规定时速10%以上未达到20%的',
    fine: 200,
    points: 1,
    weight: 15,
  },
  { code: '1345', description: '驾驶机动车违反禁止标线指示的', fine: 100, points: 1, weight: 18 },
];

export function violationCode(code: string): ViolationCode {
  const found = VIOLATION_CODES.find((c) => c.code === code);
  if (!found) throw new Error(`unknown violation code ${code}`);
  return found;
}

export interface VehicleModel {
  /** 品牌型号 as printed on the 行驶证. */
  brandModel: string;
  /** World manufacturer identifier: the first three characters of the VIN. */
  wmi: string;
  energy: EnergyType;
  vehicleType: VehicleType;
  seats: number;
  /** First model year the sandbox registers it. */
  since: number;
}

/** Synthetic model designations in the shape of real ones (brand 牌 + enterprise code + numbers). */
export const VEHICLE_MODELS: readonly VehicleModel[] = [
  { brandModel: '丰田牌GTM7201GB', wmi: 'LVG', energy: 'petrol', vehicleType: 'K33', seats: 5, since: 2008 },
  { brandModel: '本田牌GHA7150ACC6A', wmi: 'LHG', energy: 'petrol', vehicleType: 'K33', seats: 5, since: 2008 },
  { brandModel: '日产牌DFL7160VBL2', wmi: 'LGB', energy: 'petrol', vehicleType: 'K33', seats: 5, since: 2008 },
  { brandModel: '大众牌SVW71411CJ', wmi: 'LSV', energy: 'petrol', vehicleType: 'K33', seats: 5, since: 2008 },
  { brandModel: '传祺牌GAC6450J1F6', wmi: 'LMG', energy: 'petrol', vehicleType: 'K31', seats: 7, since: 2012 },
  { brandModel: '别克牌SGM6521ATA', wmi: 'LSG', energy: 'petrol', vehicleType: 'K31', seats: 7, since: 2008 },
  { brandModel: '比亚迪牌BYD7006BEV', wmi: 'LC0', energy: 'electric', vehicleType: 'K33', seats: 5, since: 2017 },
  { brandModel: '比亚迪牌BYD7152WT6HEV', wmi: 'LC0', energy: 'phev', vehicleType: 'K33', seats: 5, since: 2018 },
  { brandModel: '埃安牌GAM7000BEVA0', wmi: 'LMG', energy: 'electric', vehicleType: 'K33', seats: 5, since: 2019 },
  { brandModel: '小鹏牌NHQ7000BEVBA', wmi: 'LMV', energy: 'electric', vehicleType: 'K33', seats: 5, since: 2020 },
  { brandModel: '特斯拉牌TSL7000BEVAR0', wmi: 'LRW', energy: 'electric', vehicleType: 'K33', seats: 5, since: 2020 },
  { brandModel: '理想牌LXA6500SHEVR1', wmi: 'LW4', energy: 'phev', vehicleType: 'K31', seats: 6, since: 2020 },
];
