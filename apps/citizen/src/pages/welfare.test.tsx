// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DisabilityRecords, AssistanceProgress as Progress, SeniorCardView } from '../api/welfare';
import { allByTestId, byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, waitFor } from '../test/render';
import AssistanceProgress from './AssistanceProgress';
import DisabilityCertificate from './DisabilityCertificate';
import SeniorCard from './SeniorCard';

const routes = [
  { path: '/lookups/disability', element: <DisabilityCertificate /> },
  { path: '/lookups/social-assistance', element: <AssistanceProgress /> },
  { path: '/lookups/senior-card', element: <SeniorCard /> },
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
  rejectionReason: null,
};

const REFUSED_TEMPORARY = {
  ...LOW_INCOME,
  caseId: 'c2',
  caseNumber: '4401002024110321',
  status: 'rejected',
  statusName: '不予批准',
  steps: [step('accepted', '已受理', 'done', '2024-11-05'), step('rejected', '不予批准', 'rejected', '2024-11-20')],
  rejectionReason: '经核查，申请家庭的困难已通过其他社会救助制度或保险得到保障。',
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

  it('为他人办理: with 张建国’s 授权 for 残疾人证查询, 本人 or him; his records say whose they are', async () => {
    const FOR_FATHER = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
    const calls = mockFetch((call) => {
      if (call.url === '/api/v1/delegations')
        return json(200, {
          asAgent: [
            {
              id: FOR_FATHER,
              role: 'agent',
              kind: 'consent',
              otherParty: { nameMasked: '张**', idNumberMasked: '440***********0117', relationLabel: '父亲' },
              status: 'active',
              services: [{ id: 'canjirenzheng-chaxun', name: '残疾人证查询' }],
            },
          ],
          asPrincipal: [],
        });
      if (call.url.startsWith('/api/v1/lookups/disability/certificate'))
        return json(
          200,
          call.url.includes(`for=${FOR_FATHER}`)
            ? { ...DISABILITY, subject: { self: false, nameMasked: '张**' } }
            : DISABILITY,
        );
      return undefined;
    });
    await renderRoute(routes, '/lookups/disability');
    await findByTestId('disability-certificate');
    expect(document.querySelector('[data-testid="records-of"]')).toBeNull();
    await click(byTestId(`for-${FOR_FATHER}`));
    expect((await findByTestId('records-of')).textContent).toBe('以下为张**的残疾人证信息（对方已授权您代为查询）');
    expect(calls.some((c) => c.url.includes(`for=${FOR_FATHER}`))).toBe(true);
  });

  it('without a certificate says so and points to the application', async () => {
    mockFetch((call) =>
      call.url.startsWith('/api/v1/lookups/disability/certificate')
        ? json(200, { ...DISABILITY, certificate: null, applications: [] })
        : undefined,
    );
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

  it('a refusal shows 民政’s reason and how to contest it; a case in progress shows neither', async () => {
    mockFetch((call) => {
      if (!call.url.startsWith('/api/v1/lookups/social-assistance/progress')) return undefined;
      const kind = new URL(call.url, 'http://x').searchParams.get('kind') as Progress['kind'];
      return json(200, progress(kind, kind === 'temporary' ? [REFUSED_TEMPORARY] : [LOW_INCOME]));
    });
    await renderRoute(routes, '/lookups/social-assistance?kind=temporary');
    const notice = await findByTestId('assistance-rejection');
    expect(notice.textContent).toContain('不予批准原因：经核查，申请家庭的困难已通过其他社会救助制度或保险得到保障。');
    expect(notice.textContent).toContain('60日内依法申请行政复议');
    await click(byTestId('kind-dibao'));
    await waitFor(() => expect(byTestId('assistance-case').textContent).toContain('4401002025121508'));
    expect(document.querySelector('[data-testid="assistance-rejection"]')).toBeNull();
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

const CARD: SeniorCardView = {
  subject: { self: true, nameMasked: '黄**' },
  card: {
    cardName: '老人卡',
    cardNumber: 'YD440600-2026-000001',
    holderNameMasked: '黄**',
    holderIdNumberMasked: '440***********0021',
    cityCode: '440600',
    kind: 'first',
    kindName: '首次申领',
    issuedOn: '2026-09-15',
    issuedBy: '佛山市民政局',
    status: 'valid',
    statusName: '有效',
  },
  source: { department: '广东省民政厅', updatedAt: '2026-09-15T03:00:00.000Z' },
};
const isCard = (url: string) => url.startsWith('/api/v1/lookups/senior-card');

describe('老年人优待证查询', () => {
  it('佛山: 老人卡 with the number, the masked holder, 发证机关, 发证日期 and 有效', async () => {
    const calls = mockFetch((call) => (isCard(call.url) ? json(200, CARD) : undefined));
    await renderRoute(routes, '/lookups/senior-card', { city: '440600' });
    const card = await findByTestId('senior-card');
    expect(document.querySelector('h1')?.textContent).toBe('老人卡查询');
    expect(card.querySelector('h2')?.textContent?.trim()).toBe('老人卡');
    for (const text of ['YD440600-2026-000001', '黄**', '440***********0021', '佛山市民政局', '2026-09-15', '首次申领'])
      expect(card.textContent).toContain(text);
    expect(byTestId('senior-card-status').textContent).toBe('有效');
    expect(card.querySelector('[data-testid="senior-card-cancelled"]')).toBeNull();
    expect(document.body.textContent).toContain('广东省民政厅');
    expect(calls.find((c) => isCard(c.url))?.url).toContain('city=440600');
  });

  it('a cancelled card says so; the city of a case (?city=) is the one asked', async () => {
    const cancelled = {
      ...CARD,
      card: { ...CARD.card, cardName: '老年人优待证', cityCode: '441800', status: 'cancelled', statusName: '已注销' },
    };
    const calls = mockFetch((call) => (isCard(call.url) ? json(200, cancelled) : undefined));
    await renderRoute(routes, '/lookups/senior-card?city=441800');
    await findByTestId('senior-card');
    expect(document.querySelector('h1')?.textContent).toBe('老年人优待证查询');
    expect(byTestId('senior-card-status').textContent).toBe('已注销');
    expect(byTestId('senior-card-cancelled').textContent).toContain('请申请补领');
    expect(calls.find((c) => isCard(c.url))?.url).toContain('city=441800');
  });

  it('no card is an answer, not an error: the server’s words and the way to apply', async () => {
    const detail =
      '未查询到您的老人卡信息。年满60周岁的老年人可通过“老人卡申办”申请办理；已提交申请的，可在“我的办件”查看进度。';
    mockFetch((call) =>
      isCard(call.url) ? problem(404, 'SENIOR_CARD_NOT_FOUND', '未查询到老年人优待证', detail) : undefined,
    );
    await renderRoute(routes, '/lookups/senior-card', { city: '440600' });
    const none = await findByTestId('senior-card-none');
    expect(document.body.textContent).toContain(detail);
    expect(document.querySelector('[role="alert"]')).toBeNull();
    expect([...none.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      '/apply/laonianren-youdaizheng-hefa',
      '/cases?service=laonianren-youdaizheng-hefa',
    ]);
  });

  it('a city that does not issue it: the server’s refusal, with a retry', async () => {
    const detail = '老年人优待证核发暂仅支持佛山、清远、韶关，当前城市为广州。';
    mockFetch((call) =>
      isCard(call.url) ? problem(409, 'SERVICE_NOT_IN_CITY', '当前城市暂不支持该服务', detail) : undefined,
    );
    await renderRoute(routes, '/lookups/senior-card');
    await waitFor(() => expect(document.body.textContent).toContain(detail));
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('暂时无法查询优待证');
  });

  it('reads in English', async () => {
    mockFetch((call) => (isCard(call.url) ? json(200, CARD) : undefined));
    await renderRoute(routes, '/lookups/senior-card', { city: '440600', lang: 'en' });
    const card = await findByTestId('senior-card');
    expect(document.querySelector('h1')?.textContent).toBe('My elderly card');
    expect(card.querySelector('h2')?.textContent?.trim()).toBe('Elderly card');
    expect(card.textContent).toContain('Issued by');
  });
});
