import { z } from 'zod';
import { CITY_CODES } from './cities.js';

/**
 * 为他人办理 in 办件 and 预约: who acted for whom, as the viewer of the record sees it. Null on a record the
 * applicant made themself.
 */
export const OnBehalf = z
  .object({
    /** agent: the viewer made it for the applicant; principal: someone made it for the viewer. */
    role: z.enum(['agent', 'principal']),
    /** The other person, masked: the applicant (role agent) or the 代办人 (role principal). */
    otherNameMasked: z.string(),
    /** The mark shown on the record: 代办：为 张** 办理 / 由 李** 代办. */
    label: z.string(),
  })
  .meta({ id: 'OnBehalf' });
export type OnBehalf = z.infer<typeof OnBehalf>;

export function onBehalfLabel(role: OnBehalf['role'], otherNameMasked: string): string {
  return role === 'agent' ? `代办：为 ${otherNameMasked} 办理` : `由 ${otherNameMasked} 代办`;
}

/** 是否可以申请/预约: a service's eligibility asked before the form (or the slot) is chosen. */
export const EligibilityQuery = z
  .object({
    serviceId: z.string({ error: '请选择服务' }).trim().min(1, '请选择服务').max(80, '服务编号过长'),
    city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }),
    for: z.uuid({ error: '授权编号格式有误' }).optional(),
  })
  .strict();

export const EligibilityAnswer = z
  .object({
    serviceId: z.string(),
    eligible: z.boolean(),
    /** The refusal's stable code (APPLICATION_NOT_ELIGIBLE, APPOINTMENT_NOT_ELIGIBLE or a department's own). */
    code: z.string().nullable(),
    /** The department's reason in Chinese when not eligible. */
    reason: z.string().nullable(),
    /** True when asked for someone else (?for=). */
    forOthers: z.boolean(),
    /** Who would be the applicant, masked. */
    applicantNameMasked: z.string(),
  })
  .meta({ id: 'EligibilityAnswer' });
export type EligibilityAnswer = z.infer<typeof EligibilityAnswer>;
