import { PROBLEM_CONTENT_TYPE, type RecordSource, type RecordSubject } from '@yss/contracts';
import {
  ApiProblem,
  apiRequest,
  buildUrl,
  CLIENT_CODES,
  NETWORK_ERROR_DETAIL,
  problemFromBody,
  UNEXPECTED_DETAIL,
} from './client';

type Opts = { signal?: AbortSignal; lang?: string };

/** 教育服务 (E3): 学校查询 (anyone), 中考成绩查询 (佛山), 高考准考证 and 高考成绩 (as the server answers them). */

export type SchoolStage = 'kindergarten' | 'primary' | 'junior' | 'senior';
export type SchoolOwnership = 'public' | 'private';

export interface School {
  code: string;
  name: string;
  cityCode: string;
  regionCode: string;
  districtName: string;
  address: string;
  stage: SchoolStage;
  stageName: string;
  ownership: SchoolOwnership;
  ownershipName: string;
  phone: string;
}

export interface SchoolSearchResult {
  total: number;
  page: number;
  pageSize: number;
  schools: School[];
  source: RecordSource;
}

export interface SchoolQuery {
  name?: string;
  address?: string;
  city?: string;
  district?: string;
  stage?: SchoolStage;
  ownership?: SchoolOwnership;
  page?: number;
  pageSize?: number;
}

export interface SubjectScore {
  subject: string;
  score: number;
  fullMarks: number;
}

export interface ZhongkaoResultDetails {
  subject: RecordSubject;
  result: {
    ticketNumber: string;
    name: string;
    examYear: number;
    school: { code: string; name: string };
    scores: SubjectScore[];
    total: number;
    fullMarks: number;
  };
  source: RecordSource;
}

export interface GaokaoTicket {
  candidateNumber: string;
  admissionTicketNumber: string;
  name: string;
  idNumberMasked: string;
  examYear: number;
  trackName: string;
  examCentre: { code: string; name: string; address: string };
  timetable: { date: string; start: string; end: string; subject: string }[];
  updatedAt: string;
}

export interface GaokaoResult {
  candidateNumber: string;
  admissionTicketNumber: string;
  name: string;
  idNumberMasked: string;
  examYear: number;
  trackName: string;
  scores: SubjectScore[] | null;
  total: number | null;
  fullMarks: number;
  admission: {
    status: string;
    statusName: string;
    institution: string | null;
    major: string | null;
    level: string | null;
    levelName: string | null;
  };
  updatedAt: string;
}

export type GaokaoKind = 'ticket' | 'results';
export interface Credentials {
  candidateNumber: string;
  password: string;
}

const GK = '/api/v1/lookups/gaokao';
const PATH: Record<GaokaoKind, string> = { ticket: `${GK}/admission-tickets`, results: `${GK}/results` };

/**
 * A PDF download: the file as a Blob, or the server's problem (VERIFICATION_REQUIRED included, so the page
 * can wrap it in withVerification like any other personal request).
 */
async function requestPdf(path: string, init: { body?: unknown; signal?: AbortSignal }): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        Accept: `application/pdf, ${PROBLEM_CONTENT_TYPE}`,
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiProblem({
      status: 0,
      code: CLIENT_CODES.network,
      title: NETWORK_ERROR_DETAIL,
      detail: NETWORK_ERROR_DETAIL,
    });
  }
  const type = res.headers.get('content-type') ?? '';
  if (res.ok && type.includes('application/pdf')) return res.blob();
  if (type.includes('json')) throw problemFromBody(await res.json().catch(() => null), res.status);
  throw new ApiProblem({
    status: res.status,
    code: CLIENT_CODES.unexpected,
    title: UNEXPECTED_DETAIL,
    detail: UNEXPECTED_DETAIL,
  });
}

/** Save a Blob under a file name (the browser's download). */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const education = {
  schools: (q: SchoolQuery, o: Opts = {}) =>
    apiRequest<SchoolSearchResult>('/api/v1/lookups/schools', { ...o, query: { ...q } }),
  districts: (city: string, o: Opts = {}) =>
    apiRequest<{ city: string; districts: { code: string; name: string }[] }>('/api/v1/lookups/schools/districts', {
      ...o,
      query: { city },
    }),
  zhongkao: (city: string, body: { ticketNumber: string; password: string }, o: Opts = {}) =>
    apiRequest<ZhongkaoResultDetails>('/api/v1/lookups/zhongkao/results', {
      ...o,
      method: 'POST',
      query: { city },
      body,
    }),
  gaokaoTickets: (city: string, o: Opts = {}) =>
    apiRequest<{ subject: RecordSubject; tickets: GaokaoTicket[]; source: RecordSource }>(PATH.ticket, {
      ...o,
      query: { city },
    }),
  gaokaoResults: (city: string, o: Opts = {}) =>
    apiRequest<{ subject: RecordSubject; results: GaokaoResult[]; source: RecordSource }>(PATH.results, {
      ...o,
      query: { city },
    }),
  gaokaoTicketByNumber: (city: string, body: Credentials, o: Opts = {}) =>
    apiRequest<{ subject: RecordSubject; ticket: GaokaoTicket; source: RecordSource }>(
      `${PATH.ticket}/by-candidate-number`,
      { ...o, method: 'POST', query: { city }, body },
    ),
  gaokaoResultByNumber: (city: string, body: Credentials, o: Opts = {}) =>
    apiRequest<{ subject: RecordSubject; result: GaokaoResult; source: RecordSource }>(
      `${PATH.results}/by-candidate-number`,
      { ...o, method: 'POST', query: { city }, body },
    ),
  /** The PDF of one's own record (by login), or of a record proven by 考生号 + password. */
  gaokaoPdf: (kind: GaokaoKind, city: string, by: { candidateNumber: string } | Credentials, o: Opts = {}) =>
    'password' in by
      ? requestPdf(buildUrl(`${PATH[kind]}/by-candidate-number/pdf`, { city }), { body: by, signal: o.signal })
      : requestPdf(buildUrl(`${PATH[kind]}/${by.candidateNumber}/pdf`, { city }), { signal: o.signal }),
};
