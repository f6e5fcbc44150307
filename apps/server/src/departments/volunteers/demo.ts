import { demoPerson } from '../kit/demo.js';
import type { VolunteerRow } from './generator.js';

/**
 * Hand-picked registrations of the README's demo people (docs/departments/volunteers.md): 李娜 is a
 * 二星级志愿者 of 深圳市义工联合会, 张伟 registered in 广州 with fewer hours (no star yet), 刘洋's registration
 * was cancelled at his request; everyone else (陈志强 …) has none. The province's date is 2026-01-01.
 */

const at = (on: string) => `${on}T03:00:00.000Z`;

const row = (name: string, fields: Omit<VolunteerRow, 'idNumber' | 'name' | 'updatedAt'>): VolunteerRow => ({
  idNumber: demoPerson(name).idNumber,
  name,
  ...fields,
  updatedAt: at(fields.cancelledOn ?? fields.lastServiceOn ?? fields.registeredOn),
});

const RECORDS: Record<string, VolunteerRow> = {
  李娜: row('李娜', {
    volunteerNumber: '4403201503050417',
    registeredOn: '2015-03-05',
    organisation: '深圳市义工联合会',
    cityCode: '440300',
    serviceHours: 356.5,
    lastServiceOn: '2025-12-20',
    status: 'normal',
    cancelledOn: null,
  }),
  张伟: row('张伟', {
    volunteerNumber: '4401201906150832',
    registeredOn: '2019-06-15',
    organisation: '广州市天河区志愿者协会',
    cityCode: '440100',
    serviceHours: 48,
    lastServiceOn: '2025-10-18',
    status: 'normal',
    cancelledOn: null,
  }),
  刘洋: row('刘洋', {
    volunteerNumber: '4401201709230615',
    registeredOn: '2017-09-23',
    organisation: '广州市青年志愿者协会',
    cityCode: '440100',
    serviceHours: 126,
    lastServiceOn: '2021-05-01',
    status: 'cancelled',
    cancelledOn: '2024-03-12',
  }),
};

export const DEMO_VOLUNTEERS: ReadonlyMap<string, VolunteerRow> = new Map(
  Object.entries(RECORDS).map(([name, record]) => [demoPerson(name).personId, record]),
);
