// @vitest-environment happy-dom
import type { EndorsementOptions, EndorsementPermit } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allByTestId,
  byTestId,
  type Call,
  findByTestId,
  type Handler,
  json,
  mockFetch,
  problem,
  renderRoute,
} from '../test/harness';
import { ORDER_ID, paymentOrder } from '../test/payments-fixtures';
import { cleanup, click, waitFor } from '../test/render';
import EndorsementApply from './EndorsementApply';

const routes = [
  { path: '/exit-entry/endorsements/apply', element: <EndorsementApply /> },
  { path: '/pay/:id', element: <p data-testid="cashier-page">cashier</p> },
];
const path = (c: Call) => c.url.split('?')[0];
const query = (c: Call) => new URLSearchParams(c.url.split('?')[1] ?? '');

afterEach(cleanup);

const FOR_WIFE = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5e';
/** 张伟 as 代办人: 刘芳 authorised him for 港澳通行证再次签注 (active); his father for another service. */
const DELEGATIONS = [
  {
    id: FOR_WIFE,
    role: 'agent',
    kind: 'consent',
    otherParty: { nameMasked: '刘*', idNumberMasked: '440***********0424', relationLabel: '妻子' },
    status: 'active',
    services: [{ id: 'gangao-zaici-qianzhu', name: '港澳通行证再次签注' }],
  },
  {
    id: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
    role: 'agent',
    kind: 'consent',
    otherParty: { nameMasked: '张**', idNumberMasked: '440***********0117', relationLabel: '父亲' },
    status: 'active',
    services: [{ id: 'yanglao-zige-renzheng', name: '养老资格认证' }],
  },
];
/** The page also asks 为谁办理 (the caller's delegations as 代办人): none unless given. */
const backend = (handle: Handler, delegations: unknown[] = []) =>
  mockFetch((call) =>
    call.url === '/api/v1/delegations' ? json(200, { asAgent: delegations, asPrincipal: [] }) : handle(call),
  );

const option = (over: Partial<EndorsementPermit['options'][number]>) => ({
  destination: 'hong-kong' as const,
  destinationName: '香港',
  kind: 'tourism-individual' as const,
  kindName: '个人旅游',
  trips: 'once' as const,
  tripsName: '一次有效',
  stayDays: 7,
  validMonths: 3,
  feeFen: 1500,
  available: true,
  reason: null,
  ...over,
});
const PERMIT: EndorsementPermit = {
  documentNumber: 'C32815406',
  kindName: '往来港澳通行证',
  issuedOn: '2019-08-12',
  validUntil: '2029-08-11',
  issuePlace: '广东',
  statusName: '有效',
  eligible: true,
  reason: null,
  options: [
    option({}),
    option({ trips: 'twice', tripsName: '二次有效', feeFen: 3000 }),
    option({
      destination: 'macao',
      destinationName: '澳门',
      available: false,
      reason: '该证件已有一个前往该地的签注正在办理，请办结后再申请。',
    }),
  ],
};
const options = (permits: EndorsementPermit[] = [PERMIT]): EndorsementOptions => ({
  service: 'gangao-zaici-qianzhu',
  serviceName: '港澳通行证再次签注',
  permits,
  source: { department: '广东省公安厅出入境管理局', updatedAt: '2019-08-12T02:30:00.000Z' },
});

