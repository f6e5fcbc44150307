import {
  parseDigitalInvoiceNumber,
  parseInvoiceCheckCode,
  parseInvoiceCode,
  parseInvoiceNumber,
  parsePlate,
} from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { DateField, IdNumberField, IsoDate, Month, MonthField, Timestamp, Yuan } from '../province/zod-inputs.js';

/**
 * 国家税务总局广东省税务局 as a department system: income tax withheld on wages (个税缴纳明细), social insurance
 * fees it collects (社保费缴费明细), e-tax certificates (电子完税证明: issue, verify), vehicle and vessel tax
 * (车船税: look up, pay), and the invoice services of 票据助手 (verification as the national platform does it,
 * the lost/stolen invoice check). Amounts are yuan with two decimals (computed in fen, exact).
 */

/** The longest period one query covers (months). */
export const MAX_PERIOD_MONTHS = 60;

const monthsApart = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

export const PeriodQuery = z
  .object({ idNumber: IdNumberField, from: MonthField, to: MonthField })
  .refine((q) => q.from <= q.to, { message: '起始月份不能晚于结束月份', path: ['to'] })
  .refine((q) => monthsApart(q.from, q.to) < MAX_PERIOD_MONTHS, {
    message: `查询区间不能超过${MAX_PERIOD_MONTHS}个月`,
    path: ['to'],
  })
  .meta({ id: 'TaxPeriodQuery' });

const Party = z.object({ name: z.string(), uscc: z.string().meta({ description: '统一社会信用代码' }) });

export const IncomeTaxRecord = z
  .object({
    /** 税款所属期 */
    month: Month.meta({ description: '税款所属期 YYYY-MM' }),
    incomeItem: z.literal('正常工资薪金所得').meta({ description: '所得项目' }),
    withholdingAgent: Party.meta({ description: '扣缴义务人' }),
    income: Yuan.meta({ description: '收入额（元）' }),
    basicDeduction: Yuan.meta({ description: '减除费用（元）: 3500 before 2018-10, 5000 since' }),
    socialInsurance: Yuan.meta({ description: '专项扣除: 个人缴纳的基本养老、医疗、失业保险费（元）' }),
    tax: Yuan.meta({ description: '已缴税额（元）' }),
    declaredOn: IsoDate.meta({ description: '申报日期' }),
    taxAuthority: z.string().meta({ description: '主管税务机关' }),
  })
  .meta({ id: 'TaxIncomeTaxRecord', description: '个人所得税缴纳明细（按月）' });

export const IncomeTaxDetails = z
  .object({
    from: Month,
    to: Month,
    records: z.array(IncomeTaxRecord),
    totalIncome: Yuan,
    totalTax: Yuan,
    updatedAt: Timestamp,
  })
  .meta({ id: 'TaxIncomeTaxDetails' });

export const InsuranceKindEnum = z.enum(['pension', 'medical', 'unemployment', 'work-injury', 'maternity']);

export const SocialInsuranceFeeRecord = z
  .object({
    month: Month.meta({ description: '费款所属期 YYYY-MM' }),
    payer: Party.meta({ description: '缴费单位' }),
    contributionBase: Yuan.meta({ description: '缴费基数（元）' }),
    items: z.array(
      z.object({
        kind: InsuranceKindEnum,
        name: z.string().meta({ description: '征收品目, e.g. 基本养老保险费' }),
        unitAmount: Yuan.meta({ description: '单位缴纳（元）' }),
        personalAmount: Yuan.meta({ description: '个人缴纳（元）' }),
      }),
    ),
    unitTotal: Yuan,
    personalTotal: Yuan,
    paidOn: IsoDate.meta({ description: '缴费日期' }),
    taxAuthority: z.string(),
  })
  .meta({ id: 'TaxSocialInsuranceFeeRecord', description: '社会保险费缴费明细（按月）' });

export const SocialInsuranceFeeDetails = z
  .object({
    from: Month,
    to: Month,
    records: z.array(SocialInsuranceFeeRecord),
    unitTotal: Yuan,
    personalTotal: Yuan,
    updatedAt: Timestamp,
  })
  .meta({ id: 'TaxSocialInsuranceFeeDetails' });

// ---------------------------------------------------------------------------------------------------------
// 电子完税证明 (e-tax certificates)
// ---------------------------------------------------------------------------------------------------------

export const CERTIFICATE_KINDS = ['income-tax', 'social-insurance-fee'] as const;
export const CERTIFICATE_KIND_NAMES = {
  'income-tax': '个人所得税完税证明',
  'social-insurance-fee': '社会保险费完税证明',
} as const;

