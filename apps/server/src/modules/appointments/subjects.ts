import {
  APPOINTMENT_SUBJECT_KINDS,
  type AppointmentServiceSpec,
  type AppointmentSubject,
  type AppointmentSubjectKind,
  maskPlate,
} from '@yss/contracts';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';

/**
 * What a booking is for, where the service asks (AppointmentServiceSpec.subject): the applicant's own records, read
 * from the department that holds them at the moment of asking, so a vehicle sold yesterday is no longer offered.
 * The booking keeps only the record's blind index (one live booking per applicant, service and record) and a
 * masked label: the plate itself is never stored.
 */
export interface SubjectChoice extends AppointmentSubject {
  /** The record's key as the blind index takes it (a vehicle: its plate). */
  key: string;
  /** What the booking shows the citizen and the station: the plate masked, and the vehicle's type. */
  maskedLabel: string;
}

type SubjectSource = (departments: Departments, applicant: { idNumber: string }) => Promise<SubjectChoice[]>;

/** The vehicles the traffic police have registered to the applicant (机动车所有人), as 行驶证 shows them. */
const vehicles: SubjectSource = async (departments, applicant) => {
  const { vehicles } = await departments.traffic.client.vehicles({ idNumber: applicant.idNumber });
  return vehicles.map((v) => ({
    id: v.plate,
    key: v.plate,
    label: `${v.plate}（${v.vehicleTypeName}）`,
    detail: `${v.brandModel} · 检验有效期至${v.inspectionValidUntil}`,
    maskedLabel: `${maskPlate(v.plate)}（${v.vehicleTypeName}）`,
  }));
};

const SOURCES: Readonly<Record<AppointmentSubjectKind, SubjectSource>> = { vehicle: vehicles };

/** The records the applicant may book this service for (empty for a service without a subject). */
export function listSubjects(
  spec: AppointmentServiceSpec,
  departments: Departments,
  applicant: { idNumber: string },
): Promise<SubjectChoice[]> {
  return spec.subject ? SOURCES[spec.subject](departments, applicant) : Promise.resolve([]);
}

/**
 * The record a booking names, checked against the applicant's own: required where the service asks (400 with the
 * picker's words), refused where it does not, and 409 APPOINTMENT_NOT_ELIGIBLE for a record that is not theirs.
 */
export async function resolveSubject(
  spec: AppointmentServiceSpec,
  departments: Departments,
  applicant: { idNumber: string },
  subjectId: string | undefined,
): Promise<SubjectChoice | null> {
  if (!spec.subject) {
    if (subjectId === undefined) return null;
    throw new AppError('VALIDATION_FAILED', '该事项无需选择预约对象，请返回重新预约。', [
      { path: 'subjectId', message: '该事项无需选择预约对象' },
    ]);
  }
  const words = APPOINTMENT_SUBJECT_KINDS[spec.subject];
  if (subjectId === undefined) {
    throw new AppError('VALIDATION_FAILED', words.required, [{ path: 'subjectId', message: words.required }]);
  }
  const own = await SOURCES[spec.subject](departments, applicant);
  const wanted = normalizeKey(subjectId);
  const found = own.find((s) => normalizeKey(s.key) === wanted);
  if (found) return found;
  throw new AppError('APPOINTMENT_NOT_ELIGIBLE', words.notYours);
}

/** Plates compare without case or the separators people type (粤a·12345 is 粤A12345). */
function normalizeKey(key: string): string {
  return key.replace(/[\s·.-]/g, '').toUpperCase();
}
