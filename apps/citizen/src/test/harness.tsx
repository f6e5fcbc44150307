import type {
  AccountProfile,
  Appointment,
  AvailableSlot,
  CaseDetail,
  CaseSummary,
  ServiceDetail,
} from '@yss/contracts';
import type { ReactNode } from 'react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, vi } from 'vitest';
import { initI18n } from '../i18n';
import { AuthProvider } from '../state/auth';
import { PreferencesProvider } from '../state/preferences';
import { cleanup, renderUi, waitFor } from './render';

export const ACCOUNT: AccountProfile = {
  id: 'acc-1',
  phoneMasked: '138****8000',
  realName: { nameMasked: '张*', idNumberMasked: '440***********123X', cityCode: '440100' },
  defaultLoginMethod: 'sms',
  hasPin: true,
  passkeyCount: 0,
  verifiedUntil: null,
};

export type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };
type Reply = { status: number; body?: unknown; contentType?: string } | Response;
export type Handler = (call: Call) => Reply | Promise<Reply> | undefined;

export const json = (status: number, body: unknown): Reply => ({ status, body });
export const problem = (status: number, code: string, title: string, detail = title, errors?: unknown[]): Reply => ({
  status,
  body: { type: 'about:blank', status, code, title, detail, ...(errors ? { errors } : {}) },
  contentType: 'application/problem+json',
});

/**
 * Mocks fetch: /api/v1/me answers the account (logged in), everything else goes to `handler`; every call is
 * recorded (url, method, headers, parsed JSON body or the raw body).
 */
