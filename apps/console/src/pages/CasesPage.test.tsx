import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type { ConsoleCaseDetail, ConsoleCaseSummary } from '@yss/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { choose, dialogTitled, forgetRequests, json, mockApi, on, problem, renderAt, requests } from '../test/harness';
import { grant, POLICE, staffProfile } from '../test/staff';

// ---- fixtures (shaped as the contract's ConsoleCaseSummary / ConsoleCaseDetail) ----

const WALLET_STATUS = { id: 'wallet.status', name: '注销、暂停或恢复本部门签发的电子证照' };
const reviewer = staffProfile('lisi', '李四', [
  grant('reviewer', POLICE, '440100', '广州', [WALLET_STATUS]),
  grant('reviewer', POLICE, '440300', '深圳', [WALLET_STATUS]),
]);
const serviceDesk = staffProfile('wangwu', '王五', [grant('service_desk', POLICE, '440100', '广州')]);

const CASE_ID = '0b6b8a52-4c2f-4e36-9d0e-5a1f1e7c2a11';
const IMAGE_ID = '1c7c9b63-5d30-4f47-8e1f-6b2a2f8d3b22';
const PDF_ID = '2d8dac74-6e41-4a58-9f20-7c3b3a9e4c33';

const summary = (over: Partial<ConsoleCaseSummary>): ConsoleCaseSummary => ({
  id: CASE_ID,
  caseNumber: 'YSS-2025-000123',
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
  submittedAt: '2025-03-01T02:00:00.000Z',
  updatedAt: '2025-03-01T02:00:00.000Z',
  applicantNameMasked: '张*',
  fulfilmentState: null,
  onBehalf: null,
  timeLimit: null,
  assignee: null,
  ...over,
});

const submittedCase = summary({});
const acceptedCase = summary({
  id: '3e9ebd85-7f52-4b69-8a31-8d4c4b0f5d44',
  caseNumber: 'YSS-2025-000124',
  cityCode: '440300',
  cityName: '深圳',
  status: 'accepted',
  statusLabel: '已受理，审核中',
  applicantNameMasked: '陈**',
  submittedAt: '2025-02-27T02:00:00.000Z',
});

const detail = (over: Partial<ConsoleCaseDetail> = {}): ConsoleCaseDetail => {
  const { applicantNameMasked, ...s } = submittedCase;
  return {
    ...s,
    applicantNameMasked,
    applicantName: '张三',
    agentNameMasked: null,
    applicantIdMasked: '4401**********1234',
    form: [
      { name: 'purpose', label: '开具用途', labelEn: 'Purpose', value: '就业入职', masked: false },
      {
        name: 'receivingUnit',
        label: '使用单位',
        labelEn: 'Receiving organisation',
        value: '广州某某科技有限公司',
        masked: false,
      },
      {
        name: 'residenceAddress',
        label: '现居住地址',
        labelEn: 'Current address',
        value: '广州市天河区某某路1号',
        masked: false,
      },
    ],
    attachments: [
      {
        id: IMAGE_ID,
        name: '身份证正面.jpg',
        contentType: 'image/jpeg',
        size: 204_800,
        slot: 'id-card',
        uploadedAt: '2025-03-01T01:59:00.000Z',
      },
      {
        id: PDF_ID,
        name: '单位证明.pdf',
        contentType: 'application/pdf',
        size: 1_572_864,
        slot: 'supporting',
        uploadedAt: '2025-03-01T01:59:30.000Z',
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
        at: '2025-03-01T02:00:00.000Z',
        staffName: null,
      },
    ],
    staffAllowedActions: ['accept', 'request_supplement', 'reject'],
    collection: null,
    supplementReason: null,
    fulfilment: null,
    version: 1,
    assignments: [],
    notes: [],
    ...over,
  };
};

const ME_ID = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WANG_ID = '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const ASSIGNABLE = [
  { staffId: ME_ID, nameMasked: '李*', username: 'lisi', me: true, current: false },
  { staffId: WANG_ID, nameMasked: '王**', username: 'gz.police.wang', me: false, current: false },
];
const heldBy = (staffId: string, nameMasked: string, mine: boolean) => ({
  staffId,
  nameMasked,
  mine,
  since: '2025-03-01T03:00:00.000Z',
});

const caseListRequests = () =>
  requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/console/cases').map((r) => r.url);
const detailRequests = () =>
  requests.filter((r) => r.method === 'GET' && r.url.pathname === `/api/v1/console/cases/${CASE_ID}`);
const actionRequests = () => requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/actions'));

