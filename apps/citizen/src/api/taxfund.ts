import type { InvoiceTitle, RecordSource, RecordSubject } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal };

/** 公积金再次提取 (B6), 公积金贷款查询, 开具电子税票 (F4) and 便捷开票 (F5) as the server answers them. */
export interface WithdrawalConditions {
  subject: RecordSubject;
  conditions: {
    accountNumberMasked: string;
    accountStatus: 'normal' | 'sealed';
    maxAmount: number;
    boundPhoneMasked: string | null;
    reasons: { code: 'rent' | 'loan-repayment'; name: string }[];
    refusal: { code: string; message: string } | null;
  } | null;
  counterServiceId: string;
  source: RecordSource;
}

export interface HousingFundWithdrawal {
  id: string;
  cityCode: string;
  centreName: string;
  reason: 'rent' | 'loan-repayment';
  reasonName: string;
  amount: number;
  bankName: string;
  bankCardMasked: string;
  status: 'in-progress' | 'completed' | 'rejected';
  applicationNumber: string;
  refusalNote: string | null;
  completedOn: string | null;
  submittedAt: string;
}

export interface SubmitWithdrawal {
  submissionId: string;
  city: string;
  reason: 'rent' | 'loan-repayment';
  amount: string;
  bankName: string;
  cardNumber: string;
}

export interface HousingFundLoanDetails {
  subject: RecordSubject;
  loan: {
    contractNumberMasked: string;
    centreName: string;
    principal: number;
    termMonths: number;
    annualRate: number;
    repaymentMethodName: string;
    lendingBank: string;
    firstRepaymentMonth: string;
    lastRepaymentMonth: string;
    status: 'repaying' | 'overdue' | 'settled';
    statusName: string;
    repaidPeriods: number;
    remainingPeriods: number;
    remainingPrincipal: number;
    nextRepayment: { dueOn: string; principal: number; interest: number; total: number } | null;
    overduePeriods: number;
  } | null;
  source: RecordSource;
}

export type CertificateKind = 'income-tax' | 'social-insurance-fee';
export type CertificateDelivery =
  | { method: 'email'; email: string }
  | { method: 'post'; recipient: string; phone: string; address: string };

export interface TaxCertificateRequest {
  id: string;
  kind: CertificateKind;
  kindName: string;
  year: number;
  delivery: { method: 'email' | 'post'; to: string };
  certificate: { number: string; total: number; issuedOn: string; from: string; to: string; taxAuthority: string };
  createdAt: string;
}

export type InvoiceTitleFields = Omit<InvoiceTitle, 'id' | 'updatedAt'>;

export const taxfund = {
  withdrawalConditions: (q: { city: string }, o: Opts = {}) =>
    apiRequest<WithdrawalConditions>('/api/v1/me/housing-fund/withdrawal-conditions', { ...o, query: q }),
  submitWithdrawal: (body: SubmitWithdrawal, o: Opts = {}) =>
    apiRequest<HousingFundWithdrawal>('/api/v1/me/housing-fund/withdrawals', { ...o, method: 'POST', body }),
  withdrawals: (o: Opts = {}) =>
    apiRequest<{ items: HousingFundWithdrawal[] }>('/api/v1/me/housing-fund/withdrawals', o),
  withdrawal: (id: string, o: Opts = {}) =>
    apiRequest<HousingFundWithdrawal>(`/api/v1/me/housing-fund/withdrawals/${encodeURIComponent(id)}`, o),
  loan: (q: { city: string }, o: Opts = {}) =>
    apiRequest<HousingFundLoanDetails>('/api/v1/lookups/housing-fund/loan', { ...o, query: q }),
  issueCertificate: (
    body: { submissionId: string; kind: CertificateKind; year: number; delivery: CertificateDelivery },
    o: Opts = {},
  ) => apiRequest<TaxCertificateRequest>('/api/v1/me/tax-certificates', { ...o, method: 'POST', body }),
  certificates: (o: Opts = {}) => apiRequest<{ items: TaxCertificateRequest[] }>('/api/v1/me/tax-certificates', o),
  invoiceTitles: (o: Opts = {}) => apiRequest<{ items: InvoiceTitle[]; max: number }>('/api/v1/me/invoice-titles', o),
  saveInvoiceTitle: (body: InvoiceTitleFields, id?: string, o: Opts = {}) =>
    apiRequest<InvoiceTitle>(id ? `/api/v1/me/invoice-titles/${encodeURIComponent(id)}` : '/api/v1/me/invoice-titles', {
      ...o,
      method: 'POST',
      body,
    }),
  deleteInvoiceTitle: (id: string, o: Opts = {}) =>
    apiRequest<null>(`/api/v1/me/invoice-titles/${encodeURIComponent(id)}`, { ...o, method: 'DELETE' }),
};
