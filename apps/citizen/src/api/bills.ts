import type { RecordSource, RecordSubject } from '@yss/contracts';
import { apiRequest } from './client';

/**
 * 生活缴费 (G1) and 不动产 (G2) lookups, as the server answers them. All of them are personal: the caller
 * wraps them in withVerification. Amounts are yuan with two decimals; areas square metres.
 */
export type UtilityKind = 'gas' | 'power' | 'water';
type Opts = { signal?: AbortSignal };

export interface MyUtilityAccount {
  accountNumber: string;
  origin: 'own' | 'bound';
  bindingId: string | null;
  companyName: string;
  holderNameMasked: string;
  addressMasked: string;
  boundAt: string | null;
}

export interface MyUtilityAccounts {
  subject: RecordSubject;
  utility: UtilityKind;
  company: {
    id: string;
    name: string;
    utilityName: string;
    accountFormat: string;
    hotline: string | null;
    unit: string;
  };
  accounts: MyUtilityAccount[];
  maxBindings: number;
  source: RecordSource;
}

export interface UtilityBill {
  period: string;
  previousReading: number;
  currentReading: number;
  consumption: number;
  unit: string;
  charges: { tier: number; quantity: number; unitPrice: number; amount: number }[];
  amount: number;
  issuedOn: string;
  dueOn: string;
  status: 'paid' | 'unpaid';
  statusName: string;
  paidAt: string | null;
  updatedAt: string;
}

export interface UtilityBills {
  subject: RecordSubject;
  utility: UtilityKind;
  account: MyUtilityAccount;
  bills: UtilityBill[];
  amountDue: number;
  unpaidCount: number;
  source: RecordSource;
}

export interface WaterAmountDue {
  subject: RecordSubject;
  accounts: {
    account: MyUtilityAccount;
    amountDue: number;
    unpaid: { period: string; amount: number; dueOn: string; overdue: boolean }[];
  }[];
  total: number;
  source: RecordSource;
}

export interface Mortgage {
  proofNumber: string;
  mortgagee: string;
  amount: number;
  termFrom: string;
  termTo: string;
  registeredOn: string;
}

export interface Property {
  certificateNumber: string;
  certificateKind: '不动产权证书' | '房地产权证';
  unitNumber: string;
  cityCode: string;
  location: string;
  use: '住宅' | '车位' | '商业';
  floorArea: number;
  landUseUntil: string;
  registeredOn: string;
  registrationType: string;
  shareKind: '单独所有' | '共同共有' | '按份共有';
  holderCount: number;
  status: '现势' | '抵押';
  mortgages: Mortgage[];
  updatedAt: string;
}

export interface RegistrationProof {
  proofNumber: string;
  kind: 'pre-sale';
  kindName: string;
  location: string;
  obligor: string;
  registeredOn: string;
  status: '现势' | '注销';
  updatedAt: string;
}

export interface RealEstateInfo {
  subject: RecordSubject;
  properties: Property[];
  proofs: RegistrationProof[];
  source: RecordSource;
}

export interface ApplicationProgress {
  applicationNumber: string;
  cityCode: string;
  kind: string;
  location: string;
  submittedOn: string;
  steps: { name: string; status: 'done' | 'current' | 'pending'; reachedOn: string | null }[];
  status: '办理中' | '已办结';
  updatedAt: string;
}

export interface RealEstateProgress {
  subject: RecordSubject;
  applications: ApplicationProgress[];
  source: RecordSource;
}

export interface PlatMapTitle {
  certificateNumber: string;
  location: string;
  use: string;
  floorArea: number;
}

export interface PlatMap {
  certificateNumber: string;
  parcelCode: string;
  parcelArea: number;
  parcel: [number, number][];
  building: [number, number][];
  boundaries: string;
  surveyedOn: string;
}

export const bills = {
  accounts: (utility: UtilityKind, city: string, o: Opts = {}) =>
    apiRequest<MyUtilityAccounts>(`/api/v1/lookups/utilities/${utility}/accounts`, { ...o, query: { city } }),
  bind: (utility: UtilityKind, city: string, body: { accountNumber: string; holderName: string }) =>
    apiRequest<MyUtilityAccount>(`/api/v1/lookups/utilities/${utility}/bindings`, {
      method: 'POST',
      query: { city },
      body,
    }),
  unbind: (utility: UtilityKind, bindingId: string) =>
    apiRequest<null>(`/api/v1/lookups/utilities/${utility}/bindings/${encodeURIComponent(bindingId)}`, {
      method: 'DELETE',
    }),
  bills: (utility: UtilityKind, q: { city: string; account: string; months?: number }, o: Opts = {}) =>
    apiRequest<UtilityBills>(`/api/v1/lookups/utilities/${utility}/bills`, { ...o, query: q }),
  waterDue: (city: string, o: Opts = {}) =>
    apiRequest<WaterAmountDue>('/api/v1/lookups/utilities/water/amount-due', { ...o, query: { city } }),
};

export const realEstate = {
  properties: (city: string, o: Opts = {}) =>
    apiRequest<RealEstateInfo>('/api/v1/lookups/real-estate/properties', { ...o, query: { city } }),
  progress: (city: string, o: Opts = {}) =>
    apiRequest<RealEstateProgress>('/api/v1/lookups/real-estate/progress', { ...o, query: { city } }),
  platMapTitles: (city: string, o: Opts = {}) =>
    apiRequest<{ subject: RecordSubject; titles: PlatMapTitle[]; source: RecordSource }>(
      '/api/v1/lookups/real-estate/plat-maps',
      { ...o, query: { city } },
    ),
  platMap: (city: string, certificate: string, o: Opts = {}) =>
    apiRequest<{ subject: RecordSubject; title: PlatMapTitle; platMap: PlatMap; source: RecordSource }>(
      '/api/v1/lookups/real-estate/plat-map',
      { ...o, query: { city, certificate } },
    ),
};
