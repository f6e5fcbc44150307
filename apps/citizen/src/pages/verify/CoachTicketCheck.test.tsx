// @vitest-environment happy-dom
import type { VerifierProfile } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { scanResult, TICKET_1 } from '../../test/coach-fixtures';
import {
  allByTestId,
  byTestId,
  type Call,
  findByTestId,
  json,
  mockFetch,
  problem,
  renderRoute,
} from '../../test/harness';
import { cleanup, click, flush, typeInto, waitFor } from '../../test/render';
import Verify from '../Verify';

const routes = [{ path: '/verify', element: <Verify /> }];

function profile(kind: 'coach-station' | 'hotel'): VerifierProfile {
  return {
    displayName: '陈*',
    organisation: {
      id: 'org-1',
      name: kind === 'coach-station' ? '广州天河客运站' : '广州某某酒店',
      kind,
      kindName: kind === 'coach-station' ? '客运站' : '酒店',
      cityCode: '440100',
      cityName: '广州',
      purpose: { id: kind, name: kind === 'coach-station' ? '客运站实名核验' : '酒店入住' },
      starRating: kind === 'hotel' ? 4 : null,
    },
  };
}

afterEach(cleanup);

function station(
  handle: (call: Call) => ReturnType<typeof json> | undefined,
  kind: 'coach-station' | 'hotel' = 'coach-station',
) {
  return mockFetch((call) => {
    if (call.url === '/api/v1/verifier/me') return json(200, profile(kind));
    return handle(call);
  });
}

async function enter(code: string) {
  await typeInto(byTestId('coach-check-input'), code);
  await click(byTestId('coach-check-submit'));
}

