// @vitest-environment happy-dom
import type { Delegation, PensionCertifyResult, PensionStatus } from '@yss/contracts';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, waitFor } from '../test/render';
import PensionCertification, { certifiableMembers } from './PensionCertification';

const routes = [{ path: '/pension-certification', element: <PensionCertification /> }];
afterEach(cleanup);

const DELEGATION_ID = '0b7c1e2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d';
const FATHER: Delegation = {
  id: DELEGATION_ID,
  role: 'agent',
  kind: 'consent',
  status: 'active',
  statusLabel: '已生效',
  otherParty: { nameMasked: '张**', idNumberMasked: '440***********0315', relationLabel: '父亲' },
  services: [{ id: 'yanglao-zige-renzheng', name: '养老资格认证' }],
  consentMethod: 'principal-sms',
  consentMethodLabel: '短信验证码确认',
  consentOptions: null,
  validUntil: '2027-01-01T00:00:00.000Z',
  createdAt: '2026-11-01T00:00:00.000Z',
} as unknown as Delegation;

const SCHEMES = [
  { scheme: 'enterprise', name: '企业职工基本养老保险' },
  { scheme: 'institution', name: '机关事业单位工作人员基本养老保险' },
  { scheme: 'resident', name: '城乡居民基本养老保险' },
] as const;

const SELF: PensionStatus = {
  subject: { self: true, nameMasked: '张*' },
  cityCode: '440100',
  schemes: [...SCHEMES],
  pension: null,
  certification: null,
  blocker: { code: 'PENSION_NOT_PENSIONER', message: '未查询到您的养老待遇领取记录，无需进行养老资格认证。' },
  source: { department: '广东省人力资源和社会保障厅', updatedAt: null },
};

const FATHER_STATUS: PensionStatus = {
  subject: { self: false, nameMasked: '张**' },
  cityCode: '440100',
  schemes: [...SCHEMES],
  pension: {
    scheme: 'enterprise',
    schemeName: '企业职工基本养老保险',
    since: '2003-03',
    insuredCityCode: '440100',
    insuredCityName: '广州',
  },
  certification: {
    lastCertifiedOn: '2024-12-05',
    lastCertifiedBy: 'self',
    validUntil: '2025-12-04',
    status: 'expired',
    statusName: '已过期（养老金暂停发放）',
    daysLeft: -358,
  },
  blocker: null,
  source: { department: '广东省人力资源和社会保障厅', updatedAt: '2024-12-05T10:20:00+08:00' },
};

const RESULT: PensionCertifyResult = {
  subject: { self: false, nameMasked: '张**' },
  scheme: 'enterprise',
  schemeName: '企业职工基本养老保险',
  certifiedOn: '2026-11-27',
  validUntil: '2027-11-26',
  alreadyCertified: false,
  source: { department: '广东省人力资源和社会保障厅', updatedAt: '2026-11-27T10:00:00.000Z' },
};

const backend = (certify: () => ReturnType<typeof json>) =>
  mockFetch((call) => {
    if (call.url.startsWith('/api/v1/delegations')) return json(200, { asAgent: [FATHER], asPrincipal: [] });
    if (call.url === '/api/v1/me/verify/pin') return json(200, ACCOUNT);
    if (call.url.startsWith('/api/v1/pension-certification')) {
      if (call.method === 'POST') return certify();
      return json(200, call.url.includes(`for=${DELEGATION_ID}`) ? FATHER_STATUS : SELF);
    }
    return undefined;
  });

async function verifyWithPin() {
  const prompt = await findByTestId('verify-prompt');
  expect(prompt.textContent).toContain('为他人办理养老资格认证，需要您本人现场刷脸验证身份');
  const pinMethod = document.querySelector('[data-testid="verify-method-pin"]');
  if (pinMethod) await click(pinMethod);
  // the PIN cells take physical key presses (PinInput forwards them)
  const pin = byTestId('verify-pin');
  for (const key of '385172') {
    await act(async () => {
      pin.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    });
  }
}