beforeEach(() => {
  mockApi(reviewer);
  on('GET', '/api/v1/console/cases', ({ url }) => {
    const rows = [submittedCase, acceptedCase].filter(
      (c) =>
        (!url.searchParams.get('status') || c.status === url.searchParams.get('status')) &&
        (!url.searchParams.get('cityCode') || c.cityCode === url.searchParams.get('cityCode')),
    );
    return json(rows);
  });
  on('GET', `/api/v1/console/cases/${CASE_ID}`, () => json(detail()));
  on('GET', `/api/v1/console/cases/${CASE_ID}/assignees`, () => json(ASSIGNABLE));
  on('GET', /^\/api\/v1\/console\/cases\/[^/]+\/attachments\/[^/]+$/, ({ url }) =>
    url.pathname.endsWith(PDF_ID)
      ? new Response(new Blob(['%PDF-1.7'], { type: 'application/pdf' }))
      : new Response(new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' })),
  );
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:http://console.test/${++n}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const tableRows = () => [...screen.getByTestId('cases-table').querySelectorAll('tbody tr.case-row')];

describe('办件审核: the menu', () => {
  it('shows 办件审核 to a reviewer (application.review)', async () => {
    await renderAt('/');
    expect(await screen.findByRole('menuitem', { name: '办件审核' })).toBeTruthy();
  });

  it('hides it from staff without application.review, and the page says so', async () => {
    on('GET', '/api/v1/staff/me', () => json(serviceDesk));
    await renderAt('/cases');
    expect(await screen.findByText('您没有审核办件的权限')).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: '办件审核' })).toBeNull();
    expect(caseListRequests()).toHaveLength(0);
  });
});

describe('办件审核: the queue', () => {
  it('asks for the statuses that wait on staff and lists the cases, oldest first', async () => {
    await renderAt('/cases');
    await waitFor(() => expect(tableRows()).toHaveLength(2));
    expect(caseListRequests().map((u) => u.searchParams.get('status'))).toEqual(['submitted', 'accepted', 'approved']);
    const [first, second] = tableRows();
    // 2025-02-27 before 2025-03-01
    expect(within(first as HTMLElement).getByText('YSS-2025-000124')).toBeTruthy();
    expect(within(first as HTMLElement).getByText('陈**')).toBeTruthy();
    expect(within(first as HTMLElement).getByText('已受理，审核中')).toBeTruthy();
    expect(within(first as HTMLElement).getByText('深圳')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('YSS-2025-000123')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('张*')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('已提交，待受理')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('开具用途：就业入职')).toBeTruthy();
  });

  it('filters by city, status and service, and says when nothing matches', async () => {
    await renderAt('/cases');
    await waitFor(() => expect(tableRows()).toHaveLength(2));

    forgetRequests();
    await choose('cases-filter-city', '深圳');
    await waitFor(() => expect(tableRows()).toHaveLength(1));
    expect(caseListRequests().every((u) => u.searchParams.get('cityCode') === '440300')).toBe(true);
    expect(within(tableRows()[0] as HTMLElement).getByText('YSS-2025-000124')).toBeTruthy();

    forgetRequests();
    await choose('cases-filter-status', '全部状态');
    await waitFor(() => expect(caseListRequests()).toHaveLength(1));
    expect(caseListRequests()[0]?.searchParams.has('status')).toBe(false);
    expect(caseListRequests()[0]?.searchParams.get('cityCode')).toBe('440300');

    forgetRequests();
    await choose('cases-filter-status', '审核通过，待领取');
    expect(await screen.findByText('暂无符合条件的办件')).toBeTruthy();
    expect(caseListRequests().map((u) => u.searchParams.get('status'))).toEqual(['approved']);

    forgetRequests();
    await choose('cases-filter-service', '无犯罪记录证明');
    await waitFor(() => expect(caseListRequests()).toHaveLength(1));
    expect(caseListRequests()[0]?.searchParams.get('serviceId')).toBe('wufanzui-jilu-zhengming');
  });

  it('offers only the cities of the reviewer grants', async () => {
    await renderAt('/cases');
    fireEvent.mouseDown(screen.getByTestId('cases-filter-city').querySelector('.ant-select-selector') as Element);
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length).toBeGreaterThan(0));
    const titles = [...document.querySelectorAll('.ant-select-item-option')].map((el) => el.getAttribute('title'));
    expect(titles).toEqual(['广州', '深圳']);
  });

  it('shows the problem when the list fails, and 刷新 asks again', async () => {
    on('GET', '/api/v1/console/cases', () => problem(403, 'FORBIDDEN', '没有权限', '您没有审核该部门办件的权限。'));
    await renderAt('/cases');
    expect(await screen.findByText('您没有审核该部门办件的权限。')).toBeTruthy();
    on('GET', '/api/v1/console/cases', () => json([]));
    forgetRequests();
    fireEvent.click(screen.getByTestId('cases-refresh'));
    expect(await screen.findByText('暂无待办理的办件')).toBeTruthy();
    expect(screen.queryByTestId('cases-error')).toBeNull();
    expect(caseListRequests()).toHaveLength(3);
  });

  it('shows the 承诺办结时间 with 即将到期 / 已超期, and 已超期 asks for ?overdue=true', async () => {
    const limit = (dueOn: string, state: 'running' | 'due_soon' | 'overdue', stateLabel: string) => ({
      workingDays: 10,
      dueOn,
      workingDaysLeft: state === 'overdue' ? -1 : 2,
      state,
      stateLabel,
    });
    const soon = { ...acceptedCase, timeLimit: limit('2026-10-26', 'due_soon', '即将到期') };
    const late = summary({
      id: '4fa0ce96-8a63-4c7a-9b42-9e5d5c1a6e55',
      caseNumber: 'YSS-2025-000125',
      status: 'accepted',
      statusLabel: '已受理，审核中',
      timeLimit: limit('2026-10-16', 'overdue', '已超期'),
    });
    on('GET', '/api/v1/console/cases', ({ url }) =>
      json(
        url.searchParams.get('overdue') === 'true'
          ? [late]
          : url.searchParams.get('status') === 'accepted'
            ? [soon, late]
            : [submittedCase],
      ),
    );
    await renderAt('/cases');
    await waitFor(() => expect(tableRows()).toHaveLength(3));
    const due = (caseNumber: string) => {
      const row = tableRows().find((r) => r.textContent?.includes(caseNumber)) as HTMLElement;
      return within(row).getByTestId('case-due');
    };
    expect(due('YSS-2025-000124').textContent).toBe('2026-10-26前即将到期');
    expect(due('YSS-2025-000125').textContent).toBe('2026-10-16前已超期');
    expect(due('YSS-2025-000123').textContent).toBe('—');

    forgetRequests();
    await choose('cases-filter-status', '已超期（超过承诺办结时间）');
    await waitFor(() => expect(tableRows()).toHaveLength(1));
    expect(caseListRequests()).toHaveLength(1);
    expect(caseListRequests()[0]?.searchParams.get('overdue')).toBe('true');
    expect(caseListRequests()[0]?.searchParams.has('status')).toBe(false);
    expect(tableRows()[0]?.textContent).toContain('YSS-2025-000125');
  });

  it('opens the case when its row is clicked', async () => {
    await renderAt('/cases');
    await waitFor(() => expect(tableRows()).toHaveLength(2));
    fireEvent.click(within(tableRows()[1] as HTMLElement).getByText('张*'));
    expect(await screen.findByTestId('case-detail')).toBeTruthy();
    expect(detailRequests()).toHaveLength(1);
  });
});

