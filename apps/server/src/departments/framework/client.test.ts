import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import { createConnector, type Transport } from './client.js';
import { defineDepartment } from './contract.js';
import { DepartmentBadAnswer, DepartmentUnavailable } from './errors.js';
import { Bulkhead, backoffDelay, CircuitBreaker } from './resilience.js';

const spec = defineDepartment({
  id: 'test-dept',
  name: '测试部门',
  catalogDepartmentIds: [],
  operations: {
    read: {
      summary: 'a read',
      input: z.object({ idNumber: z.string().regex(/^\d{17}[\dX]$/, '身份证号码格式有误') }),
      output: z.object({ value: z.number() }),
      idempotent: true,
    },
    write: {
      summary: 'a write',
      input: z.object({ amount: z.number() }),
      output: z.object({ ok: z.boolean() }),
      idempotent: false,
    },
  },
});
const ID = '44010619880512031X';

/** A transport that answers as told, counting calls. */
function scripted(
  answer: (op: string, n: number, signal: AbortSignal) => Promise<unknown>,
  kind: Transport['kind'] = 'in-process',
) {
  const calls: string[] = [];
  const transport: Transport = {
    kind,
    call(op, _input, signal) {
      calls.push(op);
      return answer(op, calls.length, signal);
    },
  };
  return { transport, calls };
}

const fast = { timeoutMs: 50, retries: 2, backoffMs: 1, failureThreshold: 3, openMs: 60_000 };
const never = () => new Promise<never>(() => {});

describe('department connector', () => {
  it('refuses bad input before calling the department, with the contract’s Chinese message', async () => {
    const { transport, calls } = scripted(async () => ({ value: 1 }));
    const { client } = createConnector(spec, transport, { policy: fast });
    const error = await client.read({ idNumber: '123' }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'DEPARTMENT_INPUT_INVALID', detail: '身份证号码格式有误', status: 400 });
    expect(calls).toHaveLength(0);
  });

  it('retries a read that times out, then gives the citizen the guide’s words', async () => {
    const { transport, calls } = scripted(never);
    const { client, health } = createConnector(spec, transport, { policy: fast });
    const started = Date.now();
    const error = await client.read({ idNumber: ID }).catch((e) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect(error).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', kind: 'timeout', status: 503 });
    expect(error.detail).toBe('该服务暂时无法使用，请稍后再试。');
    expect(calls).toHaveLength(3); // 1 + 2 retries
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(health().inFlight).toBe(0);
  });

  it('aborts the work of a remote transport when the deadline passes', async () => {
    let aborted = false;
    const { transport } = scripted(
      (_op, _n, signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          }),
        ),
      'http',
    );
    const { client } = createConnector(spec, transport, { policy: { ...fast, retries: 0 } });
    await client.read({ idNumber: ID }).catch(() => {});
    expect(aborted).toBe(true);
  });

  it('never retries a write, and recovers on a later success', async () => {
    const { transport, calls } = scripted(async (op, n) => {
      if (n === 1) throw new DepartmentUnavailable('test-dept', 'server-error', 'HTTP 503');
      return op === 'write' ? { ok: true } : { value: 7 };
    });
    const { client } = createConnector(spec, transport, { policy: fast });
    await expect(client.write({ amount: 1 })).rejects.toBeInstanceOf(DepartmentUnavailable);
    expect(calls).toEqual(['write']);
    await expect(client.read({ idNumber: ID })).resolves.toEqual({ value: 7 });
  });

  it('treats an answer outside the contract as a bad answer, without retrying', async () => {
    const { transport, calls } = scripted(async () => ({ value: '不是数字' }));
    const { client } = createConnector(spec, transport, { policy: fast });
    const error = await client.read({ idNumber: ID }).catch((e) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect(error).toMatchObject({ code: 'DEPARTMENT_BAD_ANSWER', status: 502 });
    expect(error.detail).toBe('该服务暂时无法使用，请稍后再试。');
    expect(calls).toHaveLength(1);
  });

  it('turns a crash inside the department code into an unavailable department, never a 500', async () => {
    const { transport } = scripted(async () => {
      throw new TypeError('boom');
    });
    const { client } = createConnector(spec, transport, { policy: { ...fast, retries: 0 } });
    await expect(client.read({ idNumber: ID })).rejects.toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE' });
  });

  it('opens the circuit after repeated failures and answers at once without calling', async () => {
    const { transport, calls } = scripted(async () => {
      throw new DepartmentUnavailable('test-dept', 'server-error', 'HTTP 500');
    });
    const { client, health } = createConnector(spec, transport, { policy: { ...fast, retries: 0 } });
    for (let i = 0; i < 3; i++) await client.read({ idNumber: ID }).catch(() => {});
    expect(health().breaker).toBe('open');
    const before = calls.length;
    const error = await client.read({ idNumber: ID }).catch((e) => e);
    expect(error).toMatchObject({ kind: 'circuit-open' });
    expect(calls.length).toBe(before);
  });

  it('sheds calls beyond its concurrency cap and queue', async () => {
    const { transport } = scripted(() => new Promise((r) => setTimeout(() => r({ value: 1 }), 30)));
    const { client } = createConnector(spec, transport, {
      policy: { ...fast, timeoutMs: 1000, maxConcurrent: 2, maxQueued: 1 },
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => client.read({ idNumber: ID })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const shed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(shed.reason).toMatchObject({ kind: 'overloaded' });
  });
});

describe('circuit breaker', () => {
  it('lets one trial call through after the open period, closing on success', () => {
    let now = 0;
    const b = new CircuitBreaker(2, 1000, () => now);
    b.failure();
    b.failure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    now = 1000;
    expect(b.tryAcquire()).toBe(true);
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(false); // only one trial at a time
    b.success();
    expect(b.state).toBe('closed');
  });

  it('opens again when the trial fails', () => {
    let now = 0;
    const b = new CircuitBreaker(1, 1000, () => now);
    b.failure();
    now = 1500;
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    now = 2000;
    expect(b.tryAcquire()).toBe(false);
  });
});

describe('bulkhead and backoff', () => {
  it('passes a freed slot to the next in line', async () => {
    const bulkhead = new Bulkhead(1, 5);
    const first = await bulkhead.acquire();
    let second: (() => void) | null = null;
    const waiting = bulkhead.acquire().then((r) => {
      second = r;
    });
    expect(bulkhead.inFlight).toBe(1);
    first?.();
    await waiting;
    expect(second).not.toBeNull();
    expect(bulkhead.inFlight).toBe(1);
    (second as unknown as () => void)();
    expect(bulkhead.inFlight).toBe(0);
  });

  it('doubles the backoff with jitter', () => {
    expect(backoffDelay(100, 1, () => 0.5)).toBe(100);
    expect(backoffDelay(100, 3, () => 0)).toBe(200);
    expect(backoffDelay(100, 3, () => 0.999)).toBeLessThanOrEqual(600);
  });
});
