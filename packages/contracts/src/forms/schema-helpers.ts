import { z } from 'zod';
import { MOBILE_PHONE_PATTERN } from '../identity.js';
import { parsePersonName } from '../validators/person-name.js';
import { parsePlate } from '../validators/plate.js';
import { parseResidentId } from '../validators/resident-id.js';

/**
 * The pieces application forms' schemas are made of, each with the Chinese message a citizen reads under the
 * field. Form values arrive as strings (the form is text fields, choices and dates); these keep them strings.
 */

/** A required text, trimmed, at most `max` characters. */
export const trimmed = (required: string, max: number, tooLong: string) =>
  z.string({ error: required }).trim().min(1, required).max(max, tooLong);

/** An optional text, trimmed, at most `max` characters (empty counts as not given). */
export const optionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).optional();

/** One of the values of a select field's options. */
export const choice = (options: readonly { readonly value: string }[], required: string) =>
  z.enum(options.map((o) => o.value) as [string, ...string[]], { error: required });

/** An 11-digit mainland mobile number. */
export const mobilePhone = (required = '请填写手机号码') =>
  z.string({ error: required }).trim().min(1, required).regex(MOBILE_PHONE_PATTERN, '请输入正确的11位手机号码');

/** A second-generation resident ID number, check digit included (x accepted, stored as X). */
export const residentIdNumber = (required = '请填写身份证号码') =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .transform((v) => v.toUpperCase())
    .superRefine((v, ctx) => {
      const parsed = parseResidentId(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    });

/** A person's name as on the ID card (standard characters, · between parts). */
export const personName = (required = '请填写姓名') =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .superRefine((v, ctx) => {
      const parsed = parsePersonName(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    });

/** A vehicle plate (粤A12345, new-energy 粤BD12345). */
export const plateNumber = (required = '请填写车牌号码') =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .transform((v) => v.toUpperCase())
    .superRefine((v, ctx) => {
      const parsed = parsePlate(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    });

/** A calendar date YYYY-MM-DD (the app's date picker writes this form). */
export const isoDate = (required = '请选择日期') =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式有误，请重新选择')
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      {
        message: '日期不存在，请重新选择',
      },
    );

/** An e-mail address. */
export const emailAddress = (required = '请填写电子邮箱') =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(120, '电子邮箱不能超过120个字符')
    .pipe(z.email('请输入正确的电子邮箱'));

/** A whole number in [min, max], written in digits (a text field with a numeric keyboard). */
export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .regex(/^\d+$/, `${label}请填写整数`)
    .refine((v) => Number(v) >= min && Number(v) <= max, { message: `${label}应在${min}到${max}之间` });