describe('长途车验票 on /verify', () => {
  it('a valid ticket: the verdict and the ticket, then 检票, then 上车, each answered with the new state', async () => {
    const calls = station((call) => {
      if (call.url === '/api/v1/verifier/coach/scan') return json(200, scanResult());
      if (call.url === `/api/v1/verifier/coach/tickets/${TICKET_1}/check`)
        return json(
          200,
          scanResult({ ticket: { status: 'checked', statusLabel: '已检票', canCheck: false, canBoard: true } }),
        );
      if (call.url === `/api/v1/verifier/coach/tickets/${TICKET_1}/board`)
        return json(
          200,
          scanResult({ ticket: { status: 'boarded', statusLabel: '已上车', canCheck: false, canBoard: false } }),
        );
      return undefined;
    });
    await renderRoute(routes, '/verify');
    const panel = await findByTestId('coach-check-panel');
    expect(panel.textContent).toContain('长途车验票');
    await enter(' YSST1:eyJhbGciOiJFUzI1NiJ9.e30.sig ');
    const verdict = await findByTestId('coach-verdict');
    expect(verdict.dataset.verdict).toBe('valid');
    expect(verdict.className).toContain('coach-verdict-valid');
    expect(byTestId('coach-verdict-word').textContent).toBe('有效车票');
    expect(byTestId('coach-verdict-word').getAttribute('role')).toBe('status');
    expect(verdict.textContent).toContain('GZ1030A');
    expect(verdict.textContent).toContain('广州天河客运站 → 深圳福田汽车站');
    expect(byTestId('coach-verdict-seat').textContent).toBe('05');
    expect(byTestId('coach-verdict-name').textContent).toBe('张*');
    expect(byTestId('coach-verdict-last4').textContent).toBe('123X');
    expect(byTestId('coach-verdict-status').textContent).toBe('待检票');
    expect(calls.find((c) => c.url === '/api/v1/verifier/coach/scan')?.body).toEqual({
      qr: 'YSST1:eyJhbGciOiJFUzI1NiJ9.e30.sig',
    });
    expect(allByTestId('coach-board')).toHaveLength(0);

    await click(byTestId('coach-check'));
    await waitFor(() => expect(byTestId('coach-verdict-status').textContent).toBe('已检票'));
    expect(byTestId('coach-action-done').textContent).toBe('已检票');
    expect(allByTestId('coach-check')).toHaveLength(0);
    await click(byTestId('coach-board'));
    await waitFor(() => expect(byTestId('coach-verdict-status').textContent).toBe('已上车'));
    expect(byTestId('coach-action-done').textContent).toBe('已上车');
    expect(allByTestId('coach-board')).toHaveLength(0);
    expect(calls.filter((c) => c.url.startsWith('/api/v1/verifier/coach/tickets/')).map((c) => c.method)).toEqual([
      'POST',
      'POST',
    ]);
    // no certificate check-in was made for a ticket
    expect(calls.filter((c) => c.url.startsWith('/api/v1/verifier/check-ins'))).toHaveLength(0);
  });

  it('shows a refused ticket in red with the server’s verdict, without 检票 or 上车', async () => {
    station((call) =>
      call.url === '/api/v1/verifier/coach/scan'
        ? json(
            200,
            scanResult({
              verdict: 'refunded',
              verdictName: '该车票已退票',
              ticket: { status: 'refunded', statusLabel: '已退票', canCheck: false, canBoard: false },
            }),
          )
        : undefined,
    );
    await renderRoute(routes, '/verify');
    await findByTestId('coach-check-panel');
    await enter('YSST1:abc');
    const verdict = await findByTestId('coach-verdict');
    expect(verdict.dataset.verdict).toBe('refunded');
    expect(verdict.className).not.toContain('coach-verdict-valid');
    expect(byTestId('coach-verdict-word').textContent).toBe('该车票已退票');
    expect(byTestId('coach-verdict-word').getAttribute('role')).toBe('alert');
    expect(allByTestId('coach-check')).toHaveLength(0);
    expect(allByTestId('coach-board')).toHaveLength(0);
    await click(byTestId('coach-next'));
    expect(allByTestId('coach-verdict')).toHaveLength(0);
  });

  it('a forged code has no ticket; a text that is not a ticket is refused before sending; COACH_STATION_ONLY is said', async () => {
    let n = 0;
    const calls = station((call) => {
      if (call.url !== '/api/v1/verifier/coach/scan') return undefined;
      n++;
      return n === 1
        ? json(200, scanResult({ verdict: 'invalid-code', verdictName: '无效的电子车票二维码', ticket: null }))
        : problem(403, 'COACH_STATION_ONLY', '仅客运站工作人员可以验票');
    });
    await renderRoute(routes, '/verify');
    await findByTestId('coach-check-panel');
    await enter('YSST1:forged');
    await findByTestId('coach-verdict');
    expect(byTestId('coach-verdict-word').textContent).toBe('无效的电子车票二维码');
    expect(allByTestId('coach-verdict-ticket')).toHaveLength(0);

    await enter('YSS1:a-certificate');
    expect(byTestId('coach-check-note').textContent).toContain('这不是长途车电子车票的二维码');
    expect(allByTestId('coach-verdict')).toHaveLength(0);
    await flush();
    expect(calls.filter((c) => c.url === '/api/v1/verifier/coach/scan')).toHaveLength(1);

    await enter('YSST1:other');
    await waitFor(() => expect(byTestId('coach-check-note').textContent).toBe('仅客运站工作人员可以验票'));
  });

  it('is not offered to a verifier of another kind, nor without a verifier logged in', async () => {
    station(() => undefined, 'hotel');
    await renderRoute(routes, '/verify');
    await findByTestId('verifier-org');
    await flush();
    expect(allByTestId('coach-check-panel')).toHaveLength(0);
    await cleanup();

    mockFetch((call) => (call.url === '/api/v1/verifier/me' ? problem(401, 'UNAUTHENTICATED', '请先登录') : undefined));
    await renderRoute(routes, '/verify');
    await findByTestId('verifier-login-open');
    expect(allByTestId('coach-check-panel')).toHaveLength(0);
  });
});
