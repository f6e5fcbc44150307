import { GUANGDONG_CITIES } from '../population-register/generator.js';
import type { CreditTables } from './tables.js';

type Kind = CreditTables['dept_credit.enterprises']['kind'];

/**
 * Parts of a registration that follow from other fields, computed rather than stored (the pool is written at
 * every start of the sandbox, so it is kept narrow): the city, the registration authority (登记机关) and the
 * business scope (经营范围, one template per industry).
 */
export function cityCodeOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

function names(regionCode: string) {
  const city = GUANGDONG_CITIES.find((c) => c.code === cityCodeOf(regionCode));
  const district = city?.districts.find((d) => d.code === regionCode && d.code !== city.code);
  return { city: city?.fullName ?? '', district: district?.name ?? '' };
}

export function registrationAuthorityOf(regionCode: string, kind: Kind): string {
  const { city, district } = names(regionCode);
  return kind === 'institution' ? `${city}事业单位登记管理局` : `${city}${district}市场监督管理局`;
}

const SCOPES: Record<string, string> = {
  信息技术: '软件开发；信息技术咨询服务；信息系统集成服务；数据处理和存储支持服务',
  批发零售: '日用百货销售；食品销售（仅销售预包装食品）；五金产品零售；家用电器销售',
  建筑: '建设工程施工；住宅室内装饰装修；建筑材料销售',
  交通运输: '普通货物仓储服务；国内货物运输代理；道路货物运输（不含危险货物）',
  住宿餐饮: '餐饮服务；餐饮管理；食品销售',
  制造: '产品研发、生产与销售；货物进出口；技术进出口',
  房地产: '物业管理；停车场服务；房地产经纪',
  医药: '药品零售；医疗器械销售；保健食品销售',
  教育: '教育咨询服务（不含涉许可审批的教育培训活动）；组织文化艺术交流活动',
  汽车: '汽车零配件零售；机动车修理和维护；汽车拖车、求援、清障服务',
};

export function businessScopeOf(industry: string): string {
  return `一般项目：${SCOPES[industry] ?? '一般经营项目'}。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`;
}