describe('办件审核: the case', () => {
  it('shows the applicant, the form, the materials and the record', async () => {
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(
        detail({
          events: [
            ...detail().events,
            {
              action: 'request_supplement',
              label: '要求补正',
              labelEn: 'Supplement requested',
              actor: 'staff',
              actorName: '广州市公安局',
              note: '身份证反面照片不清晰',
              noteMasked: false,
              seq: 2,
              at: '2025-03-01T03:00:00.000Z',
              staffName: '李四',
            },
            {
              action: 'supplement',
              label: '补正材料',
              labelEn: 'Materials supplemented',
              actor: 'citizen',
              actorName: '张*',
              note: null,
              noteMasked: false,
              seq: 3,
              at: '2025-03-01T04:00:00.000Z',
              staffName: null,
            },
          ],
        }),
      ),
    );
    await renderAt(`/cases/${CASE_ID}`);
    const view = await screen.findByTestId('case-detail');
    expect(within(view).getByTestId('case-applicant-name').textContent).toBe('张三');
    expect(within(view).getByText('4401**********1234')).toBeTruthy();
    // submitted by the applicant: no 代办人
    expect(within(view).queryByTestId('case-agent-name')).toBeNull();
    const form = within(view).getByTestId('case-form');
    expect(within(form).getByText('使用单位')).toBeTruthy();
    expect(within(form).getByText('广州某某科技有限公司')).toBeTruthy();

    // the materials: fetched with the session (not linked), shown from blob: URLs
    const image = (await within(view).findByAltText('身份证正面.jpg')) as HTMLImageElement;
    expect(image.src).toMatch(/^blob:/);
    const pdf = (await within(view).findByTestId('case-attachment-pdf')) as HTMLAnchorElement;
    expect(pdf.href).toMatch(/^blob:/);
    expect(pdf.target).toBe('_blank');
    expect(within(view).getByText('200 KB')).toBeTruthy();
    expect(within(view).getByText('1.5 MB')).toBeTruthy();
    expect(within(view).getByText('居民身份证正反面照片（1）')).toBeTruthy();
    const fetched = requests.filter((r) => r.url.pathname.includes('/attachments/')).map((r) => r.url.pathname);
    expect(fetched.sort()).toEqual(
      [
        `/api/v1/console/cases/${CASE_ID}/attachments/${IMAGE_ID}`,
        `/api/v1/console/cases/${CASE_ID}/attachments/${PDF_ID}`,
      ].sort(),
    );

    const events = within(view).getByTestId('case-events');
    expect(within(events).getByText('要求补正')).toBeTruthy();
    expect(within(events).getByText(/李四（广州市公安局）/)).toBeTruthy();
    expect(within(events).getByText('补正要求：身份证反面照片不清晰')).toBeTruthy();
  });

  it('shows a phone or ID number masked in 申请信息, and 显示 fetches it; a refusal in the server’s words', async () => {
    const masked = [
      { name: 'contactPhone', label: '联系电话', labelEn: 'Phone', value: '139****5678', masked: true },
      {
        name: 'motherIdNumber',
        label: '母亲身份证号码',
        labelEn: "Mother's ID",
        value: '440***********0023',
        masked: true,
      },
    ];
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () => json(detail({ form: [...detail().form, ...masked] })));
    on('POST', `/api/v1/console/cases/${CASE_ID}/form/contactPhone/reveal`, () =>
      json({ name: 'contactPhone', value: '13912345678' }),
    );
    on('POST', `/api/v1/console/cases/${CASE_ID}/form/motherIdNumber/reveal`, () =>
      problem(404, 'CASE_NOT_FOUND', '找不到该办件', '找不到该办件，或该办件不属于您的审核范围。'),
    );
    await renderAt(`/cases/${CASE_ID}`);
    const form = await screen.findByTestId('case-form');
    expect(within(form).getByTestId('case-form-contactPhone').textContent).toBe('139****5678');
    // plain values have no 显示
    expect(within(form).queryByRole('button', { name: '显示开具用途' })).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: '显示联系电话' }));
    await waitFor(() => expect(within(form).getByTestId('case-form-contactPhone').textContent).toBe('13912345678'));
    expect(within(form).queryByRole('button', { name: '显示联系电话' })).toBeNull();
    expect(requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/reveal'))).toHaveLength(1);
    // 隐藏 masks it again; a second 显示 asks (and is audited) again
    fireEvent.click(within(form).getByRole('button', { name: '隐藏联系电话' }));
    await waitFor(() => expect(within(form).getByTestId('case-form-contactPhone').textContent).toBe('139****5678'));
    fireEvent.click(within(form).getByRole('button', { name: '显示联系电话' }));
    await waitFor(() => expect(within(form).getByTestId('case-form-contactPhone').textContent).toBe('13912345678'));
    expect(requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/reveal'))).toHaveLength(2);

    fireEvent.click(within(form).getByRole('button', { name: '显示母亲身份证号码' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('找不到该办件，或该办件不属于您的审核范围。');
    expect(within(form).getByTestId('case-form-motherIdNumber').textContent).toBe('440***********0023');
  });

  it('shows free text with its phone and ID numbers masked; 显示 gives the whole text, 隐藏 masks it again', async () => {
    const facts = {
      name: 'dependants',
      label: '随迁人员',
      labelEn: 'Accompanying family members',
      value: '妻子 李娜 440***********1234，电话 139****5678',
      masked: true,
    };
    const full = '妻子 李娜 440106199001011234，电话 139 1234 5678';
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () => json(detail({ form: [...detail().form, facts] })));
    on('POST', `/api/v1/console/cases/${CASE_ID}/form/dependants/reveal`, () =>
      json({ name: 'dependants', value: full }),
    );
    await renderAt(`/cases/${CASE_ID}`);
    const form = await screen.findByTestId('case-form');
    const value = () => within(form).getByTestId('case-form-dependants').textContent;
    expect(value()).toBe(facts.value);
    const show = within(form).getByRole('button', { name: '显示随迁人员' });
    expect(show.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(show);
    await waitFor(() => expect(value()).toBe(full));
    const hide = within(form).getByRole('button', { name: '隐藏随迁人员' });
    expect(hide.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(hide);
    await waitFor(() => expect(value()).toBe(facts.value));
    expect(within(form).getByRole('button', { name: '显示随迁人员' })).toBeTruthy();
  });

  it('shows a note of the record with its numbers masked; 显示 asks for that step’s note, 隐藏 masks it again', async () => {
    const masked = '申请人来电 139****5678 称已补寄材料';
    const full = '申请人来电 139 1234 5678 称已补寄材料';
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(
        detail({
          events: [
            ...detail().events,
            {
              action: 'withdraw',
              label: '撤回申请',
              labelEn: 'Withdrawn',
              actor: 'citizen',
              actorName: '张*',
              note: masked,
              noteMasked: true,
              seq: 2,
              at: '2025-03-01T03:00:00.000Z',
              staffName: null,
            },
          ],
        }),
      ),
    );
    on('POST', `/api/v1/console/cases/${CASE_ID}/events/2/note/reveal`, () => json({ seq: 2, note: full }));
    await renderAt(`/cases/${CASE_ID}`);
    const events = await screen.findByTestId('case-events');
    const note = () => within(events).getByTestId('case-event-note-2').textContent;
    expect(note()).toBe(masked);
    fireEvent.click(within(events).getByRole('button', { name: '显示撤回原因' }));
    await waitFor(() => expect(note()).toBe(full));
    expect(
      requests.filter((r) => r.url.pathname === `/api/v1/console/cases/${CASE_ID}/events/2/note/reveal`),
    ).toHaveLength(1);
    fireEvent.click(within(events).getByRole('button', { name: '隐藏撤回原因' }));
    await waitFor(() => expect(note()).toBe(masked));
  });

  it('shows the 承诺办结时间 of an accepted case, 已超期 tagged', async () => {
    const timeLimit = {
      workingDays: 10,
      dueOn: '2026-10-16',
      workingDaysLeft: -3,
      state: 'overdue' as const,
      stateLabel: '已超期',
    };
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(detail({ status: 'accepted', statusLabel: '已受理，审核中', timeLimit })),
    );
    await renderAt(`/cases/${CASE_ID}`);
    const view = await screen.findByTestId('case-detail');
    expect(within(view).getByTestId('case-due').textContent).toBe('2026-10-16前已超期');
    expect(view.textContent).toContain('自受理之日起10个工作日（按工作日历计算，补正期间不计）');
  });

  it('shows 代办人 (masked) when someone submitted the case for the applicant', async () => {
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () => json(detail({ agentNameMasked: '张*' })));
    await renderAt(`/cases/${CASE_ID}`);
    const view = await screen.findByTestId('case-detail');
    expect(within(view).getByTestId('case-agent-name').textContent).toBe('张*（经申请人授权代为提交）');
  });

  it('offers exactly the actions of staffAllowedActions, in their words', async () => {
    await renderAt(`/cases/${CASE_ID}`);
    await screen.findByTestId('case-detail');
    const buttons = ['accept', 'request_supplement', 'approve', 'reject', 'complete'].filter(
      (a) => screen.queryByTestId(`case-action-${a}`) !== null,
    );
    expect(buttons).toEqual(['accept', 'request_supplement', 'reject']);
    expect(screen.getByTestId('case-action-reject').textContent).toBe('不予办理');
    expect(screen.getByTestId('case-action-request_supplement').textContent).toBe('要求补正');
  });

  it('offers no action when the server allows none', async () => {
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(detail({ status: 'completed', statusLabel: '已办结', staffAllowedActions: [] })),
    );
    await renderAt(`/cases/${CASE_ID}`);
    expect(await screen.findByTestId('case-no-actions')).toBeTruthy();
    expect(screen.queryByTestId('case-action-accept')).toBeNull();
  });

  it('不予办理 refuses an empty reason, then sends the action with the version', async () => {
    on('POST', `/api/v1/console/cases/${CASE_ID}/actions`, () =>
      json(detail({ status: 'rejected', statusLabel: '不予办理', staffAllowedActions: [], version: 2 })),
    );
    await renderAt(`/cases/${CASE_ID}`);
    await waitFor(() => expect(tableRows()).toHaveLength(2));
    fireEvent.click(await screen.findByTestId('case-action-reject'));
    const dialog = await dialogTitled('不予办理');

    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    expect(await within(dialog).findByText('请填写不予办理的原因')).toBeTruthy();
    // blanks are no reason either
    fireEvent.change(within(dialog).getByLabelText('不予办理的原因'), { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    expect(await within(dialog).findByText('请填写不予办理的原因')).toBeTruthy();
    expect(actionRequests()).toHaveLength(0);

    forgetRequests();
    fireEvent.change(within(dialog).getByLabelText('不予办理的原因'), {
      target: { value: ' 申请人不属于本市受理范围 ' },
    });
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    await waitFor(() => expect(actionRequests()).toHaveLength(1));
    expect(actionRequests()[0]?.body).toEqual({ action: 'reject', version: 1, note: '申请人不属于本市受理范围' });

    // the detail is the server's answer, and the queue is asked again
    await waitFor(() =>
      expect(within(screen.getByTestId('case-detail')).getAllByTestId('case-status')[0]?.textContent).toBe('不予办理'),
    );
    expect(screen.queryByTestId('case-action-reject')).toBeNull();
    await waitFor(() => expect(caseListRequests()).toHaveLength(3));
  });

  it('审核通过 asks for the place and hours of collection and sends them', async () => {
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(
        detail({
          status: 'accepted',
          statusLabel: '已受理，审核中',
          staffAllowedActions: ['request_supplement', 'approve', 'reject'],
          version: 2,
        }),
      ),
    );
    const collection = { place: '广州市公安局出入境与户政服务大厅', hours: '工作日 9:00–17:00，自通知之日起30日内' };
    on('POST', `/api/v1/console/cases/${CASE_ID}/actions`, () =>
      json(
        detail({
          status: 'approved',
          statusLabel: '审核通过，待领取',
          staffAllowedActions: ['complete'],
          version: 3,
          collection,
        }),
      ),
    );
    await renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByTestId('case-action-approve'));
    const dialog = await dialogTitled('审核通过');
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    expect(await within(dialog).findByText('请填写领取地点')).toBeTruthy();
    expect(within(dialog).getByText('请填写领取时间')).toBeTruthy();
    expect(actionRequests()).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('领取地点'), { target: { value: collection.place } });
    fireEvent.change(within(dialog).getByLabelText('领取时间'), { target: { value: collection.hours } });
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    await waitFor(() => expect(actionRequests()).toHaveLength(1));
    expect(actionRequests()[0]?.body).toEqual({ action: 'approve', version: 2, collection });
    expect(await screen.findByTestId('case-action-complete')).toBeTruthy();
    expect(screen.getAllByText(`领取地点：${collection.place}；领取时间：${collection.hours}`).length).toBeGreaterThan(
      0,
    );
  });

  it('立即咨询: 审核通过 asks for the answer (it is what the citizen gets) and will not send without it', async () => {
    const consultation = { serviceId: 'falv-liji-zixun', serviceName: '立即咨询', version: 2 };
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(
        detail({
          ...consultation,
          status: 'accepted',
          statusLabel: '已受理，审核中',
          staffAllowedActions: ['request_supplement', 'approve', 'reject'],
        }),
      ),
    );
    on('POST', `/api/v1/console/cases/${CASE_ID}/actions`, () =>
      json(
        detail({ ...consultation, status: 'approved', statusLabel: '审核通过', staffAllowedActions: [], version: 3 }),
      ),
    );
    await renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByTestId('case-action-approve'));
    const dialog = await dialogTitled('审核通过并答复');
    expect(within(dialog).getByText('答复内容将通过消息发送给申请人，并显示在办件详情中。')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    expect(await within(dialog).findByText('请填写答复内容')).toBeTruthy();
    expect(actionRequests()).toHaveLength(0);

    const answer = '抚养费数额由双方协议，协议不成的由人民法院判决。';
    fireEvent.change(within(dialog).getByLabelText('答复内容'), { target: { value: answer } });
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    await waitFor(() => expect(actionRequests()).toHaveLength(1));
    expect(actionRequests()[0]?.body).toEqual({ action: 'approve', version: 2, note: answer });
  });

  it('受理 is a confirmation that sends only the action and version', async () => {
    on('POST', `/api/v1/console/cases/${CASE_ID}/actions`, () =>
      json(detail({ status: 'accepted', statusLabel: '已受理，审核中', staffAllowedActions: ['approve'], version: 2 })),
    );
    await renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByTestId('case-action-accept'));
    const dialog = await dialogTitled('确认受理该办件？');
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    await waitFor(() => expect(actionRequests()).toHaveLength(1));
    expect(actionRequests()[0]?.body).toEqual({ action: 'accept', version: 1 });
    expect(await screen.findByTestId('case-action-approve')).toBeTruthy();
  });

  it('CASE_CHANGED: says someone else acted, reloads the case and the queue', async () => {
    let version = 1;
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(
        version === 1
          ? detail()
          : detail({
              status: 'accepted',
              statusLabel: '已受理，审核中',
              staffAllowedActions: ['approve', 'reject'],
              version,
            }),
      ),
    );
    on('POST', `/api/v1/console/cases/${CASE_ID}/actions`, () => {
      version = 2; // a colleague accepted it meanwhile
      return problem(409, 'CASE_CHANGED', '办件已有新的进展，请刷新后重试', '办件已有新的进展，请刷新后重试。');
    });
    await renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByTestId('case-action-request_supplement'));
    const dialog = await dialogTitled('要求申请人补正材料');
    fireEvent.change(within(dialog).getByLabelText('需要补正的内容'), { target: { value: '请补充单位证明' } });
    forgetRequests();
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));

    expect((await screen.findByTestId('case-notice')).textContent).toContain('办件已有新的进展');
    expect(actionRequests()[0]?.body).toEqual({ action: 'request_supplement', version: 1, note: '请补充单位证明' });
    await waitFor(() => expect(detailRequests()).toHaveLength(1));
    expect(await screen.findByTestId('case-action-approve')).toBeTruthy();
    expect(screen.queryByTestId('case-action-accept')).toBeNull();
    expect(document.querySelector('.ant-modal')).toBeNull();
    await waitFor(() => expect(caseListRequests()).toHaveLength(3));
  });

  it('shows the server’s problem detail when an action fails otherwise, and keeps the dialog', async () => {
    on('POST', `/api/v1/console/cases/${CASE_ID}/actions`, () =>
      problem(403, 'FORBIDDEN', '没有权限', '您没有审核该部门办件的权限。'),
    );
    await renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByTestId('case-action-accept'));
    const dialog = await dialogTitled('确认受理该办件？');
    fireEvent.click(within(dialog).getByTestId('case-action-confirm'));
    expect((await within(dialog).findByTestId('case-action-error')).textContent).toContain(
      '您没有审核该部门办件的权限。',
    );
  });

  it('says when the case cannot be found', async () => {
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      problem(404, 'CASE_NOT_FOUND', '找不到该办件', '找不到该办件，可能已被撤回或不在您的审核范围内。'),
    );
    await renderAt(`/cases/${CASE_ID}`);
    expect(await screen.findByText('找不到该办件，可能已被撤回或不在您的审核范围内。')).toBeTruthy();
  });
});