/** 电子税票号码 as this tax system issues them: 18 digits (see docs/departments/tax.md). */
export const CertificateNumberField = z
  .string()
  .trim()
  .regex(/^\d{18}$/, '电子税票号码应为18位数字')
  .meta({ description: '电子税票号码（18位数字）' });

export const TaxCertificate = z
  .object({
    number: z.string().regex(/^\d{18}$/),
    kind: z.enum(CERTIFICATE_KINDS),
    kindName: z.string(),
    /** Masked: a verifier sees whose certificate it is without learning the full name or ID number. */
    taxpayerName: z.string().meta({ description: '纳税人名称（脱敏）, e.g. 张*' }),
    idNumberMasked: z.string().meta({ description: '身份证件号码（脱敏）, e.g. 440106**********31' }),
    from: Month,
    to: Month,
    total: Yuan.meta({ description: '实缴（退）金额合计（元）' }),
    issuedOn: IsoDate,
    taxAuthority: z.string().meta({ description: '开具税务机关' }),
  })
  .meta({ id: 'TaxCertificate', description: '电子完税证明（查验结果）' });

/** 身份证件号码后6位: what a verifier of a 个税缴纳清单 types from the taxpayer's ID card beside the number. */
export const IdNumberTailField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{5}[\dX]$/, '身份证件号码后6位应为6位数字（最后一位可为X）')
  .meta({ description: '纳税人身份证件号码后6位' });

/** One month of a 个税缴纳清单 as a verifier sees it: what was withheld, by whom. */
export const TaxListRecord = z
  .object({
    month: Month.meta({ description: '税款所属期 YYYY-MM' }),
    incomeItem: z.literal('正常工资薪金所得').meta({ description: '所得项目' }),
    withholdingAgentName: z.string().meta({ description: '扣缴义务人名称' }),
    income: Yuan.meta({ description: '收入额（元）' }),
    tax: Yuan.meta({ description: '已缴税额（元）' }),
  })
  .meta({ id: 'TaxListRecord', description: '个税缴纳清单（按月）' });

/**
 * 个税缴纳清单查验: the 纳税清单 issued with an income-tax 完税证明 (开具电子税票), month by month. Monthly incomes say
 * more than a certificate's total, so the check asks for the taxpayer's ID-number tail as well as the number.
 */
export const TaxList = z
  .object({ certificate: TaxCertificate, records: z.array(TaxListRecord) })
  .meta({ id: 'TaxList', description: '个税缴纳清单（查验结果）' });

export const IssueCertificateInput = z
  .object({
    idNumber: IdNumberField,
    kind: z.enum(CERTIFICATE_KINDS),
    from: MonthField,
    to: MonthField,
    delivery: z.discriminatedUnion('method', [
      z.object({ method: z.literal('email'), email: z.email('邮箱地址格式有误') }),
      z.object({
        method: z.literal('post'),
        recipient: z.string().trim().min(1, '请填写收件人').max(30),
        phone: z.string().regex(/^1[3-9]\d{9}$/, '手机号码格式有误'),
        address: z.string().trim().min(6, '请填写详细的邮寄地址').max(120),
      }),
    ]),
  })
  .refine((q) => q.from <= q.to, { message: '起始月份不能晚于结束月份', path: ['to'] })
  .refine((q) => q.to.slice(0, 4) === q.from.slice(0, 4), {
    message: '完税证明按年度开具，起止月份须在同一年度',
    path: ['to'],
  })
  // 粤省事 issues income-tax certificates for years before 2019 only (later years: 个人所得税 app).
  .refine((q) => q.kind !== 'income-tax' || q.to < '2019-01', {
    message: '仅可开具2019年以前的个人所得税完税证明',
    path: ['to'],
  })
  .refine((q) => q.kind !== 'social-insurance-fee' || q.delivery.method === 'email', {
    message: '社会保险费完税证明仅支持发送至邮箱',
    path: ['delivery'],
  })
  .meta({ id: 'TaxIssueTaxCertificateInput' });

// ---------------------------------------------------------------------------------------------------------
// 车船税 (vehicle and vessel tax)
// ---------------------------------------------------------------------------------------------------------

export const PlateField = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = parsePlate(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  })
  .meta({ description: '号牌号码, e.g. 粤A12345' });

export const VehicleTaxYear = z.object({
  year: z.number().int(),
  amount: Yuan.meta({ description: '应纳税额（元）' }),
  status: z.enum(['paid', 'unpaid', 'exempt']).meta({ description: 'paid 已缴; unpaid 未缴; exempt 免征（新能源）' }),
  paidOn: IsoDate.nullable(),
  /** Who collected it: the insurer (代收代缴, with 交强险) or 粤省事 (the taxpayer's own payment). */
  collectedBy: z.string().nullable().meta({ description: '扣缴义务人/缴款渠道' }),
});

