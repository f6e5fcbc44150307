// @vitest-environment happy-dom
import type { CaseDetail } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import {
  allByTestId,
  byTestId,
  CASE_ID,
  caseDetail,
  caseSummary,
  detailPageSuite,
  findByTestId,
  json,
  mockFetch,
  problem,
  renderRoute,
} from '../test/harness';
import { click, flush, typeInto, waitFor } from '../test/render';
import CaseDetailPage from './CaseDetail';
import Cases from './Cases';

const { routes, backend } = detailPageSuite<CaseDetail>({
  routes: [
    { path: '/cases', element: <Cases /> },
    { path: '/cases/:id', element: <CaseDetailPage /> },
  ],
  detailUrl: `/api/v1/me/cases/${CASE_ID}`,
});
const ATT_ID = '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('办件详情 (/cases/:id)', () => {
  it('shows the 领取信息 card when approved, the timeline with department names, the masked applicant', async () => {
    backend(
      caseDetail({
        status: 'approved',
        statusLabel: '审核通过，待领取',
        statusLabelEn: 'Approved, ready for collection',
        allowedActions: [],
        collection: { place: '广州市公安局天河分局户政窗口', hours: '工作日 9:00–17:00，自通知之日起30日内' },
        events: [
          ...caseDetail().events,
          {
            action: 'accept',
            label: '受理',
            labelEn: 'Accepted',
            actor: 'staff',
            actorName: '广州市公安局',
            note: null,
            noteMasked: false,
            seq: 2,
            at: '2026-11-27T03:00:00.000Z',
          },
          {
            action: 'approve',
            label: '审核通过',
            labelEn: 'Approved',
            actor: 'staff',
            actorName: '广州市公安局',
            note: '请按时领取',
            noteMasked: false,
            seq: 3,
            at: '2026-11-28T03:00:00.000Z',
          },
        ],
      }),
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    const card = await findByTestId('collection-card');
    expect(byTestId('collection-place').textContent).toBe('广州市公安局天河分局户政窗口');
    expect(byTestId('collection-hours').textContent).toContain('工作日 9:00–17:00');
    expect(card.textContent).toContain('请携带身份证原件');
    expect(byTestId('case-head').textContent).toContain('审核通过，待领取');
    expect(byTestId('case-number').textContent).toBe('GD2026112700001');

    const timeline = byTestId('timeline');
    const titles = [...timeline.querySelectorAll('.adm-step-title')].map((e) => e.textContent);
    expect(titles).toEqual(['审核通过', '受理', '提交申请']);
    expect(timeline.textContent).toContain('广州市公安局');
    expect(timeline.textContent).toContain('请按时领取');
    expect(timeline.textContent).toContain('2026年11月28日');

    expect(byTestId('case-form').textContent).toContain('张*');
    expect(byTestId('case-form').textContent).toContain('440***********123X');
    expect(byTestId('case-form').textContent).toContain('就业入职');
    expect(byTestId('case-file').textContent).toContain('front.jpg');
    expect(byTestId('case-file').textContent).toContain('200 KB');
    // nothing to withdraw once approved, no supplement card
    expect(allByTestId('withdraw')).toHaveLength(0);
    expect(allByTestId('supplement-card')).toHaveLength(0);
    // decided: no 承诺办结时间 any more
    expect(allByTestId('time-limit')).toHaveLength(0);
  });

  it('shows the 承诺办结时间 while the accepted case runs', async () => {
    backend(
      caseDetail({
        status: 'accepted',
        statusLabel: '已受理，审核中',
        statusLabelEn: 'Accepted, under review',
        allowedActions: [],
        timeLimit: {
          workingDays: 10,
          dueOn: '2026-12-10',
          workingDaysLeft: 8,
          state: 'running',
          stateLabel: '办理中',
        },
      }),
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    expect((await findByTestId('time-limit')).textContent?.trim()).toBe(
      '承诺办结时间：2026年12月10日前（自受理之日起10个工作日）',
    );
  });

  it('shows what the department issued once approved (发证情况), and 制证中 before', async () => {
    const approved = {
      status: 'approved' as const,
      statusLabel: '审核通过，待领取',
      statusLabelEn: 'Approved, ready for collection',
      allowedActions: [],
    };
    backend(
      caseDetail({
        ...approved,
        fulfilment: {
          state: 'issued',
          stateLabel: '已制发',
          stateLabelEn: 'Issued',
          what: '残疾人证',
          message:
            '残疾人证已核发（肢体残疾二级，有效期至2036-11-26），可在残疾人证查询中查看，领取后可在我的证照中关联残疾人证电子证照。',
          reference: '440***********031X42',
          referenceLabel: '证件编号',
          referenceLabelEn: 'Number',
          updatedAt: '2026-11-28T03:00:00.000Z',
        },
      }),
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    const card = await findByTestId('fulfilment-card');
    expect(card.getAttribute('data-state')).toBe('issued');
    expect(byTestId('fulfilment-state').textContent).toBe('已制发');
    // titled by what the department issues
    expect(card.querySelector('h2')?.textContent).toContain('残疾人证：已制发');
    expect(byTestId('fulfilment-message').textContent).toContain('可在我的证照中关联残疾人证电子证照');
    expect(card.textContent).toContain('证件编号：440***********031X42');
    expect(card.querySelector('[data-testid="fulfilment-lookup"]')).toBeNull();
  });

  const seniorCardCase = (cityCode: string, state: 'issued' | 'pending') =>
    caseDetail({
      serviceId: 'laonianren-youdaizheng-hefa',
      serviceName: '老年人优待证核发',
      cityCode,
      status: 'approved',
      statusLabel: '审核通过，待领取',
      statusLabelEn: 'Approved, ready for collection',
      allowedActions: [],
      fulfilment: {
        state,
        stateLabel: state === 'issued' ? '已制发' : '制证中',
        stateLabelEn: state === 'issued' ? 'Issued' : 'Being issued',
        what: '老年人优待证',
        message: '老年人优待证已制发（证号YD440600-2026-000001），请按通知的时间和地点携带身份证原件领取。',
        reference: state === 'issued' ? 'YD440600-2026-000001' : null,
        referenceLabel: '证件编号',
        referenceLabelEn: 'Number',
        updatedAt: '2026-11-28T03:00:00.000Z',
      },
    });

  it.each([
    ['440600', '查看我的老人卡'],
    ['441800', '查看我的优待证'],
  ])('links an issued 老年人优待证 to the card lookup in the case’s city (%s: %s)', async (city, label) => {
    backend(seniorCardCase(city, 'issued'));
    await renderRoute(routes, `/cases/${CASE_ID}`);
    const link = await findByTestId('fulfilment-lookup');
    expect(link.textContent).toBe(label);
    expect(link.getAttribute('href')).toBe(`/lookups/senior-card?city=${city}`);
  });

  it('offers no card lookup while the card is still being issued', async () => {
    backend(seniorCardCase('441800', 'pending'));
    await renderRoute(routes, `/cases/${CASE_ID}`);
    expect((await findByTestId('fulfilment-state')).textContent).toBe('制证中');
    expect(document.querySelector('[data-testid="fulfilment-lookup"]')).toBeNull();
  });

  it('shows the supplement reason and sends 补正材料 (files per slot and a note)', async () => {
    const requested = caseDetail({
      status: 'supplement_requested',
      statusLabel: '待补正材料',
      statusLabelEn: 'Awaiting supplementary materials',
      allowedActions: ['withdraw', 'supplement'],
      supplementReason: '身份证反面照片不清晰，请重新拍摄上传',
    });
    const calls = backend(requested, (call) => {
      if (call.url === '/api/v1/me/attachments' && call.method === 'POST') {
        return json(201, {
          id: ATT_ID,
          name: 'back.png',
          contentType: 'image/png',
          size: 100,
          slot: null,
          uploadedAt: '2026-11-28T01:00:00.000Z',
        });
      }
      if (call.url.endsWith('/supplement')) {
        return json(200, {
          ...requested,
          status: 'submitted',
          statusLabel: '已提交，待受理',
          allowedActions: ['withdraw'],
          supplementReason: null,
        });
      }
      return undefined;
    });
    await renderRoute(routes, `/cases/${CASE_ID}`);
    await findByTestId('supplement-card');
    expect(byTestId('supplement-reason').textContent).toContain('身份证反面照片不清晰，请重新拍摄上传');
    expect(allByTestId('withdraw')).toHaveLength(1);

    await click(byTestId('supplement-start'));
    await findByTestId('supplement-form');
    // nothing chosen: say what is needed
    await click(byTestId('supplement-submit'));
    expect(byTestId('supplement-error').textContent).toBe('请上传需补正的材料或填写补正说明');

    const el = byTestId<HTMLInputElement>('slot-input-id-card');
    Object.defineProperty(el, 'files', { value: [new File([new Uint8Array(100)], 'back.png', { type: 'image/png' })] });
    el.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(byTestId('upload-item').dataset.status).toBe('done'));
    await typeInto(byTestId('supplement-note'), '已重新拍摄');
    await click(byTestId('supplement-submit'));
    await waitFor(() => expect(byTestId('case-head').textContent).toContain('已提交，待受理'));
    const sent = calls.find((c) => c.url === `/api/v1/me/cases/${CASE_ID}/supplement`);
    expect(sent?.method).toBe('POST');
    expect(sent?.body).toEqual({ note: '已重新拍摄', attachments: { 'id-card': [ATT_ID] } });
    expect(allByTestId('supplement-card')).toHaveLength(0);
  });

  it('withdraws after the confirm dialog, with the optional reason', async () => {
    const calls = backend(caseDetail(), (call) =>
      call.url.endsWith('/withdraw')
        ? json(
            200,
            caseDetail({ status: 'withdrawn', statusLabel: '已撤回', statusLabelEn: 'Withdrawn', allowedActions: [] }),
          )
        : undefined,
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    await click(await findByTestId('withdraw'));
    const dialog = await findByTestId('withdraw-dialog');
    await typeInto(dialog.querySelector('textarea') as Element, '不需要了');
    const confirm = [...document.querySelectorAll('.adm-dialog-button')].find((b) => b.textContent === '确认撤回');
    await click(confirm as Element);
    await waitFor(() => expect(byTestId('case-head').textContent).toContain('已撤回'));
    expect(calls.find((c) => c.url.endsWith('/withdraw'))?.body).toEqual({ reason: '不需要了' });
    await flush();
    expect(allByTestId('withdraw')).toHaveLength(0);
  });

  it('opens one’s own uploaded file from the server (with the session) as a preview', async () => {
    const calls = backend(caseDetail(), (call) =>
      call.url === `/api/v1/me/attachments/${caseDetail().attachments[0]?.id}`
        ? new Response(new Uint8Array([0xff, 0xd8, 0xff]), { status: 200, headers: { 'content-type': 'image/jpeg' } })
        : undefined,
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    const open = (await findByTestId('case-file')).querySelector('button') as HTMLButtonElement;
    expect(open.getAttribute('aria-label')).toBe('查看 front.jpg');
    await click(open);
    await waitFor(() =>
      expect(document.querySelector('.adm-image-viewer-content img, .adm-image-viewer img')).not.toBeNull(),
    );
    const get = calls.find((c) => c.url.startsWith('/api/v1/me/attachments/'));
    expect(get?.method).toBe('GET');
  });

  it('lets the principal open the files the agent uploaded for him (为他人办理), through the same route', async () => {
    const fileId = caseDetail().attachments[0]?.id;
    const calls = backend(
      caseDetail({ onBehalf: { role: 'principal', otherNameMasked: '张*', label: '由 张* 代办' } }),
      (call) =>
        call.url === `/api/v1/me/attachments/${fileId}`
          ? new Response(new Uint8Array([0xff, 0xd8, 0xff]), { status: 200, headers: { 'content-type': 'image/jpeg' } })
          : undefined,
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    expect((await findByTestId('on-behalf')).textContent).toBe('由 张* 代办');
    const open = byTestId('case-file').querySelector('button') as HTMLButtonElement;
    expect(open.disabled).toBe(false);
    await click(open);
    await waitFor(() =>
      expect(document.querySelector('.adm-image-viewer-content img, .adm-image-viewer img')).not.toBeNull(),
    );
    expect(calls.find((c) => c.url === `/api/v1/me/attachments/${fileId}`)?.method).toBe('GET');
  });

  it('shows a typed phone or ID number masked, with 显示 fetching it (audited by the server), errors in its words', async () => {
    const phone = { name: 'contactPhone', label: '联系电话', labelEn: 'Phone', value: '139****5678', masked: true };
    const mother = { name: 'motherIdNumber', label: '母亲身份证号码', labelEn: "Mother's ID number", masked: true };
    const calls = backend(
      caseDetail({
        form: [...caseDetail().form, phone, { ...mother, value: '440***********0023' }],
      }),
      (call) =>
        call.url.endsWith('/form/contactPhone/reveal')
          ? json(200, { name: 'contactPhone', value: '13912345678' })
          : call.url.endsWith('/form/motherIdNumber/reveal')
            ? problem(404, 'CASE_FORM_FIELD_NOT_FOUND', '该项申请信息未填写，没有可显示的内容。')
            : undefined,
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    await findByTestId('case-form');
    expect(byTestId('case-form-contactPhone').textContent).toBe('139****5678');
    const show = document.querySelector('button[aria-label="显示联系电话"]') as HTMLButtonElement;
    expect(show.textContent).toBe('显示');
    // plain values have no button
    expect(document.querySelector('button[aria-label="显示开具用途"]')).toBeNull();
    await click(show);
    await waitFor(() => expect(byTestId('case-form-contactPhone').textContent).toBe('13912345678'));
    const sent = calls.find((c) => c.url === `/api/v1/me/cases/${CASE_ID}/form/contactPhone/reveal`);
    expect(sent?.method).toBe('POST');
    // 隐藏 masks it again without asking the server
    const hide = document.querySelector('button[aria-label="隐藏联系电话"]') as HTMLButtonElement;
    await click(hide);
    expect(byTestId('case-form-contactPhone').textContent).toBe('139****5678');

    await click(document.querySelector('button[aria-label="显示母亲身份证号码"]') as Element);
    await waitFor(() =>
      expect(byTestId('case-form').querySelector('[role="alert"]')?.textContent).toBe(
        '该项申请信息未填写，没有可显示的内容。',
      ),
    );
    expect(byTestId('case-form-motherIdNumber').textContent).toBe('440***********0023');
  });

  it('shows free text with the numbers inside it masked; 显示 the whole text, 隐藏 masks it again', async () => {
    const masked = '前夫（身份证 440***********1234，电话 139****5678）拒付抚养费';
    const full = '前夫（身份证 440106199001011234，电话 139 1234 5678）拒付抚养费';
    const entry = { name: 'question', label: '咨询问题', labelEn: 'Question', value: masked, masked: true };
    const calls = backend(caseDetail({ form: [...caseDetail().form, entry] }), (call) =>
      call.url.endsWith('/form/question/reveal') ? json(200, { name: 'question', value: full }) : undefined,
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    await findByTestId('case-form');
    expect(byTestId('case-form-question').textContent).toBe(masked);
    await click(document.querySelector('button[aria-label="显示咨询问题"]') as Element);
    await waitFor(() => expect(byTestId('case-form-question').textContent).toBe(full));
    expect(calls.filter((c) => c.url === `/api/v1/me/cases/${CASE_ID}/form/question/reveal`)).toHaveLength(1);
    const hide = document.querySelector('button[aria-label="隐藏咨询问题"]') as HTMLButtonElement;
    expect(hide.getAttribute('aria-pressed')).toBe('true');
    await click(hide);
    expect(byTestId('case-form-question').textContent).toBe(masked);
  });

  it('shows a note of the timeline with its numbers masked; 显示 asks for that step’s note, plain notes have no button', async () => {
    const masked = '请补充材料，有疑问请致电 138****8000';
    const full = '请补充材料，有疑问请致电 13800138000';
    const step = {
      action: 'request_supplement' as const,
      label: '要求补正',
      labelEn: 'Supplement requested',
      actor: 'staff' as const,
      actorName: '广州市公安局',
      note: masked,
      noteMasked: true,
      seq: 2,
      at: '2026-11-27T03:00:00.000Z',
    };
    const calls = backend(
      caseDetail({ events: [...caseDetail().events, step, { ...step, note: '已收到', noteMasked: false, seq: 3 }] }),
      (call) => (call.url.endsWith('/events/2/note/reveal') ? json(200, { seq: 2, note: full }) : undefined),
    );
    await renderRoute(routes, `/cases/${CASE_ID}`);
    await findByTestId('timeline');
    expect(byTestId('case-event-note-2').textContent).toBe(masked);
    expect(document.querySelectorAll('button[aria-label="显示办理说明"]')).toHaveLength(1);
    expect(byTestId('timeline').textContent).toContain('已收到');
    await click(document.querySelector('button[aria-label="显示办理说明"]') as Element);
    await waitFor(() => expect(byTestId('case-event-note-2').textContent).toBe(full));
    expect(calls.filter((c) => c.url === `/api/v1/me/cases/${CASE_ID}/events/2/note/reveal`)).toHaveLength(1);
    await click(document.querySelector('button[aria-label="隐藏办理说明"]') as Element);
    expect(byTestId('case-event-note-2').textContent).toBe(masked);
  });

  it('says so when the case is not found, with a way back to the list', async () => {
    mockFetch(() => problem(404, 'CASE_NOT_FOUND', '找不到该办件'));
    await renderRoute(routes, `/cases/${CASE_ID}`);
    await waitFor(() => expect(document.body.textContent).toContain('找不到该办件'));
    expect(document.querySelector('a[href="/cases"]')).not.toBeNull();
  });
});

describe('我的办件 (/cases)', () => {
  it('lists the cases with coloured status tags, filtered by ?service=, and refreshes', async () => {
    const calls = mockFetch((call) =>
      call.url.startsWith('/api/v1/me/cases')
        ? json(200, [
            caseSummary(),
            caseSummary({
              id: '1b0c6a8e-1f0e-4a53-9a8e-3c1b2d4e5f61',
              caseNumber: 'GD2026112800002',
              status: 'approved',
              statusLabel: '审核通过，待领取',
              updatedAt: '2026-11-28T02:00:00.000Z',
            }),
          ])
        : undefined,
    );
    await renderRoute(routes, '/cases?service=wufanzui-jilu-zhengming');
    await waitFor(() => expect(allByTestId('case-card')).toHaveLength(2));
    expect(calls.some((c) => c.url === '/api/v1/me/cases?serviceId=wufanzui-jilu-zhengming')).toBe(true);
    const [first, second] = allByTestId('case-card');
    // the latest change first
    expect(first?.textContent).toContain('GD2026112800002');
    expect(first?.querySelector('[data-status="approved"]')?.className).toContain('adm-tag');
    expect(second?.textContent).toContain('开具用途：就业入职');
    expect(first?.getAttribute('href')).toBe('/cases/1b0c6a8e-1f0e-4a53-9a8e-3c1b2d4e5f61');
    expect(byTestId('case-filter').textContent).toContain('无犯罪记录证明');

    const before = calls.length;
    await click(byTestId('cases-refresh'));
    await waitFor(() => expect(calls.length).toBeGreaterThan(before));
  });

  it('shows the empty state with a way to the services', async () => {
    mockFetch((call) => (call.url.startsWith('/api/v1/me/cases') ? json(200, []) : undefined));
    await renderRoute(routes, '/cases');
    const link = await findByTestId('cases-browse');
    expect(link.getAttribute('href')).toBe('/services');
    expect(document.body.textContent).toContain('暂无办件');
  });
});
