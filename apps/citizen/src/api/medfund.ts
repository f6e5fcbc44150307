import type { RecordSource, RecordSubject } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };
type Places = { hospitals: string[]; pharmacies: string[] };

/** 医保 (B1, B3) and 公积金 (B5) as the server answers them. Amounts are yuan with two decimals. */
export interface MedicalAccountSummary {
  scheme: 'employee' | 'resident';
  schemeName: string;
  status: 'active' | 'suspended' | 'terminated';
  statusName: string;
  insuredCityCode: string;
  insuredCityName: string;
}

export interface MedicalPaymentStatus {
  subject: RecordSubject;
  card: {
    cardNumberMasked: string;
    generation: 1 | 2;
    status: 'normal' | 'lost' | 'cancelled';
    linkable: boolean;
    /** Linked in 我的证照 (开通 needs it: 关联社保卡后，点击【开通支付】). */
    linked: boolean;
  } | null;
  account: MedicalAccountSummary | null;
  activation: { activated: boolean; activatedAt: string | null };
  blocker: { code: string; message: string } | null;
  places: Places;
  source: RecordSource;
}

export interface MedicalActivation {
  subject: RecordSubject;
  activated: true;
  activatedAt: string;
  alreadyActivated: boolean;
  source: RecordSource;
}

export interface MedicalPayCode {
  subject: RecordSubject;
  code: string;
  issuedAt: string;
  expiresAt: string;
  ttlSeconds: number;
  schemeName: string;
  places: Places;
  source: RecordSource;
}

export interface MedicalTransaction {
  occurredAt: string;
  kind: 'credit' | 'pharmacy' | 'outpatient' | 'inpatient';
  kindName: string;
  description: string;
  place: string | null;
  amount: number;
  balanceAfter: number;
}

export interface MedicalBalance {
  subject: RecordSubject;
  account: (MedicalAccountSummary & { balance: number | null }) | null;
  statement: { from: string; to: string; transactions: MedicalTransaction[] } | null;
  source: RecordSource;
}

export interface HousingFundAccountDetails {
  subject: RecordSubject;
  account: {
    accountNumberMasked: string;
    cityCode: string;
    centreName: string;
    status: 'normal' | 'sealed';
    balance: number;
    depositBase: number;
    employeeRate: number;
    employerRate: number;
    monthlyDeposit: { employee: number; employer: number; total: number };
    unit: { name: string };
    openedOn: string;
    lastDepositMonth: string;
    boundPhoneMasked: string | null;
    updatedAt: string;
  } | null;
  elsewhere: { cityCode: string; cityName: string; centreName: string; status: 'normal' | 'sealed' }[];
  source: RecordSource;
}

export interface HousingFundDeposits {
  subject: RecordSubject;
  statement: {
    accountNumberMasked: string;
    from: string;
    to: string;
    months: {
      month: string;
      unit: { name: string };
      base: number;
      employeeRate: number;
      employerRate: number;
      employeeAmount: number;
      employerAmount: number;
      total: number;
      balance: number;
    }[];
    totals: { employee: number; employer: number; total: number };
  } | null;
  source: RecordSource;
}

type CityQ = { city: string };
type PeriodQ = CityQ & { months?: number; from?: string; to?: string };

export const medfund = {
  paymentStatus: (q: CityQ, o: Opts = {}) =>
    apiRequest<MedicalPaymentStatus>('/api/v1/medical-insurance/payment', { ...o, query: q }),
  activatePayment: (q: CityQ, o: Opts = {}) =>
    apiRequest<MedicalActivation>('/api/v1/medical-insurance/payment/activation', { ...o, method: 'POST', query: q }),
  payCode: (q: CityQ, o: Opts = {}) =>
    apiRequest<MedicalPayCode>('/api/v1/medical-insurance/pay-codes', { ...o, method: 'POST', query: q }),
  balance: (q: PeriodQ, o: Opts = {}) =>
    apiRequest<MedicalBalance>('/api/v1/lookups/medical-insurance/balance', { ...o, query: q }),
  housingAccount: (q: CityQ, o: Opts = {}) =>
    apiRequest<HousingFundAccountDetails>('/api/v1/lookups/housing-fund/account', { ...o, query: q }),
  housingDeposits: (q: PeriodQ, o: Opts = {}) =>
    apiRequest<HousingFundDeposits>('/api/v1/lookups/housing-fund/deposits', { ...o, query: q }),
};
