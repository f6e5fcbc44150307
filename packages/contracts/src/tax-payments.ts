import { z } from 'zod';
import { parsePlate } from './validators/plate.js';
import { parseResidentId } from './validators/resident-id.js';

/**
 * 车船税缴款 (D4, 税务): the vehicle-and-vessel tax of a vehicle, paid year by year for oneself (本人清缴: one's own
 * vehicles, as the tax department has them) or for another person (他人清缴: the plate and the owner's ID number;
 * the owner shown masked). One payment order per vehicle and tax year, paid at the payment provider's cashier;
 * the tax department records the payment and issues the 完税凭证 (its number on the result page and in 消息).
 */

const Fen = z.number().int().meta({ description: '金额（分）' });

/** 粤A8K2M6 (letters upper-cased, separators dropped by the server). */
export const VehiclePlateField = z
  .string({ error: '请填写车牌号码' })
  .trim()
  .min(1, '请填写车牌号码')
  .max(12, '车牌号码格式有误')
  .superRefine((v, ctx) => {
    const parsed = parsePlate(v.toUpperCase());
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

/** A second-generation resident ID number, check digit included (x accepted). */
export const OwnerIdNumberField = z
  .string({ error: '请填写车主身份证号码' })
  .trim()
  .min(1, '请填写车主身份证号码')
  .max(18, '身份证号码应为18位')
  .superRefine((v, ctx) => {
    const parsed = parseResidentId(v.toUpperCase());
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

export const VEHICLE_TAX_YEAR_STATUS_NAMES = { paid: '已缴', unpaid: '未缴', exempt: '免征' } as const;
export const VEHICLE_ENERGY_NAMES = { fuel: '燃油', electric: '纯电动', 'plug-in-hybrid': '插电式混合动力' } as const;

export const VehicleTaxYearView = z.object({
  year: z.number().int(),
  amountFen: Fen,
  status: z.enum(['paid', 'unpaid', 'exempt']),
  /** 已缴 / 未缴 / 免征 */
  statusName: z.string(),
  paidOn: z.string().nullable(),
  /** 扣缴义务人/缴款渠道: the insurer (with 交强险) or 粤省事. */
  collectedBy: z.string().nullable(),
});

export const VehicleTaxVehicle = z
  .object({
    plate: z.string(),
    vehicleType: z.string(),
    energy: z.enum(['fuel', 'electric', 'plug-in-hybrid']),
    energyName: z.string(),
    displacementLitres: z.number().nullable(),
    registeredOn: z.string(),
    /** The owner's ID number, masked (440***********031X): enough to check it is the right person. */
    ownerIdNumberMasked: z.string(),
    /** The citizen's own vehicle (本人清缴) or someone else's (他人清缴). */
    mine: z.boolean(),
    years: z.array(VehicleTaxYearView),
    /** 未缴合计 */
    unpaidFen: Fen,
    updatedAt: z.string(),
  })
  .meta({ id: 'VehicleTaxVehicle', description: '车船税信息（按车辆）' });
export type VehicleTaxVehicle = z.infer<typeof VehicleTaxVehicle>;

export const MyVehicleTax = z
  .object({
    vehicles: z.array(VehicleTaxVehicle),
    source: z.object({ department: z.string(), updatedAt: z.string().nullable() }),
  })
  .meta({ id: 'MyVehicleTax', description: '车船税（本人清缴）: the citizen’s own vehicles' });
export type MyVehicleTax = z.infer<typeof MyVehicleTax>;

/** 他人清缴: the vehicle by its plate and its owner's ID number (in the body: never in a URL). */
export const VehicleTaxLookupInput = z
  .object({ plate: VehiclePlateField, ownerIdNumber: OwnerIdNumberField })
  .strict()
  .meta({ id: 'VehicleTaxLookupInput' });
export type VehicleTaxLookupInput = z.input<typeof VehicleTaxLookupInput>;

export const CreateVehicleTaxPaymentInput = z
  .object({
    plate: VehiclePlateField,
    /** Absent: the citizen's own vehicle (本人清缴); else the owner's ID number (他人清缴). */
    ownerIdNumber: OwnerIdNumberField.optional(),
    year: z.number({ error: '请选择缴款年度' }).int('缴款年度有误').min(2000, '缴款年度有误').max(2100, '缴款年度有误'),
    /** The amount the citizen saw; refused with BILL_AMOUNT_CHANGED if the tax department now says otherwise. */
    amountFen: z.number({ error: '金额有误' }).int('金额有误').positive('缴款金额须大于0').max(100_000_000, '金额有误'),
    submissionId: z.uuid({ error: '提交编号有误' }),
  })
  .strict()
  .meta({ id: 'CreateVehicleTaxPaymentInput' });
export type CreateVehicleTaxPaymentInput = z.input<typeof CreateVehicleTaxPaymentInput>;
