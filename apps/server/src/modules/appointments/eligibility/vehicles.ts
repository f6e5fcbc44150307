import { AppError } from '../../../http/app-error.js';
import type { AppointmentEligibilityCheck } from './index.js';

/**
 * 年审预约 (D3): the inspection of a motor vehicle is booked by its owner (机动车所有人), so the traffic police's
 * register must show a vehicle in the applicant's name. A department that does not answer throws the connector's
 * DEPARTMENT_UNAVAILABLE: never a yes.
 */
const annualInspection: AppointmentEligibilityCheck = async (ctx) => {
  const { vehicles } = await ctx.departments.traffic.client.vehicles({ idNumber: ctx.applicant.idNumber });
  if (vehicles.length > 0) return;
  throw new AppError(
    'APPOINTMENT_NOT_ELIGIBLE',
    '交管部门未查询到登记在您名下的机动车。机动车年审须由机动车所有人预约；如车辆登记在他人名下，请由所有人预约。',
  );
};

export const VEHICLE_APPOINTMENT_RULES: Readonly<Record<string, AppointmentEligibilityCheck>> = {
  'nianshen-yuyue': annualInspection,
};