export const TaxedVehicle = z
  .object({
    plate: z.string(),
    vehicleType: z.string().meta({ description: '车辆类型, e.g. 小型普通客车' }),
    displacementLitres: z.number().nullable().meta({ description: '排气量（升）; null for pure electric' }),
    energy: z.enum(['fuel', 'electric', 'plug-in-hybrid']),
    registeredOn: IsoDate,
    years: z.array(VehicleTaxYear),
    amountDue: Yuan.meta({ description: '未缴合计（元）' }),
    updatedAt: Timestamp,
  })
  .meta({ id: 'TaxedVehicle', description: '车船税信息（按车辆）' });

export const PayVehicleTaxInput = z
  .object({
    plate: PlateField,
    /** The vehicle owner's ID number: paying for another person (他人清缴) needs the plate and it. */
    ownerIdNumber: IdNumberField,
    payerIdNumber: IdNumberField,
    years: z.array(z.number().int().min(2000).max(2100)).min(1, '请选择缴款年度').max(20),
    /** The platform's payment reference: one payment, whatever the retries. */
    paymentReference: z.string().trim().min(8).max(64),
  })
  .meta({ id: 'TaxPayVehicleTaxInput' });

export const VehicleTaxReceipt = z
  .object({
    paymentReference: z.string(),
    plate: z.string(),
    years: z.array(z.number().int()),
    amount: Yuan,
    paidOn: IsoDate,
    certificateNumber: z.string().meta({ description: '电子缴款凭证号码' }),
  })
  .meta({ id: 'TaxVehicleTaxReceipt' });

// ---------------------------------------------------------------------------------------------------------
// 车辆购置税 (vehicle purchase tax; purchase-tax.ts has the computation)
// ---------------------------------------------------------------------------------------------------------

export const VehiclePurchase = z
  .object({
    invoice: z
      .object({
        code: z.string().meta({ description: '发票代码' }),
        number: z.string().meta({ description: '发票号码' }),
        issuedOn: IsoDate.meta({ description: '开票日期（纳税义务发生日期）' }),
        seller: Party.meta({ description: '销货单位' }),
        total: Yuan.meta({ description: '价税合计（元）' }),
      })
      .meta({ description: '机动车销售统一发票' }),
    vin: z.string().meta({ description: '车辆识别代号（车架号）' }),
    model: z.string().meta({ description: '厂牌型号' }),
    vehicleKind: z.enum(['fuel', 'new-energy']).meta({ description: 'fuel 燃油车; new-energy 新能源汽车' }),
    taxablePrice: Yuan.meta({ description: '计税价格 = 价税合计 ÷ 1.13（元）' }),
    tax: Yuan.meta({ description: '应纳税额 = 计税价格 × 10%（元）' }),
    relief: Yuan.meta({ description: '减免税额（元）' }),
    reliefRule: z.string().nullable().meta({ description: '减免政策' }),
    payableTax: Yuan.meta({ description: '减免后应纳税额（元）' }),
    deadline: IsoDate.meta({ description: '申报期限（购置之日起60日）' }),
    overdueDays: z.number().int().min(0).meta({ description: '逾期天数（未缴时按今日计算）' }),
    lateFee: Yuan.meta({ description: '滞纳金: 万分之五/日（元）' }),
    totalDue: Yuan.meta({ description: '应缴合计（元）; 0 once paid' }),
    status: z.enum(['unpaid', 'paid']),
    paid: z
      .object({
        paidOn: IsoDate,
        amount: Yuan.meta({ description: '实缴金额（税款 + 滞纳金）' }),
        lateFee: Yuan,
        certificateNumber: z.string().meta({ description: '车辆购置税完税证明（电子版）号码' }),
      })
      .nullable(),
  })
  .meta({ id: 'TaxVehiclePurchase', description: '车辆购置税（按机动车销售统一发票）' });

export const InvoiceCodeField = z
  .string()
  .trim()
  .regex(/^\d{10,12}$/, '发票代码应为10位或12位数字')
  .meta({ description: '发票代码' });
export const InvoiceNumberField = z
  .string()
  .trim()
  .regex(/^\d{8}$/, '发票号码应为8位数字')
  .meta({ description: '发票号码' });

