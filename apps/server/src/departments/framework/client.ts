import type { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import type { DepartmentClient, DepartmentSpec, OperationSpec } from './contract.js';
import { DepartmentBadAnswer, DepartmentUnavailable, isDepartmentFailure } from './errors.js';
import {
  type BreakerState,
  Bulkhead,
  backoffDelay,
  CircuitBreaker,
  DEFAULT_POLICY,
  type ResiliencePolicy,
  sleep,
} from './resilience.js';

/**
 * How an operation reaches the department: in process (the embedded sandbox) or over HTTP. A transport
 * resolves with the department's raw answer (checked against the contract here, not there) or throws a
 * DepartmentUnavailable / DepartmentBadAnswer. It should stop work when `signal` aborts.
 */
export interface Transport {
  readonly kind: 'in-process' | 'http';
  call(operation: string, input: unknown, signal: AbortSignal): Promise<unknown>;
}

/** Where operator log lines go (a pino logger fits). */
export interface ConnectorLog {
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface ConnectorHealth {
  department: string;
  transport: Transport['kind'];
  breaker: BreakerState;
  inFlight: number;
}

export interface Connector<D extends DepartmentSpec> {
  spec: D;
  client: DepartmentClient<D>;
  health(): ConnectorHealth;
}

/** The signal of a call that nothing aborts (in-process transports). */
const NEVER_ABORTS = new AbortController().signal;

/** Zod's first message for a field, as a person reads it. */
function inputProblem(error: z.ZodError): AppError {
  const errors = error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
  return new AppError('DEPARTMENT_INPUT_INVALID', errors[0]?.message ?? '查询条件有误，请核对后重试。', errors);
}

/**
 * Build a department's client over a transport. Every call: input checked against the contract (bad input
 * never leaves the platform: 400 DEPARTMENT_INPUT_INVALID), circuit breaker and concurrency cap of this
 * department, a deadline per attempt, retries with backoff for idempotent reads, the answer checked against
 * the contract (garbage: 502 DEPARTMENT_BAD_ANSWER). Failures are logged for the operator with the reason;
 * the citizen reads "该服务暂时无法使用，请稍后再试。".
 */
export function createConnector<D extends DepartmentSpec>(
  spec: D,
  transport: Transport,
  options: { policy?: Partial<ResiliencePolicy>; log?: ConnectorLog } = {},
): Connector<D> {
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  const breaker = new CircuitBreaker(policy.failureThreshold, policy.openMs);
  const bulkhead = new Bulkhead(policy.maxConcurrent, policy.maxQueued);

  async function attempt(name: string, op: OperationSpec, input: unknown): Promise<unknown> {
    // The embedded sandbox runs on this thread and cannot be interrupted: it gets a signal that never aborts
    // instead of an AbortController per call (an EventTarget each, a few % of a lookup's CPU in a profile).
    // The deadline below still answers the caller on time.
    const controller = transport.kind === 'in-process' ? undefined : new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller?.abort();
        reject(new DepartmentUnavailable(spec.id, 'timeout', `${name}: no answer within ${policy.timeoutMs} ms`));
      }, policy.timeoutMs);
    });
    try {
      const raw = await Promise.race([transport.call(name, input, controller?.signal ?? NEVER_ABORTS), deadline]);
      const parsed = op.output.safeParse(raw);
      if (!parsed.success) {
        throw new DepartmentBadAnswer(spec.id, `${name}: answer does not match the contract: ${parsed.error.message}`);
      }
      return parsed.data;
    } finally {
      clearTimeout(timer);
    }
  }

  async function invoke(name: string, rawInput: unknown): Promise<unknown> {
    const op = spec.operations[name] as OperationSpec;
    const input = op.input.safeParse(rawInput);
    if (!input.success) throw inputProblem(input.error);
    if (!breaker.tryAcquire()) {
      throw new DepartmentUnavailable(spec.id, 'circuit-open', `${name}: circuit open after repeated failures`);
    }
    const release = await bulkhead.acquire();
    if (!release) {
      breaker.neutral();
      options.log?.warn({ department: spec.id, operation: name, kind: 'overloaded' }, 'department call shed');
      throw new DepartmentUnavailable(spec.id, 'overloaded', `${name}: ${policy.maxConcurrent} calls in flight`);
    }
    try {
      const attempts = op.idempotent ? policy.retries + 1 : 1;
      for (let n = 1; ; n++) {
        try {
          const answer = await attempt(name, op, input.data);
          breaker.success();
          return answer;
        } catch (error) {
          // A wrong answer is not retried: the department would most likely say the same again.
          const retryable = error instanceof DepartmentUnavailable && n < attempts;
          options.log?.warn(
            {
              department: spec.id,
              operation: name,
              transport: transport.kind,
              attempt: n,
              kind: error instanceof DepartmentUnavailable ? error.kind : 'bad-answer',
              reason: isDepartmentFailure(error) ? error.reason : String(error),
              willRetry: retryable,
            },
            'department call failed',
          );
          if (!retryable) throw error;
          await sleep(backoffDelay(policy.backoffMs, n));
        }
      }
    } catch (error) {
      // A bug in a transport or an implementation counts as the department's failure, never as a 500.
      const failure =
        error instanceof AppError
          ? error
          : new DepartmentUnavailable(spec.id, 'server-error', `${name}: ${String(error)}`);
      if (isDepartmentFailure(failure)) breaker.failure();
      else breaker.neutral();
      throw failure;
    } finally {
      release();
    }
  }

  const client = Object.fromEntries(
    Object.keys(spec.operations).map((name) => [name, (input: unknown) => invoke(name, input)]),
  ) as DepartmentClient<D>;

  return {
    spec,
    client,
    health: () => ({
      department: spec.id,
      transport: transport.kind,
      breaker: breaker.state,
      inFlight: bulkhead.inFlight,
    }),
  };
}
