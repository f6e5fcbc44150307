import { CITIES, type CityName } from '@yss/contracts';
import { budongchanServices } from './budongchan/index.js';
import { falvServices } from './falv/index.js';
import { gonggongServices } from './gonggong/index.js';
import { gongjijinServices } from './gongjijin/index.js';
import { hunyinServices } from './hunyin/index.js';
import { huzhaoTongxingzhengServices } from './huzhao-tongxingzheng/index.js';
import { huzhengServices } from './huzheng/index.js';
import { jiaotongServices } from './jiaotong/index.js';
import { jiaoyuServices } from './jiaoyu/index.js';
import { rencaiJiuyeServices } from './rencai-jiuye/index.js';
import { shebaoServices } from './shebao/index.js';
import { shehuiJiuzhuServices } from './shehui-jiuzhu/index.js';
import { shenghuoJiaofeiServices } from './shenghuo-jiaofei/index.js';
import { shuiwuServices } from './shuiwu/index.js';
import { tiaojieZhongcaiServices } from './tiaojie-zhongcai/index.js';
import type { ServiceDefinition } from './types.js';
import { xingshiJiashiServices } from './xingshi-jiashi/index.js';
import { xinshengerServices } from './xinshenger/index.js';
import { xinyongServices } from './xinyong/index.js';
import { zhengzhaoServices } from './zhengzhao/index.js';
import { zhucanServices } from './zhucan/index.js';

export { DEPARTMENTS } from './departments.js';
export { FAQS } from './faq.js';
export type { Availability, DepartmentDefinition, FaqDefinition, ServiceDefinition } from './types.js';
export {
  budongchanServices,
  falvServices,
  gonggongServices,
  gongjijinServices,
  hunyinServices,
  huzhaoTongxingzhengServices,
  huzhengServices,
  jiaotongServices,
  jiaoyuServices,
  rencaiJiuyeServices,
  shebaoServices,
  shehuiJiuzhuServices,
  shenghuoJiaofeiServices,
  shuiwuServices,
  tiaojieZhongcaiServices,
  xingshiJiashiServices,
  xinshengerServices,
  xinyongServices,
  zhengzhaoServices,
  zhucanServices,
};

/** Every service of the catalog, in the order of SERVICE_GROUPS (the guide's 服务 page). */
export const ALL_SERVICES: readonly ServiceDefinition[] = [
  ...shebaoServices,
  ...gongjijinServices,
  ...shehuiJiuzhuServices,
  ...zhucanServices,
  ...huzhengServices,
  ...jiaotongServices,
  ...xingshiJiashiServices,
  ...huzhaoTongxingzhengServices,
  ...hunyinServices,
  ...xinshengerServices,
  ...jiaoyuServices,
  ...gonggongServices,
  ...rencaiJiuyeServices,
  ...xinyongServices,
  ...shuiwuServices,
  ...tiaojieZhongcaiServices,
  ...shenghuoJiaofeiServices,
  ...budongchanServices,
  ...falvServices,
  ...zhengzhaoServices,
];

/** Whether `city` offers `service`, per the service's availability rule. */
export function isAvailableIn(service: ServiceDefinition, city: CityName): boolean {
  const { availability } = service;
  switch (availability.mode) {
    case 'all':
      return true;
    case 'only':
      return availability.cities.includes(city);
    case 'except':
      return !availability.cities.includes(city);
  }
}

/** The cities offering `service`, in the official city order (all 21 when available everywhere). */
export function availableCities(service: ServiceDefinition): CityName[] {
  return CITIES.map((c) => c.name).filter((name) => isAvailableIn(service, name));
}

/**
 * The guide's wording for why `city` lacks `service` ("暂仅支持广州"), or null when the city offers it.
 */
export function unavailableReason(
  service: ServiceDefinition,
  city: CityName,
): { readonly reason: string; readonly reasonEn: string } | null {
  const { availability } = service;
  if (availability.mode === 'all' || isAvailableIn(service, city)) return null;
  return { reason: availability.reason, reasonEn: availability.reasonEn };
}
