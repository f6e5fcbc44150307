// @vitest-environment happy-dom
import { APPLICATION_FORMS } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { clearDraft, draftKey } from '../lib/apply-drafts';
import {
  ACCOUNT,
  allByTestId,
  byTestId,
  type Call,
  caseDetail,
  findByTestId,
  json,
  mockFetch,
  problem,
  renderRoute,
  serviceDetail,
} from '../test/harness';
import { cleanup, click, flush, typeInto, waitFor } from '../test/render';
import Apply from './Apply';

const SERVICE = 'wufanzui-jilu-zhengming';
const ATT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const routes = [{ path: '/apply/:serviceId', element: <Apply /> }];

afterEach(async () => {
  await cleanup();
  // a draft lives while the app is open: each test starts a new form
  clearDraft(draftKey(ACCOUNT.id, SERVICE));
});

/** The usual answers: the service offered in 广州, no open cases, uploads stored. `submit` answers POST /me/cases. */
function backend(
  submit: (call: Call, n: number) => ReturnType<typeof json> | Promise<never>,
  available = true,
  o: { eligibility?: (call: Call) => ReturnType<typeof json>; forOthers?: boolean } = {},
) {
  let submits = 0;
  return mockFetch((call) => {
    if (call.url.startsWith(`/api/v1/services/${SERVICE}`)) {
      return json(
        200,
        serviceDetail({
          ...(available
            ? {}
            : { available: false, unavailableReason: '暂不支持深圳', unavailableReasonEn: 'Not offered in Shenzhen' }),
          ...(o.forOthers ? { whoMayAct: 'self-or-others' } : {}),
        }),
      );
    }
    if (call.url.startsWith('/api/v1/me/cases/eligibility')) {
      return o.eligibility?.(call) ?? json(200, eligible(call));
    }
    if (call.url === '/api/v1/delegations') return json(200, { asAgent: DELEGATIONS, asPrincipal: [] });
    if (call.url.startsWith('/api/v1/me/cases') && call.method === 'GET') return json(200, []);
    if (call.url === '/api/v1/me/attachments' && call.method === 'POST') {
      return json(201, {
        id: ATT_ID,
        name: decodeURIComponent(call.headers['x-file-name'] ?? ''),
        contentType: call.headers['content-type'],
        size: (call.body as Blob).size,
        slot: null,
        uploadedAt: '2026-11-27T01:59:00.000Z',
      });
    }
    if (call.url.startsWith('/api/v1/me/attachments/') && call.method === 'DELETE') return { status: 204 };
    if (call.url.startsWith('/api/v1/me/cases') && call.method === 'POST' && !call.url.includes('/cases/')) {
      submits += 1;
      return submit(call, submits);
    }
    return undefined;
  });
}

const FOR_FATHER = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
/** 张伟's delegations as 代办人: his father for this service (active), 刘芳 for another one, one revoked. */
const DELEGATIONS = [
  {
    id: FOR_FATHER,
    role: 'agent',
    kind: 'consent',
    otherParty: { nameMasked: '张**', idNumberMasked: '440***********0117', relationLabel: '父亲' },
    status: 'active',
    services: [{ id: SERVICE, name: '无犯罪记录证明' }],
  },
  {
    id: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5e',
    role: 'agent',
    kind: 'consent',
    otherParty: { nameMasked: '刘*', idNumberMasked: '440***********0424', relationLabel: '妻子' },
    status: 'active',
    services: [{ id: 'canjirenzheng-chaxun', name: '残疾人证查询' }],
  },
  {
    id: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5f',
    role: 'agent',
    kind: 'consent',
    otherParty: { nameMasked: '王**', idNumberMasked: '440***********0000', relationLabel: '母亲' },
    status: 'revoked',
    services: [{ id: SERVICE, name: '无犯罪记录证明' }],
  },
];

/** 是否可以申请: yes, for whoever was asked about. */
const eligible = (call: Call) => {
  const forId = new URL(call.url, 'http://x').searchParams.get('for');
  return {
    serviceId: SERVICE,
    eligible: true,
    code: null,
    reason: null,
    forOthers: forId !== null,
    applicantNameMasked: forId ? '张**' : '张*',
  };
};

const input = (name: string) => {
  return byTestId<HTMLInputElement>(`input-${name}`);
};

async function chooseFile(slot: string, file: File) {
  const el = byTestId<HTMLInputElement>(`slot-input-${slot}`);
  Object.defineProperty(el, 'files', { value: [file], configurable: true });
  el.dispatchEvent(new Event('change', { bubbles: true }));
  await flush();
}