export const PayPurchaseTaxInput = z
  .object({
    invoiceCode: InvoiceCodeField,
    invoiceNumber: InvoiceNumberField,
    /** The buyer's ID number: only the buyer's own purchase is paid. */
    idNumber: IdNumberField,
    /** The total the platform collected (税款 + 滞纳金): a different total due today is refused. */
    amount: Yuan,
    /** The platform's payment reference: one payment, whatever the retries. */
    paymentReference: z.string().trim().min(8).max(64),
  })
  .meta({ id: 'TaxPayPurchaseTaxInput' });

export const PurchaseTaxReceipt = z
  .object({
    paymentReference: z.string(),
    vin: z.string(),
    amount: Yuan,
    lateFee: Yuan,
    paidOn: IsoDate,
    certificateNumber: z.string().meta({ description: '车辆购置税完税证明（电子版）号码' }),
  })
  .meta({ id: 'TaxPurchaseTaxReceipt' });

// ---------------------------------------------------------------------------------------------------------
// Invoices (发票查验, 丢失被盗发票查询)
// ---------------------------------------------------------------------------------------------------------

export const INVOICE_STATUSES = ['normal', 'void', 'red-reversed'] as const;
export const INVOICE_STATUS_NAMES = { normal: '正常', void: '作废', 'red-reversed': '红冲' } as const;

/** Kinds that the national platform verifies by 开具金额（不含税）; the other coded kinds by 校验码后6位. */
export const VERIFIED_BY_AMOUNT = new Set([
  'vat-special',
  'vat-electronic-special',
  'vat-freight-special',
  'motor-vehicle-sales',
]);

export const VerifyInvoiceInput = z
  .object({
    /** 发票代码 (10 or 12 digits); absent for a 数电票, whose number is 20 digits. */
    code: z.string().optional(),
    number: z.string(),
    issuedOn: DateField.meta({ description: '开票日期' }),
    /** 开具金额（不含税） for special invoices; 价税合计 for 数电票. */
    amount: z.number().positive('金额应大于0').optional(),
    /** 校验码: the 20 digits or their last 6 (ordinary invoices). */
    checkCode: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (q.code === undefined || q.code.trim() === '') {
      const digital = parseDigitalInvoiceNumber(q.number);
      if (!digital.ok) return issue('number', /^\s*\d{8}\s*$/.test(q.number) ? '请输入发票代码' : digital.message);
      if (q.amount === undefined) issue('amount', '请输入价税合计金额');
      return;
    }
    const code = parseInvoiceCode(q.code);
    if (!code.ok) return issue('code', code.message);
    const number = parseInvoiceNumber(q.number);
    if (!number.ok) return issue('number', number.message);
    if (VERIFIED_BY_AMOUNT.has(code.kind)) {
      if (q.amount === undefined) issue('amount', '请输入开具金额（不含税）');
    } else if (q.checkCode === undefined) {
      issue('checkCode', '请输入校验码后6位');
    } else {
      const check = parseInvoiceCheckCode(q.checkCode);
      if (!check.ok) issue('checkCode', check.message);
    }
  })
  .meta({ id: 'TaxVerifyInvoiceInput' });

export const VerifiedInvoice = z
  .object({
    kind: z.string().meta({ description: '发票种类, e.g. 增值税电子普通发票, 电子发票（普通发票）' }),
    code: z.string().nullable(),
    number: z.string(),
    issuedOn: IsoDate,
    seller: Party,
    buyer: z.object({ name: z.string(), taxId: z.string().nullable() }),
    goods: z.string().meta({ description: '货物或应税劳务、服务名称' }),
    amount: Yuan.meta({ description: '金额（不含税）' }),
    tax: Yuan.meta({ description: '税额' }),
    total: Yuan.meta({ description: '价税合计' }),
    checkCode: z.string().nullable(),
    status: z.enum(INVOICE_STATUSES),
    statusName: z.string().meta({ description: '正常 / 作废 / 红冲' }),
  })
  .meta({ id: 'TaxVerifiedInvoice' });

export const InvoiceVerification = z
  .discriminatedUnion('result', [
    z.object({ result: z.literal('consistent'), invoice: VerifiedInvoice }),
    /** The invoice exists but a detail typed differs (the platform's 不一致). */
    z.object({ result: z.literal('inconsistent') }),
    /** 查无此票 */
    z.object({ result: z.literal('not-found') }),
  ])
  .meta({ id: 'TaxInvoiceVerification' });

