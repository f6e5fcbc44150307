import type { ColumnType, Kysely } from 'kysely';

/** A `date` column: written as 'YYYY-MM-DD'; read it as text (to_char): drivers differ in what they return. */
type DateColumn = ColumnType<Date, string, string>;
type TimestampColumn = ColumnType<Date, string | Date, string | Date>;

/**
 * Tables of the sandbox tax system, schema `dept_tax` (migrations/0013_dept_tax.sql). Only the tax sandbox
 * (sandbox.ts) and its generator read or write them. Money is integer fen.
 */
export interface TaxTables {
  /** 自然人纳税人: everyone the tax system holds something for. */
  'dept_tax.taxpayers': {
    id_number: string;
    name: string;
    updated_at: TimestampColumn;
  };
  /**
   * Wage declarations (全员全额扣缴申报) as runs of identical months: one row stands for every month from
   * `from_month` to `to_month` declared by one withholding agent at one wage. Monthly details are expanded
   * from these on read (rules.ts), which is what storing one row per month would give, 30 times smaller.
   */
  'dept_tax.wage_periods': {
    id_number: string;
    agent_uscc: string;
    agent_name: string;
    agent_region_code: string;
    monthly_wage: number;
    from_month: string;
    to_month: string;
  };
  'dept_tax.vehicles': {
    plate: string;
    owner_id_number: string;
    vehicle_type: string;
    /** Cubic centimetres; null for pure electric. */
    displacement_cc: number | null;
    energy: 'fuel' | 'electric' | 'plug-in-hybrid';
    registered_on: DateColumn;
    updated_at: TimestampColumn;
  };
  'dept_tax.vehicle_tax_years': {
    plate: string;
    tax_year: number;
    amount_fen: number;
    status: 'paid' | 'unpaid' | 'exempt';
    paid_on: DateColumn | null;
    collected_by: string | null;
  };
  'dept_tax.vehicle_tax_payments': {
    payment_reference: string;
    plate: string;
    payer_id_number: string;
    years: number[];
    amount_fen: number;
    paid_on: DateColumn;
    certificate_number: string;
  };
  /**
   * New-vehicle purchases (机动车销售统一发票) and their 车辆购置税 (migrations/0065): unpaid until declared and paid
   * (paid_* filled by payPurchaseTax, keyed by the payer's payment reference).
   */
  'dept_tax.vehicle_purchases': {
    invoice_code: string;
    invoice_number: string;
    buyer_id_number: string;
    issued_on: DateColumn;
    seller_uscc: string;
    seller_name: string;
    total_fen: number;
    vin: string;
    model: string;
    vehicle_kind: 'fuel' | 'new-energy';
    status: 'unpaid' | 'paid';
    paid_on: DateColumn | null;
    paid_fen: number | null;
    late_fee_fen: number | null;
    payment_reference: string | null;
    certificate_number: string | null;
  };
  'dept_tax.invoices': {
    /** 发票代码; null for a 数电票. */
    code: string | null;
    /** 8 digits, or 20 for a 数电票. */
    number: string;
    kind: string;
    issued_on: DateColumn;
    seller_uscc: string;
    seller_name: string;
    buyer_name: string;
    buyer_tax_id: string | null;
    goods: string;
    amount_fen: number;
    tax_fen: number;
    check_code: string | null;
    status: 'normal' | 'void' | 'red-reversed';
  };
  'dept_tax.lost_invoices': {
    code: string;
    number: string;
    reported_on: DateColumn;
    seller_uscc: string;
    seller_name: string;
    tax_authority: string;
  };
  'dept_tax.tax_certificates': {
    number: string;
    id_number: string;
    taxpayer_name: string;
    kind: 'income-tax' | 'social-insurance-fee';
    from_month: string;
    to_month: string;
    total_fen: number;
    issued_on: DateColumn;
    tax_authority: string;
    delivery_method: 'email' | 'post' | 'download';
  };
}

export type TaxDb = Kysely<TaxTables>;

/** Narrow a handle whose database includes the tax tables (the platform's `Db` does) to one that sees only them. */
export function taxDb<DB extends TaxTables>(db: Kysely<DB>): TaxDb {
  return db as unknown as TaxDb;
}