describe('在线签注 (/exit-entry/endorsements/apply)', () => {
  it('says in the guide’s words it cannot be cancelled online; chooses, pays the fee through the cashier', async () => {
    const calls = backend((call) => {
      if (path(call) === '/api/v1/me/endorsements/options') return json(200, options());
      if (path(call) === '/api/v1/me/endorsement-applications')
        return json(201, paymentOrder({ purpose: 'endorsement-fee', amountFen: 3000 }));
      return undefined;
    });
    const { router } = await renderRoute(routes, '/exit-entry/endorsements/apply?service=gangao-zaici-qianzhu');
    const permit = await findByTestId('endorse-permit');
    expect(document.querySelector('h1')?.textContent).toContain('港澳通行证再次签注');
    expect(byTestId('endorse-cancel-note').textContent).toContain('用户办理港澳台签注目前系统不支持取消');
    expect(byTestId('endorse-cancel-note').textContent).toContain('〔热线电话：12345〕');
    expect(byTestId('endorse-proof-note').textContent).toContain('缴费成功通知');
    const asked = calls.find((c) => path(c) === '/api/v1/me/endorsements/options') as Call;
    expect(query(asked).get('service')).toBe('gangao-zaici-qianzhu');
    expect(query(asked).get('city')).toBe('440100');

    const rows = allByTestId('endorse-option', permit);
    expect(rows.map((r) => r.getAttribute('data-available'))).toEqual(['true', 'true', 'false']);
    const macao = rows[2]?.querySelector('input') as HTMLInputElement;
    expect(macao.disabled).toBe(true);
    expect(document.getElementById(macao.getAttribute('aria-describedby') ?? '')?.textContent).toContain('正在办理');

    expect(byTestId('endorse-fee').textContent).toBe('选择签注后，此处显示应缴的签注费');
    await click(byTestId('endorse-submit'));
    expect(byTestId('endorse-error').textContent).toBe('请选择签注种类');
    await click(rows[1]?.querySelector('input') as Element);
    expect(byTestId('endorse-fee').textContent).toBe('¥30.00');
    await click(byTestId('endorse-submit'));
    await findByTestId('cashier-page');
    expect(router.state.location.pathname).toBe(`/pay/${ORDER_ID}`);
    expect(calls.find((c) => path(c) === '/api/v1/me/endorsement-applications')?.body).toEqual({
      service: 'gangao-zaici-qianzhu',
      city: '440100',
      documentNumber: 'C32815406',
      destination: 'hong-kong',
      kind: 'tourism-individual',
      trips: 'twice',
      amountFen: 3000,
      submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('为他人办理: with 刘芳’s 授权 it lists her permits and applies for her; 本人 stays the default', async () => {
    const wifePermit: EndorsementPermit = { ...PERMIT, documentNumber: 'C60419327' };
    const calls = backend((call) => {
      if (path(call) === '/api/v1/me/endorsements/options')
        return json(200, options(query(call).get('for') === FOR_WIFE ? [wifePermit] : [PERMIT]));
      if (path(call) === '/api/v1/me/endorsement-applications')
        return json(201, paymentOrder({ purpose: 'endorsement-fee', amountFen: 1500 }));
      return undefined;
    }, DELEGATIONS);
    const { router } = await renderRoute(routes, '/exit-entry/endorsements/apply?service=gangao-zaici-qianzhu');
    const picker = await findByTestId('for-whom');
    // only the delegation that covers this service is offered
    expect(picker.textContent).toContain('刘*');
    expect(picker.textContent).not.toContain('张**');
    expect((byTestId('for-self') as HTMLInputElement).checked).toBe(true);
    expect((await findByTestId('endorse-permit')).textContent).toContain('C32815406');

    await click(byTestId(`for-${FOR_WIFE}`));
    await waitFor(() => expect(byTestId('endorse-permit').textContent).toContain('C60419327'));
    const asked = calls.filter((c) => path(c) === '/api/v1/me/endorsements/options').at(-1) as Call;
    expect(query(asked).get('for')).toBe(FOR_WIFE);
    await click(allByTestId('endorse-option')[0]?.querySelector('input') as Element);
    await click(byTestId('endorse-submit'));
    await findByTestId('cashier-page');
    expect(router.state.location.pathname).toBe(`/pay/${ORDER_ID}`);
    const created = calls.find((c) => path(c) === '/api/v1/me/endorsement-applications') as Call;
    expect(query(created).get('for')).toBe(FOR_WIFE);
    expect(created.body).toMatchObject({ documentNumber: 'C60419327', destination: 'hong-kong', amountFen: 1500 });
  });

  it('a permit that may not be endorsed online says why; a refusal on submit shows the server’s words', async () => {
    const notGd: EndorsementPermit = {
      ...PERMIT,
      documentNumber: 'C28461935',
      issuePlace: '湖南',
      eligible: false,
      reason: '签注服务支持广东省户籍居民，以及广东省签发的港澳通行证、台湾通行证的签注服务线上办理。',
      options: [],
    };
    backend((call) => {
      if (path(call) === '/api/v1/me/endorsements/options') return json(200, options([notGd, PERMIT]));
      if (path(call) === '/api/v1/me/endorsement-applications')
        return problem(
          409,
          'ENDORSEMENT_NOT_ELIGIBLE',
          '该证件暂不能在线办理签注',
          '该证件已有一个前往该地的签注正在办理，请办结后再申请。',
        );
      return undefined;
    });
    await renderRoute(routes, '/exit-entry/endorsements/apply?service=gangao-zaici-qianzhu');
    await findByTestId('endorse-permits');
    expect(byTestId('endorse-permit-reason').textContent).toContain('签注服务支持广东省户籍居民');
    await click(allByTestId('endorse-option')[0]?.querySelector('input') as Element);
    await click(byTestId('endorse-submit'));
    await waitFor(() =>
      expect(byTestId('endorse-error').textContent).toBe('该证件已有一个前往该地的签注正在办理，请办结后再申请。'),
    );
  });

  it('no permit to endorse: says so, and leads to booking the permit itself', async () => {
    backend((call) =>
      path(call) === '/api/v1/me/endorsements/options'
        ? json(200, { ...options([]), service: 'taiwan-qianzhu', serviceName: '台湾通行证签注' })
        : undefined,
    );
    await renderRoute(routes, '/exit-entry/endorsements/apply?service=taiwan-qianzhu');
    const link = await findByTestId('endorse-get-permit');
    expect(document.body.textContent).toContain('未查询到您名下可办理该签注的证件');
    expect(link.textContent).toBe('还没有台湾通行证？预约申领');
    expect(link.getAttribute('href')).toBe('/services/taiwan-tongxingzheng-shenling-yuyue');
    expect(allByTestId('endorse-submit')).toHaveLength(0);
  });

  it('台湾通行证签注 outside the eight cities: the catalog’s words', async () => {
    backend((call) =>
      path(call) === '/api/v1/me/endorsements/options'
        ? problem(
            409,
            'SERVICE_NOT_IN_CITY',
            '当前城市暂不支持该服务',
            '台湾通行证签注暂仅支持广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳，当前城市为佛山。',
          )
        : undefined,
    );
    await renderRoute(routes, '/exit-entry/endorsements/apply?service=taiwan-qianzhu', { city: '440600' });
    const box = await findByTestId('endorse-not-in-city');
    expect(document.querySelector('h1')?.textContent).toContain('台湾通行证签注');
    expect(box.textContent).toContain('暂仅支持广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳');
  });
});