export function mockFetch(handler: Handler, account: AccountProfile | null = ACCOUNT) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: string, init: RequestInit = {}) => {
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    let body: unknown = init.body;
    if (typeof init.body === 'string' && headers['content-type'] === 'application/json') body = JSON.parse(init.body);
    const call: Call = { url: input, method: init.method ?? 'GET', headers, body };
    calls.push(call);
    let reply: Reply | undefined;
    if (input === '/api/v1/me' && call.method === 'GET') {
      reply = account ? json(200, account) : problem(401, 'UNAUTHENTICATED', '请先登录');
    } else {
      reply = await handler(call);
    }
    if (!reply) reply = problem(404, 'NOT_FOUND', '请求的内容不存在');
    if (reply instanceof Response) return reply;
    return new Response(reply.status === 204 ? null : JSON.stringify(reply.body ?? null), {
      status: reply.status,
      headers: { 'content-type': reply.contentType ?? 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

/**
 * The set-up of a detail page's tests (办件详情, 预约详情): its routes, unmounted after each test, and `backend`: the
 * fetch mock where GET `detailUrl` answers `detail` and `handle` sees every call first (a step's answer, a
 * refusal). Call it at the top of the test file.
 */
export function detailPageSuite<T>(o: { routes: { path: string; element: ReactNode }[]; detailUrl: string }) {
  afterEach(cleanup);
  const backend = (detail: T, handle?: Handler) =>
    mockFetch((call) => {
      const own = handle?.(call);
      if (own) return own;
      if (call.url === o.detailUrl && call.method === 'GET') return json(200, detail);
      return undefined;
    });
  return { routes: o.routes, backend };
}

/** Renders `path` of the given routes inside the app's providers (preferences, router, auth). */
export async function renderRoute(
  routes: { path: string; element: ReactNode }[],
  path: string,
  { lang = 'zh-CN' as 'zh-CN' | 'en', city = '440100' } = {},
) {
  await initI18n(lang);
  const router = createMemoryRouter(
    [
      {
        element: (
          <AuthProvider>
            <Outlet />
          </AuthProvider>
        ),
        children: [...routes, { path: '/login', element: <p data-testid="login-page">login</p> }],
      },
    ],
    { initialEntries: [path] },
  );
  const container = await renderUi(
    <PreferencesProvider initial={{ city: city as never, lang, care: false }} store={null}>
      <RouterProvider router={router} />
    </PreferencesProvider>,
  );
  return { container, router };
}

export const byTestId = <T extends Element = HTMLElement>(id: string, root: ParentNode = document): T => {
  const el = root.querySelector<T & Element>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid="${id}"]`);
  return el as T;
};
export const allByTestId = (id: string, root: ParentNode = document) => [
  ...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
];
export const findByTestId = (id: string) => waitFor(() => byTestId(id));

export function serviceDetail(over: Partial<ServiceDetail> = {}): ServiceDetail {
  return {
    id: 'wufanzui-jilu-zhengming',
    name: '无犯罪记录证明',
    nameEn: 'Certificate of no criminal record',
    group: 'huzheng',
    department: { id: 'gd-public-security', name: '广东省公安厅', nameEn: 'Guangdong Public Security Department' },
    kind: 'application',
    whoMayAct: 'self',
    requiresVerification: true,
    available: true,
    availableCities: ['440100'],
    unavailableReason: null,
    unavailableReasonEn: null,
    description: '申请开具无犯罪记录证明',
    descriptionEn: 'Apply for the certificate',
    materials: [],
    materialsEn: [],
    notes: [],
    notesEn: [],
    timeLimit: null,
    timeLimitEn: null,
    faqs: [],
    ...over,
  } as unknown as ServiceDetail;
}

export const CASE_ID = '5b0c6a8e-1f0e-4a53-9a8e-3c1b2d4e5f60';

export function caseSummary(over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: CASE_ID,
    caseNumber: 'GD2026112700001',
    serviceId: 'wufanzui-jilu-zhengming',
    serviceName: '无犯罪记录证明',
    serviceNameEn: 'Certificate of no criminal record',
    cityCode: '440100',
    cityName: '广州',
    departmentName: '广州市公安局',
    status: 'submitted',
    statusLabel: '已提交，待受理',
    statusLabelEn: 'Submitted, awaiting acceptance',
    summary: '开具用途：就业入职',
    submittedAt: '2026-11-27T02:00:00.000Z',
    updatedAt: '2026-11-27T02:00:00.000Z',
    onBehalf: null,
    timeLimit: null,
    ...over,
  };
}

export function caseDetail(over: Partial<CaseDetail> = {}): CaseDetail {
  return {
    ...caseSummary(),
    applicantNameMasked: '张*',
    applicantIdMasked: '440***********123X',
    form: [
      { name: 'purpose', label: '开具用途', labelEn: 'Purpose', value: '就业入职', masked: false },
      {
        name: 'receivingUnit',
        label: '使用单位',
        labelEn: 'Receiving organisation',
        value: '广州某某科技有限公司',
        masked: false,
      },
    ],
    attachments: [
      {
        id: '7d9f0b1c-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
        name: 'front.jpg',
        contentType: 'image/jpeg',
        size: 204800,
        slot: 'id-card',
        uploadedAt: '2026-11-27T01:59:00.000Z',
      },
    ],
    events: [
      {
        action: 'submit',
        label: '提交申请',
        labelEn: 'Application submitted',
        actor: 'citizen',
        actorName: '张*',
        note: null,
        noteMasked: false,
        seq: 1,
        at: '2026-11-27T02:00:00.000Z',
      },
    ],
    allowedActions: ['withdraw'],
    collection: null,
    supplementReason: null,
    fulfilment: null,
    version: 1,
    ...over,
  };
}

/* ── 预约 ──────────────────────────────────────────────────────────────────────────────────────────────── */

export const APPT_SERVICE = 'bulin-jiehunzheng-lihunzheng-yuyue';
export const APPOINTMENT_ID = '3c9e2f4a-6b7d-4e8f-9a0b-1c2d3e4f5a6b';

/** A slot in China time: `date` and `start`/`end`, the instants derived (UTC+8). */
export function slot(
  over: Partial<AvailableSlot> & { id: string; date: string; start: string; end: string },
): AvailableSlot {
  const toIso = (time: string) => new Date(`${over.date}T${time}:00+08:00`).toISOString();
  return {
    place: '天河区婚姻登记处',
    address: '广州市天河区天河路1号',
    startsAt: toIso(over.start),
    endsAt: toIso(over.end),
    capacity: 10,
    remaining: 5,
    ...over,
  };
}

export function appointment(over: Partial<Appointment> = {}): Appointment {
  return {
    id: APPOINTMENT_ID,
    appointmentNumber: 'YY2026112800001',
    serviceId: APPT_SERVICE,
    serviceName: '补领结婚证/离婚证预约',
    serviceNameEn: 'Marriage/divorce certificate replacement appointment',
    cityCode: '440100',
    cityName: '广州',
    departmentName: '广州市民政局',
    place: '天河区婚姻登记处',
    address: '广州市天河区天河路1号',
    date: '2099-11-28',
    start: '09:00',
    end: '09:30',
    startsAt: '2099-11-28T01:00:00.000Z',
    endsAt: '2099-11-28T01:30:00.000Z',
    subjectLabel: null,
    visit: null,
    status: 'booked',
    statusLabel: '已预约',
    statusLabelEn: 'Booked',
    bookedAt: '2026-11-27T02:00:00.000Z',
    cancelledAt: null,
    canCancel: true,
    canReschedule: true,
    canShowPass: true,
    checkedInAt: null,
    noShowAt: null,
    rescheduledAt: null,
    notice: ['补领结婚证须双方共同到场，补领离婚证本人到场即可；请携带身份证、户口簿原件及近期2寸免冠照片。'],
    onBehalf: null,
    applicantNameMasked: '张*',
    ...over,
  };
}
