// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DisabilityRecords, AssistanceProgress as Progress } from '../api/welfare';
import { allByTestId, byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, waitFor } from '../test/render';
import AssistanceProgress from './AssistanceProgress';
import DisabilityCertificate from './DisabilityCertificate';

const routes = [
  { path: '/lookups/disability', element: <DisabilityCertificate /> },
  { path: '/lookups/social-assistance', element: <AssistanceProgress /> },
];
afterEach(cleanup);

const step = (s: string, name: string, state: 'done' | 'current' | 'pending' | 'rejected', on: string | null) => ({
  step: s,
  name,
  state,
  on,
});

const DISABILITY: DisabilityRecords = {
  subject: { self: true, nameMasked: '刘*' },
  certificate: {
    certificateNumberMasked: '440***********042442',
    category: 4,
    categoryName: '肢体残疾',
    grade: 2,
    gradeName: '二级',
    firstIssuedOn: '2021-09-15',
    issuedOn: '2021-09-15',
    validUntil: '2031-09-14',
    issuedBy: '广州市海珠区残疾人联合会',
    cityCode: '440100',
    status: 'valid',
    statusName: '有效',
  },
  subsidies: [],
  applications: [
    {
      applicationId: 'a1',
      kind: 'grade-change',
      kindName: '残疾类别/等级变更',
      role: 'applicant',
      subjectNameMasked: '张**',
      applicantNameMasked: '刘*',
      submittedOn: '2025-12-10',
      status: 'processing',
      statusName: '办理中',
      steps: [
        step('submitted', '已提交', 'done', '2025-12-10'),
        step('accepted', '已受理', 'current', '2025-12-12'),
        step('assessed', '残疾评定完成', 'pending', null),
      ],
    },
  ],
  source: { department: '广东省残疾人联合会', updatedAt: '2025-12-12T03:00:00.000Z' },
};

function progress(kind: Progress['kind'], cases: Progress['cases']): Progress {
  return {
    subject: { self: true, nameMasked: '张*' },
    kind,
    kindName: kind,
    cases,
    source: { department: '广东省民政厅', updatedAt: cases.length ? '2025-12-26T03:00:00.000Z' : null },
  };
}
const LOW_INCOME = {
  caseId: 'c1',
  caseNumber: '4401002025121508',
  cityCode: '440100',
  householdSize: 3,
  channel: 'online' as const,
  appliedOn: '2025-12-15',
  status: 'processing',
  statusName: '办理中',
  monthlyAmount: null,
  oneOffAmount: null,
  steps: [
    step('appointment', '已预约', 'done', '2025-12-15'),
    step('investigated', '入户调查', 'current', '2025-12-26'),
    step('paid', '已发放', 'pending', null),
  ],
};

describe('残疾人证查询', () => {
  it('shows the masked certificate, no subsidy, and an application made for someone else with its progress', async () => {
    const calls = mockFetch((call) =>
      call.url.startsWith('/api/v1/lookups/disability/certificate') ? json(200, DISABILITY) : undefined,
    );
    await renderRoute(routes, '/lookups/disability');
    const card = await findByTestId('disability-certificate');
    expect(card.textContent).toContain('440***********042442');
    expect(card.textContent).toContain('肢体残疾');
    expect(card.textContent).toContain('2031-09-14');
    expect(byTestId('no-subsidies').textContent).toBe('暂无补贴发放记录');
    const app = byTestId('disability-application');
    expect(app.querySelector('h3')?.textContent).toBe('残疾类别/等级变更');
    expect(byTestId('acting', app).textContent).toBe('为 张** 办理');
    expect(allByTestId('progress-step', app).map((s) => s.dataset.state)).toEqual(['done', 'current', 'pending']);
    expect(document.body.textContent).toContain('广东省残疾人联合会');
    expect(calls.find((c) => c.url.startsWith('/api/v1/lookups/disability'))?.url).toContain('city=440100');
  });

  it('without a certificate says so and points to the application', async () => {
    mockFetch(() => json(200, { ...DISABILITY, certificate: null, applications: [] }));
    await renderRoute(routes, '/lookups/disability');
    await waitFor(() => expect(document.body.textContent).toContain('未查询到残疾人证信息'));
    expect(document.body.textContent).toContain('暂无残联业务办理记录');
  });

  it('shows the server’s problem detail', async () => {
    mockFetch(() => problem(503, 'DEPARTMENT_UNAVAILABLE', '服务暂不可用', '该服务暂时无法使用，请稍后再试。'));
    await renderRoute(routes, '/lookups/disability');
    await waitFor(() => expect(document.body.textContent).toContain('该服务暂时无法使用，请稍后再试。'));
  });
});

describe('社会救助办理查询', () => {
  it('opens at the kind of its service, shows the timeline, and switches kind', async () => {
    const calls = mockFetch((call) => {
      if (!call.url.startsWith('/api/v1/lookups/social-assistance/progress')) return undefined;
      const kind = new URL(call.url, 'http://x').searchParams.get('kind') as Progress['kind'];
      return json(200, progress(kind, kind === 'low-income' ? [LOW_INCOME] : []));
    });
    await renderRoute(routes, '/lookups/social-assistance?kind=low-income');
    const item = await findByTestId('assistance-case');
    expect(byTestId('kind-low-income').getAttribute('aria-pressed')).toBe('true');
    expect(item.querySelector('h2')?.textContent).toBe('低收入家庭');
    expect(item.textContent).toContain('4401002025121508');
    expect(item.textContent).toContain('网上预约');
    expect(allByTestId('progress-step', item).map((s) => s.dataset.state)).toEqual(['done', 'current', 'pending']);

    await click(byTestId('kind-medical'));
    await waitFor(() => expect(document.body.textContent).toContain('暂无医疗救助办理记录'));
    expect(byTestId('kind-medical').getAttribute('aria-pressed')).toBe('true');
    const asked = calls.filter((c) => c.url.startsWith('/api/v1/lookups/social-assistance')).map((c) => c.url);
    expect(asked.some((u) => u.includes('kind=medical'))).toBe(true);
  });

  it('an unknown kind in the address falls back to 最低生活保障', async () => {
    const calls = mockFetch((call) =>
      call.url.startsWith('/api/v1/lookups/social-assistance') ? json(200, progress('dibao', [])) : undefined,
    );
    await renderRoute(routes, '/lookups/social-assistance?kind=pension');
    await waitFor(() => expect(document.body.textContent).toContain('暂无最低生活保障办理记录'));
    expect(calls.find((c) => c.url.startsWith('/api/v1/lookups/social-assistance'))?.url).toContain('kind=dibao');
  });
});
