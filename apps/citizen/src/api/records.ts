import type { RecordSource, RecordSubject } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal };
type Query = { city: string; for?: string };

/**
 * The records lookups (issue 5): 身份证办理查询 (C3), 户政审批查询 (C4), 违法查询 (D3), 毕业生档案去向查询 (F2).
 * All personal: the caller wraps them in auth.withVerification. Shapes as the server answers them
 * (apps/server/src/modules/lookups/records-routes.ts).
 */

/** One step of a case's progress: done (with its date), where it stands, still to come, or refused. */
export interface ProgressStep {
  step: string;
  name: string;
  on: string | null;
  state: 'done' | 'current' | 'pending' | 'rejected';
}

export interface IdCardProgress {
  applicationId: string;
  kind: string;
  kindName: string;
  cityCode: string;
  office: string;
  acceptedOn: string;
  fee: number;
  collection: 'counter' | 'mail';
  collectionName: string;
  status: string;
  statusName: string;
  steps: ProgressStep[];
  updatedAt: string;
}

export interface IdCardApplications {
  subject: RecordSubject;
  applications: IdCardProgress[];
  source: RecordSource;
}

export interface HouseholdApproval {
  approvalId: string;
  number: string;
  kind: string;
  kindName: string;
  role: 'subject' | 'applicant';
  subjectNameMasked: string;
  applicantNameMasked: string | null;
  cityCode: string;
  authority: string;
  channel: string;
  channelName: string;
  submittedOn: string;
  status: 'pending' | 'approved' | 'rejected';
  statusName: string;
  decidedOn: string | null;
  steps: ProgressStep[];
  updatedAt: string;
}

export interface HouseholdApprovals {
  subject: RecordSubject;
  approvals: HouseholdApproval[];
  source: RecordSource;
}

export interface ViolationRecord {
  violationId: string;
  occurredAt: string;
  place: string;
  cityCode: string;
  code: string;
  description: string;
  fine: number;
  points: number;
  authority: string;
  status: 'unhandled' | 'handled';
  statusName: string;
  handledOn: string | null;
  decisionNumber: string | null;
}

export interface Tally {
  count: number;
  fine: number;
  points: number;
}

export interface VehicleViolations {
  plate: string;
  vehicle: {
    plateType: string;
    plateTypeName: string;
    vehicleTypeName: string;
    brandModel: string;
    energyName: string;
    status: string;
    statusName: string;
    inspectionValidUntil: string;
  } | null;
  violations: ViolationRecord[];
  unhandled: Tally;
}

export interface TrafficViolations {
  subject: RecordSubject;
  licence: {
    licenceClass: string;
    licenceClassName: string;
    status: string;
    statusName: string;
    points: number;
    cycleStart: string;
    cycleEnd: string;
    validUntil: string | null;
  } | null;
  vehicles: VehicleViolations[];
  unhandled: Tally;
  source: RecordSource;
}

export interface GraduateArchive {
  subject: RecordSubject;
  archive: {
    certificateNumber: string;
    graduationYear: number;
    institution: string | null;
    major: string | null;
    level: string | null;
    levelName: string | null;
    destination: string;
    destinationName: string;
    receiver: string;
    address: string;
    sentOn: string;
    method: string;
    methodName: string;
    trackingNumber: string | null;
    receivedOn: string | null;
  } | null;
  coverage: string;
  source: RecordSource;
}

const BASE = '/api/v1/lookups';

export const records = {
  idCards: (q: Query, o: Opts = {}) =>
    apiRequest<IdCardApplications>(`${BASE}/id-card/applications`, { ...o, query: q }),
  approvals: (q: Query, o: Opts = {}) =>
    apiRequest<HouseholdApprovals>(`${BASE}/household/approvals`, { ...o, query: q }),
  violations: (q: Query & { status?: 'all' | 'unhandled' }, o: Opts = {}) =>
    apiRequest<TrafficViolations>(`${BASE}/traffic/violations`, { ...o, query: q }),
  archive: (q: Query, o: Opts = {}) => apiRequest<GraduateArchive>(`${BASE}/graduate/archive`, { ...o, query: q }),
};
