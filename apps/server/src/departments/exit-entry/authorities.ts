import type { CityCode } from '@yss/contracts';
import { guangdongCity } from '../kit/places.js';

/** The National Immigration Administration took over from the MPS Exit-Entry Administration in April 2018. */
export const issuingAuthority = (issuedOn: string) =>
  issuedOn >= '2018-04-10' ? '国家移民管理局' : '公安部出入境管理局';

export const officeOf = (cityCode: CityCode) => `${guangdongCity(cityCode).fullName}公安局出入境管理支队办证大厅`;