describe('办件审核: 发证 (the write-back to the department)', () => {
  const failed = {
    state: 'failed' as const,
    stateLabel: '发证失败',
    stateLabelEn: 'Issuing failed',
    what: '广东省居住证',
    message: '广东省居住证制发遇到问题，工作人员正在处理，请耐心等待，无需重新申请。',
    reference: null,
    referenceLabel: '证件编号',
    referenceLabelEn: 'Number',
    updatedAt: '2025-03-02T02:00:00.000Z',
    attempts: 6,
    lastError: '广东省公安厅系统暂时无法连接（DEPARTMENT_UNAVAILABLE），已尝试6次。',
    canRetry: true,
  };
  const approved = {
    status: 'approved' as const,
    statusLabel: '审核通过，待领取',
    staffAllowedActions: ['complete' as const],
  };

  it('lists the failed ones under 发证失败 and retries one: 重新发证 → 制证中', async () => {
    on('GET', '/api/v1/console/cases', ({ url }) =>
      json(
        url.searchParams.get('fulfilment') === 'failed'
          ? [summary({ ...approved, fulfilmentState: 'failed' })]
          : [submittedCase],
      ),
    );
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () => json(detail({ ...approved, fulfilment: failed })));
    let retried = 0;
    on('POST', `/api/v1/console/cases/${CASE_ID}/fulfilment/retry`, () => {
      retried++;
      return json(
        detail({
          ...approved,
          fulfilment: { ...failed, state: 'pending', stateLabel: '制证中', attempts: 0, canRetry: false },
        }),
      );
    });
    await renderAt('/cases');
    await screen.findByTestId('cases-table');
    await choose('cases-filter-status', '发证失败（待重新发证）');
    await waitFor(() => expect(caseListRequests().at(-1)?.searchParams.get('fulfilment')).toBe('failed'));
    expect(caseListRequests().at(-1)?.searchParams.get('status')).toBeNull();
    expect(await screen.findByTestId('case-fulfilment-failed')).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'YSS-2025-000123' }));
    const card = await screen.findByTestId('case-fulfilment');
    expect(card.textContent).toContain('广东省居住证：发证失败');
    expect(card.textContent).toContain('已向部门系统发送6次；最近一次：广东省公安厅系统暂时无法连接');
    fireEvent.click(within(card).getByTestId('case-fulfilment-retry'));
    await waitFor(() => expect(screen.getByTestId('case-fulfilment').textContent).toContain('广东省居住证：制证中'));
    expect(retried).toBe(1);
    expect(screen.queryByTestId('case-fulfilment-retry')).toBeNull();
  });

  it('shows the server’s words when the retry is refused', async () => {
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () => json(detail({ ...approved, fulfilment: failed })));
    on('POST', `/api/v1/console/cases/${CASE_ID}/fulfilment/retry`, () =>
      problem(
        409,
        'CASE_FULFILMENT_NOT_RETRYABLE',
        '该办件当前无需重新发证',
        '该办件的发证未失败（制证中或已制发），无需重新发证。',
      ),
    );
    await renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByTestId('case-fulfilment-retry'));
    expect((await screen.findByTestId('case-notice')).textContent).toContain('该办件的发证未失败');
  });
});

