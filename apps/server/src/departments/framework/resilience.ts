/**
 * Outage isolation for calls to one department: a deadline per attempt, retries with backoff for
 * idempotent reads, a circuit breaker that stops calling a department that keeps failing, and a
 * concurrency cap (bulkhead) so a slow department cannot tie up the whole server. Each department gets its
 * own instances: one department's trouble never slows another's services.
 */

export interface ResiliencePolicy {
  /** Deadline of one attempt (the issue: ≤ 5 s). */
  timeoutMs: number;
  /** Extra attempts for idempotent operations after a timeout or server error. */
  retries: number;
  /** First backoff; doubled each retry, with ±50 % jitter. */
  backoffMs: number;
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before letting one trial call through. */
  openMs: number;
  /** Calls in flight at once to this department. */
  maxConcurrent: number;
  /** Calls waiting for a slot; beyond this a call is refused at once (shed load, do not queue forever). */
  maxQueued: number;
}

export const DEFAULT_POLICY: ResiliencePolicy = {
  timeoutMs: 5_000,
  retries: 2,
  backoffMs: 100,
  failureThreshold: 5,
  openMs: 30_000,
  maxConcurrent: 32,
  maxQueued: 64,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Closed → open after `failureThreshold` consecutive failures → one trial after `openMs` → closed or open. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  state: BreakerState = 'closed';

  constructor(
    private readonly threshold: number,
    private readonly openMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a call may go out now; in half-open state only one trial call at a time. */
  tryAcquire(): boolean {
    if (this.state === 'open') {
      if (this.now() - this.openedAt < this.openMs) return false;
      this.state = 'half-open';
    }
    if (this.state === 'half-open') {
      if (this.trialInFlight) return false;
      this.trialInFlight = true;
    }
    return true;
  }

  success() {
    this.failures = 0;
    this.trialInFlight = false;
    this.state = 'closed';
  }

  failure() {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }

  /** A call that ended without telling anything about the department's health (e.g. bad input). */
  neutral() {
    this.trialInFlight = false;
  }
}

/** At most `max` holders at once; up to `maxQueued` wait in line, the rest are refused at once. */
export class Bulkhead {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly maxQueued: number,
  ) {}

  get inFlight() {
    return this.active;
  }

  /** Resolves with a release function, or with null when the line is full. */
  async acquire(): Promise<(() => void) | null> {
    if (this.active < this.max) {
      this.active += 1;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxQueued) return null;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.releaser();
  }

  private releaser() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else this.active -= 1;
    };
  }
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Backoff before retry `attempt` (1-based): base·2^(attempt−1), jittered ±50 % so retries do not align. */
export function backoffDelay(base: number, attempt: number, random: () => number = Math.random): number {
  const raw = base * 2 ** (attempt - 1);
  return Math.round(raw * (0.5 + random()));
}
