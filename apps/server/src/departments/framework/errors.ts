import { AppError } from '../../http/app-error.js';

/** What a citizen reads when a department's system cannot answer (the guide's own words). */
export const DEPARTMENT_UNAVAILABLE_DETAIL = '该服务暂时无法使用，请稍后再试。';

export type DepartmentFailureKind = 'timeout' | 'unreachable' | 'circuit-open' | 'overloaded' | 'server-error';

/**
 * A department did not answer in time, is down, or is shed to protect the rest of the platform. The
 * `reason` is for the operator's log line; the citizen sees only the Chinese detail.
 */
export class DepartmentUnavailable extends AppError {
  constructor(
    readonly departmentId: string,
    readonly kind: DepartmentFailureKind,
    readonly reason: string,
  ) {
    super('DEPARTMENT_UNAVAILABLE', DEPARTMENT_UNAVAILABLE_DETAIL);
  }
}

/** A department answered something that is not its contract (garbage, wrong shape): never passed on. */
export class DepartmentBadAnswer extends AppError {
  constructor(
    readonly departmentId: string,
    readonly reason: string,
  ) {
    super('DEPARTMENT_BAD_ANSWER', DEPARTMENT_UNAVAILABLE_DETAIL);
  }
}

/** Failures that count against a department's health (circuit breaker, retries). */
export function isDepartmentFailure(error: unknown): error is DepartmentUnavailable | DepartmentBadAnswer {
  return error instanceof DepartmentUnavailable || error instanceof DepartmentBadAnswer;
}