export const LostInvoiceInput = z
  .object({
    code: z.string().superRefine((value, ctx) => {
      const parsed = parseInvoiceCode(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
    number: z.string().superRefine((value, ctx) => {
      const parsed = parseInvoiceNumber(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
  })
  .meta({ id: 'TaxLostInvoiceInput' });

export const LostInvoiceAnswer = z
  .discriminatedUnion('reported', [
    z.object({ reported: z.literal(false) }),
    z.object({
      reported: z.literal(true),
      kind: z.string(),
      reportedOn: IsoDate.meta({ description: '报失日期' }),
      seller: Party.meta({ description: '报失单位' }),
      taxAuthority: z.string(),
    }),
  ])
  .meta({ id: 'TaxLostInvoiceAnswer' });

const IdQuery = z.object({ idNumber: IdNumberField });

export const taxSpec = defineDepartment({
  id: 'tax',
  name: '国家税务总局广东省税务局',
  catalogDepartmentIds: ['gd-tax'],
  operations: {
    incomeTaxDetails: {
      summary: '个税缴纳明细: income tax withheld on wages, month by month, for a period',
      input: PeriodQuery,
      output: z.object({ details: IncomeTaxDetails.nullable() }),
      idempotent: true,
    },
    socialInsuranceFeeDetails: {
      summary: '社保费缴费明细: social insurance fees paid through the tax bureau, month by month',
      input: PeriodQuery,
      output: z.object({ details: SocialInsuranceFeeDetails.nullable() }),
      idempotent: true,
    },
    issueTaxCertificate: {
      summary: '开具电子税票: an e-tax certificate for a year (income tax before 2019; social insurance fees)',
      input: IssueCertificateInput,
      output: z.discriminatedUnion('issued', [
        z.object({ issued: z.literal(true), certificate: TaxCertificate }),
        z.object({ issued: z.literal(false), reason: z.enum(['no-records']) }),
      ]),
      idempotent: false,
    },
    verifyTaxCertificate: {
      summary: '电子税票查验: an e-tax certificate by its number',
      input: z.object({ number: CertificateNumberField }),
      output: z.object({ certificate: TaxCertificate.nullable() }),
      idempotent: true,
    },
    verifyTaxList: {
      summary: '个税缴纳清单查验: the 纳税清单 of an income-tax certificate, by its number and the ID-number tail',
      input: z.object({ number: CertificateNumberField, idNumberTail: IdNumberTailField }),
      output: z.object({ list: TaxList.nullable() }),
      idempotent: true,
    },
    vehicleTaxOf: {
      summary: '车船税（本人）: the vehicles a person owns and their vehicle tax by year',
      input: IdQuery,
      output: z.object({ vehicles: z.array(TaxedVehicle) }),
      idempotent: true,
    },
    vehicleTaxByPlate: {
      summary: '车船税（他人清缴）: one vehicle by plate and its owner’s ID number',
      input: z.object({ plate: PlateField, ownerIdNumber: IdNumberField }),
      output: z.object({ vehicle: TaxedVehicle.nullable() }),
      idempotent: true,
    },
    payVehicleTax: {
      summary: '车船税缴款: pay unpaid years of a vehicle (oneself or another person)',
      input: PayVehicleTaxInput,
      output: z.discriminatedUnion('paid', [
        z.object({ paid: z.literal(true), receipt: VehicleTaxReceipt }),
        z.object({ paid: z.literal(false), reason: z.enum(['vehicle-not-found', 'nothing-due']) }),
      ]),
      idempotent: false,
    },
    vehiclePurchasesOf: {
      summary: '车辆购置税: a person’s new-vehicle purchases with the tax computed as owed today (unpaid) or as paid',
      input: IdQuery,
      output: z.object({ purchases: z.array(VehiclePurchase) }),
      idempotent: true,
    },
    payPurchaseTax: {
      summary: '车辆购置税缴纳: declare and pay one purchase (the buyer’s own); keyed by the payment reference',
      input: PayPurchaseTaxInput,
      output: z.discriminatedUnion('paid', [
        z.object({ paid: z.literal(true), receipt: PurchaseTaxReceipt }),
        z.object({
          paid: z.literal(false),
          reason: z.enum(['not-found', 'already-paid', 'amount-mismatch']),
          /** amount-mismatch: what is due today. */
          amountDue: Yuan.optional(),
        }),
      ]),
      idempotent: false,
    },
    verifyInvoice: {
      summary: '发票查验: an invoice by code + number + date + amount or check code (数电票: number + date + total)',
      input: VerifyInvoiceInput,
      output: InvoiceVerification,
      idempotent: true,
    },
    lostInvoiceCheck: {
      summary: '丢失被盗发票查询: whether an invoice was reported lost or stolen',
      input: LostInvoiceInput,
      output: LostInvoiceAnswer,
      idempotent: true,
    },
  },
});
export type TaxSpec = typeof taxSpec;
