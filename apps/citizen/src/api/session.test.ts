import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiProblem,
  apiRequest,
  type FetchLike,
  isVerificationCancelled,
  onSessionProblem,
  VerificationCancelled,
  withStepUp,
} from './client';

function problemResponse(status: number, code: string, detail: string) {
  return new Response(JSON.stringify({ type: `/problems/${code}`, title: detail, status, code, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

const replaced = () => problemResponse(401, 'SESSION_REPLACED', '您的账号已在其他设备登录，请重新登录。');
const verificationRequired = () =>
  problemResponse(403, 'VERIFICATION_REQUIRED', '为保护您的个人信息，请先完成刷脸或密码验证。');

describe('session problems reach the app wherever the request was made', () => {
  const unsubscribe: Array<() => void> = [];
  afterEach(() => {
    for (const u of unsubscribe.splice(0)) u();
  });

  it('a 401 SESSION_REPLACED notifies the listeners and still rejects the caller with the Chinese detail', async () => {
    const seen: ApiProblem[] = [];
    unsubscribe.push(onSessionProblem((p) => seen.push(p)));
    const error = (await apiRequest('/api/v1/me/access-log', {}, async () => replaced()).catch((e) => e)) as ApiProblem;
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.code).toBe('SESSION_REPLACED');
    expect(error.userMessage).toContain('其他设备登录');
    expect(seen.map((p) => p.code)).toEqual(['SESSION_REPLACED']);
  });

  it('tells SESSION_EXPIRED and UNAUTHENTICATED too, but not other 401s such as a failed login', async () => {
    const seen: string[] = [];
    unsubscribe.push(onSessionProblem((p) => seen.push(p.code)));
    const respond =
      (r: Response): FetchLike =>
      async () =>
        r;
    await apiRequest('/api/v1/me', {}, respond(problemResponse(401, 'SESSION_EXPIRED', '登录已过期'))).catch(() => {});
    await apiRequest('/api/v1/me', {}, respond(problemResponse(401, 'UNAUTHENTICATED', '请先登录'))).catch(() => {});
    await apiRequest(
      '/api/v1/auth/pin/login',
      {},
      respond(problemResponse(401, 'LOGIN_FAILED', '手机号码或密码错误')),
    ).catch(() => {});
    await apiRequest('/api/v1/me/verify/pin', {}, respond(problemResponse(401, 'PIN_INVALID', '密码错误'))).catch(
      () => {},
    );
    expect(seen).toEqual(['SESSION_EXPIRED', 'UNAUTHENTICATED']);
  });

  it('the start-up probe (authProbe) is not reported: there a 401 only means "not logged in"', async () => {
    const listener = vi.fn();
    unsubscribe.push(onSessionProblem(listener));
    const error = await apiRequest('/api/v1/me', { authProbe: true }, async () => replaced()).catch((e) => e);
    expect((error as ApiProblem).code).toBe('SESSION_REPLACED');
    expect(listener).not.toHaveBeenCalled();
  });

  it('a listener that throws does not break the request or the other listeners', async () => {
    const other = vi.fn();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    unsubscribe.push(
      onSessionProblem(() => {
        throw new Error('boom');
      }),
    );
    unsubscribe.push(onSessionProblem(other));
    const error = await apiRequest('/api/v1/me', {}, async () => replaced()).catch((e) => e);
    expect((error as ApiProblem).code).toBe('SESSION_REPLACED');
    expect(other).toHaveBeenCalledOnce();
    spy.mockRestore();
  });

  it('unsubscribing stops the notifications', async () => {
    const listener = vi.fn();
    const off = onSessionProblem(listener);
    off();
    await apiRequest('/api/v1/me', {}, async () => replaced()).catch(() => {});
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('withStepUp (403 VERIFICATION_REQUIRED → prompt → retry once)', () => {
  const ok = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };

  it('runs the request once when no verification is needed', async () => {
    const fetchImpl = vi.fn<FetchLike>(
      async () => new Response(JSON.stringify(ok), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const verify = vi.fn(async () => true);
    const data = await withStepUp(() => apiRequest('/api/v1/me/reveal', { method: 'POST' }, fetchImpl), verify);
    expect(data).toEqual(ok);
    expect(fetchImpl).toHaveBeenCalledOnce();
    expect(verify).not.toHaveBeenCalled();
  });

  it('after a successful verification retries once and returns the answer', async () => {
    const answers = [
      verificationRequired(),
      new Response(JSON.stringify(ok), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    ];
    const fetchImpl = vi.fn<FetchLike>(async () => answers.shift() as Response);
    const verify = vi.fn(async (problem: ApiProblem) => {
      expect(problem.code).toBe('VERIFICATION_REQUIRED');
      return true;
    });
    const data = await withStepUp(() => apiRequest('/api/v1/me/reveal', { method: 'POST' }, fetchImpl), verify);
    expect(data).toEqual(ok);
    expect(verify).toHaveBeenCalledOnce();
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('does not loop: a second VERIFICATION_REQUIRED after verifying reaches the caller', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => verificationRequired());
    const verify = vi.fn(async () => true);
    const error = (await withStepUp(() => apiRequest('/api/v1/me/access-log', {}, fetchImpl), verify).catch(
      (e) => e,
    )) as ApiProblem;
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.code).toBe('VERIFICATION_REQUIRED');
    expect(error.userMessage).toContain('刷脸或密码验证');
    expect(verify).toHaveBeenCalledOnce();
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('a cancelled prompt rejects with VerificationCancelled and does not retry', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => verificationRequired());
    const error = await withStepUp(
      () => apiRequest('/api/v1/me/access-log', {}, fetchImpl),
      async () => false,
    ).catch((e) => e);
    expect(isVerificationCancelled(error)).toBe(true);
    expect((error as VerificationCancelled).redirected).toBe(false);
    expect(fetchImpl).toHaveBeenCalledOnce();
  });

  it('a prompt left for the settings page passes its redirected cancellation through', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => verificationRequired());
    const error = await withStepUp(
      () => apiRequest('/api/v1/me/reveal', { method: 'POST' }, fetchImpl),
      async () => {
        throw new VerificationCancelled(true);
      },
    ).catch((e) => e);
    expect(isVerificationCancelled(error) && error.redirected).toBe(true);
    expect(fetchImpl).toHaveBeenCalledOnce();
  });

  it('other problems are not intercepted (no prompt for a wrong PIN or a lost session)', async () => {
    const verify = vi.fn(async () => true);
    const error = (await withStepUp(
      () => apiRequest('/api/v1/me/reveal', { method: 'POST' }, async () => replaced()),
      verify,
    ).catch((e) => e)) as ApiProblem;
    expect(error.code).toBe('SESSION_REPLACED');
    expect(verify).not.toHaveBeenCalled();
  });
});