/** From the notice to the confirm step with 其他 as the purpose and an ID photo uploaded. */
async function fillToConfirm() {
  await findByTestId('step-notice');
  await click(byTestId('agree'));
  await click(byTestId('next'));
  await findByTestId('step-form');
  await click(byTestId('option-purpose-other'));
  await typeInto(input('purposeDetail'), '办理签证');
  await typeInto(input('receivingUnit'), '某国驻广州总领事馆');
  await typeInto(input('residenceAddress'), '广州市天河区某路1号');
  await click(byTestId('next'));
  await findByTestId('step-materials');
  await chooseFile('id-card', new File([new Uint8Array(2048)], '身份证 正面.jpg', { type: 'image/jpeg' }));
  await waitFor(() => expect(byTestId('upload-item').dataset.status).toBe('done'));
  await click(byTestId('next'));
  await findByTestId('step-confirm');
}

describe('在线办理 (/apply/:serviceId)', () => {
  it('walks the four steps: 须知 to agree, fields shown by showWhen and checked with the form’s Chinese messages', async () => {
    backend(() => json(201, caseDetail()));
    await renderRoute(routes, `/apply/${SERVICE}`);
    await findByTestId('step-notice');
    expect(document.body.textContent).toContain(APPLICATION_FORMS[SERVICE]?.notice[0]);

    await click(byTestId('next'));
    expect(byTestId('step-error').textContent).toContain('我已阅读并同意');
    await click(byTestId('agree'));
    await click(byTestId('next'));
    await findByTestId('step-form');
    expect(byTestId('applicant').textContent).toBe(ACCOUNT.realName?.nameMasked);
    // 具体用途 only when 用途 is 其他
    expect(allByTestId('field-purposeDetail')).toHaveLength(0);

    await click(byTestId('next'));
    expect(byTestId('error-purpose').textContent).toBe('请选择开具用途');
    expect(byTestId('error-receivingUnit').textContent).toBe('请填写使用单位（证明提交给哪个单位）');
    expect(byTestId('error-residenceAddress').textContent).toBe('请填写现居住地址');
    expect(allByTestId('error-workUnit')).toHaveLength(0);
    expect(byTestId('step-title').textContent).toContain('填写信息');

    await click(byTestId('option-purpose-other'));
    expect(allByTestId('field-purposeDetail')).toHaveLength(1);
    expect(allByTestId('error-purpose')).toHaveLength(0);
    await typeInto(input('receivingUnit'), '某公司');
    await typeInto(input('residenceAddress'), '广州市天河区');
    await click(byTestId('next'));
    expect(byTestId('error-purposeDetail').textContent).toBe('用途选择“其他”时，请填写具体用途');

    // typed values stay when going on and coming back
    await click(byTestId('option-purpose-employment'));
    await click(byTestId('next'));
    await findByTestId('step-materials');
    await click(byTestId('prev'));
    await findByTestId('step-form');
    expect(input('receivingUnit').value).toBe('某公司');
    expect(input('residenceAddress').value).toBe('广州市天河区');
    expect(byTestId<HTMLInputElement>('option-purpose-employment').checked).toBe(true);
  });

  it('uploads each file as its raw bytes with content-type and x-file-name, requires the ID card slot, deletes on the server', async () => {
    const calls = backend(() => json(201, caseDetail()));
    await renderRoute(routes, `/apply/${SERVICE}`);
    await findByTestId('step-notice');
    await click(byTestId('agree'));
    await click(byTestId('next'));
    await click(byTestId('option-purpose-employment'));
    await typeInto(input('receivingUnit'), '某公司');
    await typeInto(input('residenceAddress'), '广州市天河区');
    await click(byTestId('next'));
    await findByTestId('step-materials');

    expect(byTestId('slot-input-id-card').getAttribute('accept')).toBe('image/*,application/pdf');
    expect(byTestId('slot-input-id-card').hasAttribute('capture')).toBe(false);
    expect(byTestId('slot-count-id-card').textContent).toBe('0/2');
    await click(byTestId('next'));
    expect(byTestId('slot-error-id-card').textContent).toBe('请上传居民身份证正反面照片');

    const file = new File([new Uint8Array(4096)], '身份证 正面.jpg', { type: 'image/jpeg' });
    await chooseFile('id-card', file);
    await waitFor(() => expect(byTestId('upload-item').dataset.status).toBe('done'));
    const upload = calls.find((c) => c.url === '/api/v1/me/attachments');
    expect(upload?.method).toBe('POST');
    expect(upload?.headers['content-type']).toBe('image/jpeg');
    expect(upload?.headers['x-file-name']).toBe(encodeURIComponent('身份证 正面.jpg'));
    expect(upload?.body).toBe(file);
    expect(byTestId('slot-count-id-card').textContent).toBe('1/2');
    expect(allByTestId('slot-error-id-card')).toHaveLength(0);

    // a PDF over 5 MB is refused on the phone, in the server's words, without an upload
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.pdf', { type: 'application/pdf' });
    await chooseFile('supporting', big);
    const items = allByTestId('upload-item');
    await waitFor(() => expect(items.at(-1)?.textContent).toContain('文件不能超过5MB'));
    expect(calls.filter((c) => c.url === '/api/v1/me/attachments' && c.method === 'POST')).toHaveLength(1);

    // deleting an uploaded file removes it on the server
    await click(byTestId('upload-remove'));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    expect(calls.find((c) => c.method === 'DELETE')?.url).toBe(`/api/v1/me/attachments/${ATT_ID}`);
    await waitFor(() => expect(byTestId('slot-count-id-card').textContent).toBe('0/2'));
  });

  it('submits the form once per filled-in form: a retry after a lost answer sends the same submissionId', async () => {
    const calls = backend((_call, n) =>
      n === 1 ? Promise.reject(new TypeError('Failed to fetch')) : json(201, caseDetail()),
    );
    await renderRoute(routes, `/apply/${SERVICE}`);
    await fillToConfirm();
    expect(byTestId('summary-form').textContent).toContain('其他');
    expect(byTestId('summary-form').textContent).toContain('办理签证');

    await click(byTestId('submit'));
    await waitFor(() => expect(byTestId('step-error').textContent).toContain('网络连接失败'));
    // nothing typed is lost
    expect(byTestId('summary-form').textContent).toContain('某国驻广州总领事馆');

    await click(byTestId('submit'));
    await findByTestId('apply-done');
    const submits = calls.filter((c) => c.url === '/api/v1/me/cases' && c.method === 'POST');
    expect(submits).toHaveLength(2);
    const [first, second] = submits.map((c) => c.body as Record<string, unknown>);
    expect(first).toEqual({
      serviceId: SERVICE,
      city: '440100',
      form: {
        purpose: 'other',
        purposeDetail: '办理签证',
        receivingUnit: '某国驻广州总领事馆',
        residenceAddress: '广州市天河区某路1号',
      },
      attachments: { 'id-card': [ATT_ID] },
      submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(second?.submissionId).toBe(first?.submissionId);
    expect(byTestId('case-number').textContent).toBe('GD2026112700001');
    expect(byTestId('case-status').textContent).toBe('已提交，待受理');
    expect(byTestId('view-case').getAttribute('href')).toBe(`/cases/${caseDetail().id}`);
  });

  it('shows the server’s field error by the field, and ATTACHMENT_REQUIRED at the slot, keeping what was entered', async () => {
    backend((_call, n) =>
      n === 1
        ? problem(400, 'APPLICATION_FORM_INVALID', '申请信息有误', '请按提示修改', [
            { path: 'form.receivingUnit', message: '使用单位不能超过100个字' },
          ])
        : problem(400, 'ATTACHMENT_REQUIRED', '请上传所需材料', '请上传居民身份证正反面照片', [
            { path: 'attachments.id-card', message: '请上传居民身份证正反面照片（正反面各一张）' },
          ]),
    );
    await renderRoute(routes, `/apply/${SERVICE}`);
    await fillToConfirm();

    await click(byTestId('submit'));
    await findByTestId('step-form');
    await waitFor(() => expect(byTestId('error-receivingUnit').textContent).toBe('使用单位不能超过100个字'));
    expect(input('receivingUnit').value).toBe('某国驻广州总领事馆');
    expect(input('purposeDetail').value).toBe('办理签证');

    await click(byTestId('next'));
    await click(byTestId('next'));
    await findByTestId('step-confirm');
    await click(byTestId('submit'));
    await findByTestId('step-materials');
    await waitFor(() =>
      expect(byTestId('slot-error-id-card').textContent).toBe('请上传居民身份证正反面照片（正反面各一张）'),
    );
    // the uploaded file is still there
    expect(byTestId('upload-item').dataset.status).toBe('done');
  });

  it('in a city that does not offer the service, says so in the catalog’s words with a way back', async () => {
    backend(() => json(201, caseDetail()), false);
    await renderRoute(routes, `/apply/${SERVICE}`, { city: '440300' });
    const block = await findByTestId('apply-not-offered');
    expect(block.textContent).toContain('暂不支持深圳');
    expect(block.textContent).toContain('返回服务页面');
  });

  it('reads in English, with the form’s English labels', async () => {
    backend(() => json(201, caseDetail()));
    await renderRoute(routes, `/apply/${SERVICE}`, { lang: 'en' });
    await findByTestId('step-notice');
    expect(document.body.textContent).toContain('I have read and agree');
    await click(byTestId('agree'));
    await click(byTestId('next'));
    await findByTestId('step-form');
    expect(byTestId('field-purpose').textContent).toContain('Purpose');
    expect(byTestId('field-purpose').textContent).toContain('Going abroad');
  });

  it('asks for a fresh verification before the form, like other personal pages', async () => {
    mockFetch((call) => {
      if (call.url.startsWith(`/api/v1/services/${SERVICE}`)) return json(200, serviceDetail());
      if (call.url.startsWith('/api/v1/me/cases')) {
        return problem(403, 'VERIFICATION_REQUIRED', '需要验证身份', '为保护您的个人信息，请先完成身份验证');
      }
      return undefined;
    });
    await renderRoute(routes, `/apply/${SERVICE}`);
    const prompt = await findByTestId('verify-prompt');
    expect(prompt.textContent).toContain('为保护您的个人信息，请先完成身份验证');
    expect(allByTestId('step-notice')).toHaveLength(0);
  });

  it('asks 是否可以申请 before the form: a refusal shows the department’s reason and a way back, not the form', async () => {
    const calls = backend(() => json(201, caseDetail()), true, {
      eligibility: () =>
        json(200, {
          serviceId: SERVICE,
          eligible: false,
          code: 'APPLICATION_NOT_ELIGIBLE',
          reason: '申报居住登记面向离开常住户口所在地、到其他城市居住的人员；您的常住户口在广州，无需办理。',
          forOthers: false,
          applicantNameMasked: '张*',
        }),
    });
    const { router } = await renderRoute(routes, `/apply/${SERVICE}`);
    const refused = await findByTestId('eligibility-refused');
    expect(byTestId('eligibility-reason').textContent).toBe(
      '申报居住登记面向离开常住户口所在地、到其他城市居住的人员；您的常住户口在广州，无需办理。',
    );
    expect(refused.getAttribute('role')).toBe('alert');
    expect(allByTestId('step-notice')).toHaveLength(0);
    // a self-only service: no 为谁办理 picker, and the question asked for the citizen himself
    expect(allByTestId('for-whom')).toHaveLength(0);
    const asked = calls.find((c) => c.url.startsWith('/api/v1/me/cases/eligibility'));
    expect(asked?.url).toBe(`/api/v1/me/cases/eligibility?serviceId=${SERVICE}&city=440100`);
    await click(byTestId('eligibility-back'));
    expect(router.state.location.pathname).toBe(`/services/${SERVICE}`);
  });

  it('为谁办理 on a 本人或为他人办理 service: 本人 by default, then a delegation’s person, asked and submitted with ?for=', async () => {
    const calls = backend(
      () =>
        json(201, caseDetail({ onBehalf: { role: 'agent', otherNameMasked: '张**', label: '代办：为 张** 办理' } })),
      true,
      {
        forOthers: true,
      },
    );
    // 佛山: the service's catalog entry (kept for a few minutes) is not the self-only one of the other tests
    await renderRoute(routes, `/apply/${SERVICE}`, { city: '440600' });
    const picker = await findByTestId('for-whom');
    // only the active delegation covering this service is offered, masked, with the relation
    expect(picker.textContent).toContain('本人（张*）');
    expect(picker.textContent).toContain('张**（父亲）');
    expect(picker.textContent).not.toContain('刘*');
    expect(picker.textContent).not.toContain('王**');
    expect(byTestId<HTMLInputElement>('for-self').checked).toBe(true);
    await findByTestId('step-notice');

    await click(byTestId(`for-${FOR_FATHER}`));
    await waitFor(() =>
      expect(calls.some((c) => c.url.includes('/cases/eligibility') && c.url.includes(`for=${FOR_FATHER}`))).toBe(true),
    );
    await fillToConfirm();
    await click(byTestId('prev'));
    await click(byTestId('prev'));
    await findByTestId('step-form');
    expect(byTestId('applicant').textContent).toBe('张**');
    expect(document.body.textContent).toContain('申请人为被代办人本人');
    await click(byTestId('next'));
    await click(byTestId('next'));
    await click(byTestId('submit'));
    await findByTestId('apply-done');
    const submitted = calls.find((c) => c.method === 'POST' && c.url.startsWith('/api/v1/me/cases'));
    expect(submitted?.url).toBe(`/api/v1/me/cases?for=${FOR_FATHER}`);
    clearDraft(draftKey(ACCOUNT.id, `${SERVICE}@${FOR_FATHER}`));
  });
});
