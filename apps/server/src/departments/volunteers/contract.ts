import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumberInput, IsoDate, UpdatedAt } from '../kit/inputs.js';
import { VOLUNTEER_NUMBER, VOLUNTEER_STATUSES } from './codes.js';

/**
 * The volunteer registry (广东志愿者, “i志愿”, 广东省志愿者联合会) as a department contract: a person's
 * registration as a 注册志愿者 — number, where and with which 志愿服务组织 they registered, the service hours
 * recorded so far and the star level they give. What 我的证照's 注册志愿者证 is issued from (FEATURES A3).
 */

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const Volunteer = z
  .object({
    /** 志愿者编号 */
    volunteerNumber: z.string().regex(VOLUNTEER_NUMBER),
    name: z.string(),
    /** 注册日期 */
    registeredOn: IsoDate,
    /** 注册所在志愿服务组织 */
    organisation: z.string(),
    /** 注册地 (city of the organisation) */
    cityCode: z.enum(CITY_CODES),
    /** 累计志愿服务时长 (hours, one decimal) */
    serviceHours: z.number().min(0),
    /** 星级: 0 (none) … 5, derived from the hours */
    starLevel: z.number().int().min(0).max(5),
    starLevelName: z.string(),
    /** 最近一次服务日期, null when no service was recorded yet */
    lastServiceOn: IsoDate.nullable(),
    status: z.enum(keys(VOLUNTEER_STATUSES)),
    statusName: z.string(),
    /** 注销日期 (only for status cancelled) */
    cancelledOn: IsoDate.nullable(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'VolunteerRegistration', description: '注册志愿者信息' });
export type Volunteer = z.infer<typeof Volunteer>;

export const volunteersSpec = defineDepartment({
  id: 'volunteers',
  name: '广东省志愿者联合会',
  catalogDepartmentIds: ['gd-volunteers'],
  operations: {
    volunteer: {
      summary: '注册志愿者查询: the registration of an ID number (normal or cancelled), or null',
      input: IdNumberInput,
      output: z.object({ volunteer: Volunteer.nullable() }),
      idempotent: true,
    },
  },
});
export type VolunteersSpec = typeof volunteersSpec;
