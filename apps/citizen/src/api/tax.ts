import type { RecordSource, RecordSubject } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };
type Party = { name: string; uscc: string };
type Period = { from?: string; to?: string; city?: string };

/** 个税缴纳明细 (F4) as the server answers it. Amounts are yuan with two decimals. */
export interface IncomeTaxLookup {
  subject: RecordSubject;
  details: {
    from: string;
    to: string;
    records: {
      month: string;
      incomeItem: string;
      withholdingAgent: Party;
      income: number;
      basicDeduction: number;
      socialInsurance: number;
      tax: number;
      declaredOn: string;
      taxAuthority: string;
    }[];
    totalIncome: number;
    totalTax: number;
    updatedAt: string;
  } | null;
  source: RecordSource;
}

/** 社会保险费缴费明细 (F4). */
export interface InsuranceFeeLookup {
  subject: RecordSubject;
  details: {
    from: string;
    to: string;
    records: {
      month: string;
      payer: Party;
      contributionBase: number;
      items: { kind: string; name: string; unitAmount: number; personalAmount: number }[];
      unitTotal: number;
      personalTotal: number;
      paidOn: string;
      taxAuthority: string;
    }[];
    unitTotal: number;
    personalTotal: number;
    updatedAt: string;
  } | null;
  source: RecordSource;
}

export interface VerifiedInvoice {
  kind: string;
  code: string | null;
  number: string;
  issuedOn: string;
  seller: Party;
  buyer: { name: string; taxId: string | null };
  goods: string;
  amount: number;
  tax: number;
  total: number;
  checkCode: string | null;
  status: 'normal' | 'void' | 'red-reversed';
  statusName: string;
}

/** 发票查询 (F5). */
export interface InvoiceVerifyResult {
  result: 'consistent' | 'inconsistent' | 'not-found';
  checked: {
    kindName: string;
    code: string | null;
    number: string;
    issuedOn: string;
    by: 'amount' | 'total' | 'checkCode';
    fromQr: boolean;
  };
  invoice: VerifiedInvoice | null;
  source: RecordSource;
}

export interface InvoiceVerifyRequest {
  qr?: string;
  code?: string;
  number?: string;
  issuedOn?: string;
  amount?: string;
  checkCode?: string;
}

/** 丢失被盗发票查询 (F5). */
export interface LostInvoiceResult {
  code: string;
  number: string;
  kindName: string;
  reported: boolean;
  report: { reportedOn: string; seller: Party; taxAuthority: string } | null;
  source: RecordSource;
}

/** 电子税票查验 (F5). */
export interface TaxCertificateResult {
  number: string;
  certificate: {
    number: string;
    kind: string;
    kindName: string;
    taxpayerName: string;
    idNumberMasked: string;
    from: string;
    to: string;
    total: number;
    issuedOn: string;
    taxAuthority: string;
  } | null;
  source: RecordSource;
}

/** 个税缴纳清单查验 (F5): the 纳税清单 of an income-tax certificate, month by month (null: none matches both). */
export interface TaxListResult {
  number: string;
  list: {
    certificate: NonNullable<TaxCertificateResult['certificate']>;
    records: { month: string; incomeItem: string; withholdingAgentName: string; income: number; tax: number }[];
  } | null;
  source: RecordSource;
}

/** 税务 lookups (F4, personal: wrap in withVerification) and 票据助手 (F5, anyone). */
export const tax = {
  incomeTax: (q: Period, o: Opts = {}) =>
    apiRequest<IncomeTaxLookup>('/api/v1/lookups/tax/income-tax', { ...o, query: q }),
  insuranceFees: (q: Period, o: Opts = {}) =>
    apiRequest<InsuranceFeeLookup>('/api/v1/lookups/tax/social-insurance-fees', { ...o, query: q }),
  verifyInvoice: (body: InvoiceVerifyRequest, o: Opts = {}) =>
    apiRequest<InvoiceVerifyResult>('/api/v1/lookups/invoices/verify', { ...o, method: 'POST', body }),
  lostInvoice: (q: { code: string; number: string }, o: Opts = {}) =>
    apiRequest<LostInvoiceResult>('/api/v1/lookups/invoices/lost', { ...o, query: q }),
  certificate: (number: string, o: Opts = {}) =>
    apiRequest<TaxCertificateResult>('/api/v1/lookups/tax-certificates', { ...o, query: { number } }),
  taxList: (q: { number: string; idNumberTail: string }, o: Opts = {}) =>
    apiRequest<TaxListResult>('/api/v1/lookups/tax-lists', { ...o, query: q }),
};