describe('养老资格认证', () => {
  it('lists only the active delegations that cover the service', () => {
    const other = { ...FATHER, id: 'x', services: [{ id: 'gaoling-jintie-shenqing', name: '高龄津贴申请' }] };
    const pending = { ...FATHER, id: 'y', status: 'pending' };
    expect(certifiableMembers({ asAgent: [FATHER, other, pending] as Delegation[] }).map((d) => d.id)).toEqual([
      DELEGATION_ID,
    ]);
  });

  it('本人 without a pension: the server’s reason, no 认证 button, a way to add a family member', async () => {
    backend(() => json(500, {}));
    await renderRoute(routes, '/pension-certification');
    const blocker = await findByTestId('pension-blocker');
    expect(blocker.textContent).toContain('未查询到您的养老待遇领取记录');
    expect(byTestId('pension-status-tag').textContent).toBe('无需认证');
    expect(document.querySelector('[data-testid="pension-start"]')).toBeNull();
    expect(byTestId('pension-who-self').getAttribute('aria-pressed')).toBe('true');
    const add = await findByTestId('pension-add-member');
    expect(add.getAttribute('href')).toBe('/me/family/add?service=yanglao-zige-renzheng');
  });

  it('for the father: expired status, his scheme preselected, a face check every time, then the validity date', async () => {
    const calls = backend(() => json(200, RESULT));
    await renderRoute(routes, '/pension-certification');
    await click(await findByTestId(`pension-who-${DELEGATION_ID}`));
    await waitFor(() => expect(byTestId('pension-valid-until').textContent).toContain('2025年12月4日'));
    expect(byTestId(`pension-who-${DELEGATION_ID}`).textContent).toBe('张**（父亲）');
    expect(byTestId('pension-status-tag').textContent).toBe('已过期（养老金暂停发放）');
    expect(byTestId('pension-valid-until').textContent).toContain('已逾期358天');
    expect(byTestId<HTMLInputElement>('pension-scheme-enterprise').checked).toBe(true);
    expect(byTestId<HTMLInputElement>('pension-scheme-resident').checked).toBe(false);

    await click(byTestId('pension-start'));
    // the 认证 is the live face check: the prompt opens although nothing asked for it yet
    expect(calls.some((c) => c.method === 'POST' && c.url.startsWith('/api/v1/pension-certification'))).toBe(false);
    await verifyWithPin();
    const success = await findByTestId('pension-success');
    expect(success.textContent).toContain('已为张**完成认证');
    expect(byTestId('pension-success-until').textContent).toBe('有效期至 2027年11月26日');
    const post = calls.find((c) => c.method === 'POST' && c.url.startsWith('/api/v1/pension-certification'));
    expect(post?.url).toContain(`for=${DELEGATION_ID}`);
    expect(post?.url).toContain('city=440100');
    expect(post?.body).toEqual({ scheme: 'enterprise' });
  });

  it('for the father before linking one’s own 社保卡: the reason and a way to link it that comes back here', async () => {
    const unlinked: PensionStatus = {
      ...FATHER_STATUS,
      blocker: {
        code: 'SOCIAL_SECURITY_CARD_REQUIRED',
        message: '为他人办理养老资格认证，需先在“我的证照”中关联您本人的社保卡。',
      },
    };
    mockFetch((call) => {
      if (call.url.startsWith('/api/v1/delegations')) return json(200, { asAgent: [FATHER], asPrincipal: [] });
      if (call.url.startsWith('/api/v1/pension-certification')) return json(200, unlinked);
      return undefined;
    });
    await renderRoute(routes, `/pension-certification?for=${DELEGATION_ID}`);
    expect((await findByTestId('pension-blocker')).textContent).toContain('关联您本人的社保卡');
    expect(document.querySelector('[data-testid="pension-start"]')).toBeNull();
    const link = byTestId('pension-link-card');
    expect(link.textContent).toBe('去关联社保卡');
    const target = new URL(link.getAttribute('href') ?? '', 'https://x');
    expect(target.pathname).toBe('/wallet/add');
    expect(target.searchParams.get('type')).toBe('social-security-card');
    expect(target.searchParams.get('next')).toBe(`/pension-certification?for=${DELEGATION_ID}`);
  });

  it('a refusal shows the server’s message and keeps the page', async () => {
    backend(() =>
      problem(
        409,
        'PENSION_SCHEME_MISMATCH',
        '所选社保类型与领取待遇的类型不一致',
        '该家庭成员领取的是企业职工基本养老保险待遇。',
      ),
    );
    await renderRoute(routes, `/pension-certification?for=${DELEGATION_ID}`);
    await click(await findByTestId('pension-scheme-resident'));
    await click(byTestId('pension-start'));
    await verifyWithPin();
    const failure = await findByTestId('pension-failure');
    expect(failure.textContent).toBe('该家庭成员领取的是企业职工基本养老保险待遇。');
    expect(byTestId('pension-status')).toBeTruthy();
  });
});
