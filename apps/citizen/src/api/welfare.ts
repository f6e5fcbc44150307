import type { RecordSource, RecordSubject } from '@yss/contracts';
import { apiRequest } from './client';
import type { ProgressStep } from './records';

type Opts = { signal?: AbortSignal };

/**
 * 残疾人证查询 (B8), 社会救助办理查询 (B7) and 老年人优待证查询 (E4): personal lookups, wrapped in auth.withVerification by the pages. Shapes
 * as the server answers them (apps/server/src/modules/lookups/welfare-routes.ts).
 */

export interface DisabilityRecords {
  subject: RecordSubject;
  certificate: {
    certificateNumberMasked: string;
    category: number;
    categoryName: string;
    grade: number;
    gradeName: string;
    firstIssuedOn: string;
    issuedOn: string;
    validUntil: string;
    issuedBy: string;
    cityCode: string;
    status: string;
    statusName: string;
  } | null;
  subsidies: {
    kind: string;
    kindName: string;
    monthlyAmount: number;
    since: string;
    status: string;
    statusName: string;
    cityCode: string;
  }[];
  applications: {
    applicationId: string;
    kind: string;
    kindName: string;
    role: 'subject' | 'applicant';
    subjectNameMasked: string;
    applicantNameMasked: string;
    submittedOn: string;
    status: string;
    statusName: string;
    steps: ProgressStep[];
  }[];
  source: RecordSource;
}

/** The five kinds of 社会救助, by the civil-affairs system's code. */
export const ASSISTANCE_KINDS = ['dibao', 'low-income', 'tekun', 'temporary', 'medical'] as const;
export type AssistanceKind = (typeof ASSISTANCE_KINDS)[number];

export interface AssistanceCase {
  caseId: string;
  caseNumber: string;
  cityCode: string;
  householdSize: number;
  channel: 'online' | 'counter';
  appliedOn: string;
  status: string;
  statusName: string;
  monthlyAmount: number | null;
  oneOffAmount: number | null;
  steps: ProgressStep[];
  /** 不予批准原因 (民政's words); null unless rejected */
  rejectionReason: string | null;
}

export interface AssistanceProgress {
  subject: RecordSubject;
  kind: AssistanceKind;
  kindName: string;
  cases: AssistanceCase[];
  source: RecordSource;
}

/** 老年人优待证查询 (E4; 佛山: 老人卡). No card: a 404 problem SENIOR_CARD_NOT_FOUND. */
export interface SeniorCardView {
  subject: RecordSubject;
  card: {
    /** 老人卡 (佛山) or 老年人优待证 */
    cardName: string;
    cardNumber: string;
    holderNameMasked: string;
    holderIdNumberMasked: string;
    cityCode: string;
    kind: 'first' | 'reissue';
    kindName: string;
    issuedOn: string;
    issuedBy: string;
    status: string;
    statusName: string;
  };
  source: RecordSource;
}

export const welfare = {
  /** `for`: a delegation of the family member whose records to read (残疾人证查询 is 本人或为他人办理). */
  disability: (q: { city: string; for?: string }, o: Opts = {}) =>
    apiRequest<DisabilityRecords>('/api/v1/lookups/disability/certificate', { ...o, query: q }),
  assistance: (q: { city: string; kind: AssistanceKind }, o: Opts = {}) =>
    apiRequest<AssistanceProgress>('/api/v1/lookups/social-assistance/progress', { ...o, query: q }),
  seniorCard: (q: { city: string }, o: Opts = {}) =>
    apiRequest<SeniorCardView>('/api/v1/lookups/senior-card', { ...o, query: q }),
};
