import { z } from 'zod';

/**
 * 车辆购置税 (D4, 税务): a new vehicle's purchase tax, declared and paid online by its buyer. The tax department has
 * the purchases (机动车销售统一发票) under the buyer's ID number and computes the tax: 计税价格 = 价税合计 ÷ 1.13,
 * 应纳税额 = 计税价格 × 10 %, less the new-energy relief; past the 60 days, 滞纳金 of 万分之五 a day. One payment order
 * per purchase, paid at the provider's cashier; the tax department then issues the 车辆购置税完税证明（电子版）, whose
 * number is on the result page, in 消息 and on 完税证明查询.
 */

const Fen = z.number().int().meta({ description: '金额（分）' });

export const VEHICLE_PURCHASE_KIND_NAMES = { fuel: '燃油汽车', 'new-energy': '新能源汽车' } as const;
export const PURCHASE_TAX_STATUS_NAMES = { unpaid: '未缴', paid: '已缴' } as const;

export const VehiclePurchaseView = z
  .object({
    invoiceCode: z.string(),
    invoiceNumber: z.string(),
    /** 开票日期 = 购置日期 (纳税义务发生日期) */
    purchasedOn: z.string(),
    sellerName: z.string(),
    /** 价税合计 */
    invoiceTotalFen: Fen,
    /** 车辆识别代号, masked: LFV3A2*******1826 */
    vinMasked: z.string(),
    model: z.string(),
    vehicleKind: z.enum(['fuel', 'new-energy']),
    vehicleKindName: z.string(),
    /** 计税价格 = 价税合计 ÷ (1 + 13 %) */
    taxablePriceFen: Fen,
    /** 应纳税额 = 计税价格 × 10 % */
    taxFen: Fen,
    /** 减免税额 and its rule (新能源汽车) */
    reliefFen: Fen,
    reliefRule: z.string().nullable(),
    /** 减免后应纳税额 */
    payableTaxFen: Fen,
    /** 申报期限: the last day (purchase + 60 days) */
    deadline: z.string(),
    overdue: z.boolean(),
    overdueDays: z.number().int(),
    /** 滞纳金 (万分之五/日) */
    lateFeeFen: Fen,
    /** 应缴合计 (0 once paid, and when the relief covers the whole tax) */
    totalDueFen: Fen,
    status: z.enum(['unpaid', 'paid']),
    statusName: z.string(),
    paid: z
      .object({
        paidOn: z.string(),
        amountFen: Fen,
        lateFeeFen: Fen,
        /** 车辆购置税完税证明（电子版）号码 */
        certificateNumber: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'VehiclePurchaseView', description: '车辆购置税（按新车购置）' });
export type VehiclePurchaseView = z.infer<typeof VehiclePurchaseView>;

export const MyVehiclePurchases = z
  .object({
    purchases: z.array(VehiclePurchaseView),
    source: z.object({ department: z.string(), updatedAt: z.string().nullable() }),
  })
  .meta({ id: 'MyVehiclePurchases', description: '车辆购置税: the citizen’s own new-vehicle purchases' });
export type MyVehiclePurchases = z.infer<typeof MyVehiclePurchases>;

export const CreatePurchaseTaxPaymentInput = z
  .object({
    invoiceCode: z
      .string({ error: '请选择要缴纳购置税的车辆' })
      .trim()
      .regex(/^\d{10,12}$/, '发票代码应为10位或12位数字'),
    invoiceNumber: z
      .string({ error: '请选择要缴纳购置税的车辆' })
      .trim()
      .regex(/^\d{8}$/, '发票号码应为8位数字'),
    /** The 应缴合计 the citizen saw; refused with BILL_AMOUNT_CHANGED if the tax department now says otherwise. */
    amountFen: z
      .number({ error: '金额有误' })
      .int('金额有误')
      .positive('缴款金额须大于0')
      .max(1_000_000_000, '金额有误'),
    submissionId: z.uuid({ error: '提交编号有误' }),
  })
  .strict()
  .meta({ id: 'CreatePurchaseTaxPaymentInput' });
export type CreatePurchaseTaxPaymentInput = z.input<typeof CreatePurchaseTaxPaymentInput>;

/** A VIN as lists show it: the first six and the last four (LFV3A2*******1826). */
export function maskVin(vin: string): string {
  return vin.length <= 10 ? vin : `${vin.slice(0, 6)}${'*'.repeat(vin.length - 10)}${vin.slice(-4)}`;
}