describe('办件审核: 分派 and 内部备注', () => {
  const assignmentRequests = () =>
    requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/assignment')).map((r) => r.body);

  it('the queue: a 办理人 column, and 我的 / 待分派 / 全部 ask for ?assigned=', async () => {
    on('GET', '/api/v1/console/cases', () =>
      json([{ ...submittedCase, assignee: heldBy(WANG_ID, '王**', false) }, acceptedCase]),
    );
    await renderAt('/cases');
    await waitFor(() => expect(tableRows()).toHaveLength(2));
    expect(screen.getByRole('columnheader', { name: '办理人' })).toBeTruthy();
    const cells = screen.getAllByTestId('case-assignee-cell').map((c) => c.textContent);
    expect(cells.sort()).toEqual(['待分派', '由 王** 办理中']);
    expect(caseListRequests().every((u) => !u.searchParams.has('assigned'))).toBe(true);

    forgetRequests();
    await choose('cases-filter-assigned', '我的');
    await waitFor(() => expect(caseListRequests().length).toBeGreaterThan(0));
    expect(caseListRequests().every((u) => u.searchParams.get('assigned') === 'mine')).toBe(true);

    forgetRequests();
    await choose('cases-filter-assigned', '待分派');
    await waitFor(() => expect(caseListRequests().length).toBeGreaterThan(0));
    expect(caseListRequests().every((u) => u.searchParams.get('assigned') === 'unassigned')).toBe(true);

    forgetRequests();
    await choose('cases-filter-assigned', '全部');
    await waitFor(() => expect(caseListRequests().length).toBeGreaterThan(0));
    expect(caseListRequests().every((u) => !u.searchParams.has('assigned'))).toBe(true);
  });

  it('认领 a case nobody handles, with the version seen; then 退回', async () => {
    on('POST', `/api/v1/console/cases/${CASE_ID}/assignment`, ({ body }) =>
      json(
        (body as { change: string }).change === 'claim'
          ? detail({ version: 2, assignee: heldBy(ME_ID, '李*', true) })
          : detail({ version: 3, assignee: null }),
      ),
    );
    await renderAt(`/cases/${CASE_ID}`);
    const view = await screen.findByTestId('case-detail');
    expect(within(view).getByTestId('case-assignee').textContent).toBe('待分派');
    expect(within(view).queryByTestId('case-release')).toBeNull();
    fireEvent.click(within(view).getByTestId('case-claim'));
    await waitFor(() => expect(within(view).getByTestId('case-assignee').textContent).toBe('由您办理'));
    expect(assignmentRequests()).toEqual([{ change: 'claim', version: 1 }]);
    // Mine: the review steps are offered.
    expect(within(view).getByTestId('case-action-accept')).toBeTruthy();

    fireEvent.click(within(view).getByTestId('case-release'));
    await waitFor(() => expect(within(view).getByTestId('case-assignee').textContent).toBe('待分派'));
    expect(assignmentRequests().at(-1)).toEqual({ change: 'release', version: 2 });
  });

  it('held by someone else: 「由 王** 办理中」, no review steps; 分派给… sends the chosen reviewer', async () => {
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(detail({ version: 4, assignee: heldBy(WANG_ID, '王**', false) })),
    );
    on('GET', `/api/v1/console/cases/${CASE_ID}/assignees`, () =>
      json(ASSIGNABLE.map((a) => ({ ...a, current: a.staffId === WANG_ID }))),
    );
    on('POST', `/api/v1/console/cases/${CASE_ID}/assignment`, () =>
      json(detail({ version: 5, assignee: heldBy(ME_ID, '李*', true) })),
    );
    await renderAt(`/cases/${CASE_ID}`);
    const view = await screen.findByTestId('case-detail');
    expect(within(view).getByTestId('case-assignee').textContent).toBe('由 王** 办理中');
    expect(within(view).getByTestId('case-held-by-other').textContent).toContain('该办件由 王** 办理中');
    expect(within(view).queryByTestId('case-action-accept')).toBeNull();
    expect(within(view).getByTestId('case-claim').textContent).toBe('改派给我');

    // The select lists the others (not who holds it now).
    fireEvent.mouseDown(
      within(view).getByTestId('case-assign-select').querySelector('.ant-select-selector') as Element,
    );
    const option = await waitFor(() => {
      const found = [...document.querySelectorAll('.ant-select-item-option')].map((el) => el.getAttribute('title'));
      if (found.length === 0) throw new Error('no options yet');
      return found;
    });
    expect(option).toEqual(['李*（lisi）（我）']);
    await choose('case-assign-select', '李*（lisi）（我）');
    fireEvent.click(within(view).getByTestId('case-assign'));
    await waitFor(() => expect(within(view).getByTestId('case-assignee').textContent).toBe('由您办理'));
    expect(assignmentRequests()).toEqual([{ change: 'assign', assigneeId: ME_ID, version: 4 }]);
    expect(within(view).getByTestId('case-action-accept')).toBeTruthy();
  });

  it('shows a refused change in the server’s words; a version conflict reloads the case', async () => {
    on('POST', `/api/v1/console/cases/${CASE_ID}/assignment`, () =>
      problem(
        409,
        'CASE_ASSIGNMENT_NOT_ALLOWED',
        '该办件不能再分派',
        '办件当前状态为“已办结”，已办理完毕，不能再分派。',
      ),
    );
    await renderAt(`/cases/${CASE_ID}`);
    const view = await screen.findByTestId('case-detail');
    fireEvent.click(within(view).getByTestId('case-claim'));
    expect((await within(view).findByTestId('case-assignment-error')).textContent).toBe(
      '办件当前状态为“已办结”，已办理完毕，不能再分派。',
    );

    on('POST', `/api/v1/console/cases/${CASE_ID}/assignment`, () =>
      problem(409, 'CASE_CHANGED', '办件已有新的进展，请刷新后重试', '该办件已有新的办理进展，请刷新后再操作。'),
    );
    forgetRequests();
    fireEvent.click(within(view).getByTestId('case-claim'));
    expect((await screen.findByTestId('case-notice')).textContent).toContain('该办件已有新的办理进展');
    await waitFor(() => expect(detailRequests().length).toBeGreaterThan(0));
  });

  it('内部备注: listed with author and time; 添加备注 posts the text; a refusal in the server’s words', async () => {
    on('GET', `/api/v1/console/cases/${CASE_ID}`, () =>
      json(
        detail({
          notes: [
            {
              id: '7c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f',
              text: '申请人电话已核实',
              authorNameMasked: '王**',
              mine: false,
              createdAt: '2025-03-01T03:30:00.000Z',
            },
          ],
        }),
      ),
    );
    on('POST', `/api/v1/console/cases/${CASE_ID}/notes`, ({ body }) => {
      const text = ((body as { text: string }).text ?? '').trim();
      if (!text) return problem(400, 'VALIDATION_FAILED', '请求参数有误', 'text：请填写备注内容');
      return json(
        {
          id: '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f7a',
          text,
          authorNameMasked: '李*',
          mine: true,
          createdAt: '2025-03-01T04:00:00.000Z',
        },
        201,
      );
    });
    await renderAt(`/cases/${CASE_ID}`);
    const notes = await screen.findByTestId('case-notes');
    expect(within(notes).getByText('申请人电话已核实')).toBeTruthy();
    expect(within(notes).getByText(/王\*\* ·/)).toBeTruthy();
    expect(notes.textContent).toContain('不会发送给申请人');

    fireEvent.click(within(notes).getByTestId('case-note-add'));
    expect((await within(notes).findByTestId('case-note-error')).textContent).toBe('text：请填写备注内容');

    const box = within(notes).getByLabelText('添加内部备注');
    fireEvent.change(box, { target: { value: '  待医院评定结果  ' } });
    fireEvent.click(within(notes).getByTestId('case-note-add'));
    // The new note in the list (the box still holds the same words until the answer comes: not them).
    const list = within(notes).getByTestId('case-notes-list');
    await waitFor(() => expect(list.textContent).toMatch(/待医院评定结果李\*（我） ·/));
    expect((box as HTMLTextAreaElement).value).toBe('');
    expect(requests.filter((r) => r.url.pathname.endsWith('/notes')).map((r) => r.body)).toEqual([
      { text: '' },
      { text: '  待医院评定结果  ' },
    ]);
  });
});
