import { PROBLEM_CONTENT_TYPE, type Problem } from '@yss/contracts';

export const NETWORK_ERROR_DETAIL = '网络连接失败，请检查网络后重试';
export const TIMEOUT_DETAIL = '网络请求超时，请检查网络后重试';
export const UNEXPECTED_DETAIL = '系统繁忙，请稍后再试';
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Codes the client itself produces (the server's codes are in ERROR_CODES of @yss/contracts). */
export const CLIENT_CODES = {
  network: 'NETWORK_ERROR',
  timeout: 'TIMEOUT',
  unexpected: 'UNEXPECTED_RESPONSE',
} as const;

export type FieldError = { path: string; message: string };

/** An RFC 9457 problem (from the server, or made by the client for network failures), ready to show. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;

  constructor(problem: {
    status: number;
    code: string;
    title: string;
    detail: string;
    type?: string;
    errors?: FieldError[];
    requestId?: string;
  }) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type ?? 'about:blank';
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId;
  }

  /** The sentence to show a person: the detail, else the title. */
  get userMessage(): string {
    return this.detail || this.title;
  }

  /** True when the request never got an answer (offline, DNS, timeout). */
  get isNetwork(): boolean {
    return this.code === CLIENT_CODES.network || this.code === CLIENT_CODES.timeout;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns a parsed problem+json body into an ApiProblem, tolerating missing or malformed fields. */
export function problemFromBody(body: unknown, status: number): ApiProblem {
  const b: Partial<Problem> & Record<string, unknown> = isRecord(body) ? body : {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const errors = Array.isArray(b.errors)
    ? b.errors
        .filter(isRecord)
        .map((e) => ({ path: typeof e.path === 'string' ? e.path : '', message: str(e.message) ?? '' }))
        .filter((e) => e.message !== '')
    : [];
  const title = str(b.title) ?? UNEXPECTED_DETAIL;
  return new ApiProblem({
    status: typeof b.status === 'number' ? b.status : status,
    code: str(b.code) ?? `HTTP_${status}`,
    title,
    detail: str(b.detail) ?? title,
    type: str(b.type),
    errors,
    requestId: str(b.requestId),
  });
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | undefined | null>;
  /** JSON body. */
  body?: unknown;
  /** A body sent as it is (a file's bytes), with its own Content-Type; instead of `body`. */
  raw?: { body: Blob | ArrayBuffer | Uint8Array; contentType: string };
  /** Extra request headers (e.g. x-file-name of an upload). */
  headers?: Record<string, string>;
  /** 'blob': the answer is a file (not JSON), resolved as a Blob. */
  responseType?: 'json' | 'blob';
  /** Cancels the request (e.g. the component unmounted); rejects with the AbortError untouched. */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Sent as Accept-Language so that server messages can follow the UI language. */
  lang?: string;
  /**
   * The start-up "who am I" probe: a 401 there just means "not logged in", so the session listeners
   * (onSessionProblem) are not told; the caller handles it.
   */
  authProbe?: boolean;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * fetch() for our JSON API. Resolves with the parsed body on 2xx; rejects with an ApiProblem otherwise
 * (problem+json parsed; a network failure or timeout becomes a Chinese message), or with the caller's
 * AbortError when `signal` aborts.
 */
export async function apiRequest<T>(
  path: string,
  options: RequestOptions = {},
  fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init),
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onCallerAbort = () => controller.abort();
  if (options.signal) {
    if (options.signal.aborted) controller.abort();
    else options.signal.addEventListener('abort', onCallerAbort, { once: true });
  }

  const headers: Record<string, string> = { Accept: `application/json, ${PROBLEM_CONTENT_TYPE}`, ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.raw) headers['Content-Type'] = options.raw.contentType;
  if (options.lang) headers['Accept-Language'] = options.lang;
  if (options.responseType === 'blob') headers.Accept = `*/*, ${PROBLEM_CONTENT_TYPE}`;
  const hasBody = options.body !== undefined || options.raw !== undefined;

  try {
    let response: Response;
    try {
      response = await fetchImpl(buildUrl(path, options.query), {
        method: options.method ?? (hasBody ? 'POST' : 'GET'),
        headers,
        body: options.raw
          ? (options.raw.body as BodyInit)
          : options.body !== undefined
            ? JSON.stringify(options.body)
            : undefined,
        signal: controller.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (timedOut) {
        throw new ApiProblem({ status: 0, code: CLIENT_CODES.timeout, title: TIMEOUT_DETAIL, detail: TIMEOUT_DETAIL });
      }
      if (options.signal?.aborted && isAbortError(error)) throw error;
      throw new ApiProblem({
        status: 0,
        code: CLIENT_CODES.network,
        title: NETWORK_ERROR_DETAIL,
        detail: NETWORK_ERROR_DETAIL,
      });
    }

    const contentType = response.headers.get('content-type') ?? '';
    const isJson = contentType.includes('json');
    if (response.ok && options.responseType === 'blob') return (await response.blob()) as T;
    let body: unknown = null;
    if (isJson && response.status !== 204) {
      try {
        body = await response.json();
      } catch (error) {
        if (options.signal?.aborted && isAbortError(error)) throw error;
        if (timedOut) {
          throw new ApiProblem({
            status: 0,
            code: CLIENT_CODES.timeout,
            title: TIMEOUT_DETAIL,
            detail: TIMEOUT_DETAIL,
          });
        }
        body = null;
      }
    }

    if (!response.ok) {
      if (isJson && isRecord(body)) {
        const problem = problemFromBody(body, response.status);
        if (!options.authProbe && isSessionProblem(problem)) notifySessionProblem(problem);
        throw problem;
      }
      throw new ApiProblem({
        status: response.status,
        code: response.status === 404 ? 'NOT_FOUND' : `HTTP_${response.status}`,
        title: UNEXPECTED_DETAIL,
        detail: response.status === 404 ? '请求的内容不存在' : UNEXPECTED_DETAIL,
      });
    }
    if (!isJson && response.status !== 204) {
      // e.g. an HTML page from a proxy or the SPA fallback: not our API.
      throw new ApiProblem({
        status: response.status,
        code: CLIENT_CODES.unexpected,
        title: UNEXPECTED_DETAIL,
        detail: UNEXPECTED_DETAIL,
      });
    }
    return body as T;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/* ── Sessions ─────────────────────────────────────────────────────────────────────────────────────────── */

/** 401 codes that mean "this browser is not (or no longer) logged in". */
export const SESSION_PROBLEM_CODES = ['SESSION_REPLACED', 'SESSION_EXPIRED', 'UNAUTHENTICATED'] as const;
export type SessionProblemCode = (typeof SESSION_PROBLEM_CODES)[number];

export function isSessionProblem(error: unknown): error is ApiProblem & { code: SessionProblemCode } {
  return (
    isApiProblem(error) && error.status === 401 && (SESSION_PROBLEM_CODES as readonly string[]).includes(error.code)
  );
}

type SessionListener = (problem: ApiProblem & { code: SessionProblemCode }) => void;
const sessionListeners = new Set<SessionListener>();

/**
 * Every API answer that ends the session (another device logged in: SESSION_REPLACED; idle or too old:
 * SESSION_EXPIRED; no session: UNAUTHENTICATED) reaches these listeners, wherever the request was made. The
 * auth state (state/auth.tsx) listens: it logs out locally, explains why and opens the login page.
 */
export function onSessionProblem(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function notifySessionProblem(problem: ApiProblem & { code: SessionProblemCode }) {
  for (const listener of [...sessionListeners]) {
    try {
      listener(problem);
    } catch (error) {
      console.error(error);
    }
  }
}

/* ── Step-up verification ─────────────────────────────────────────────────────────────────────────────── */

export const VERIFICATION_REQUIRED = 'VERIFICATION_REQUIRED';

export function isVerificationRequired(error: unknown): error is ApiProblem {
  return isApiProblem(error) && error.code === VERIFICATION_REQUIRED;
}

/**
 * The person closed the verification prompt: nothing went wrong, the action is just not done. `redirected`:
 * they chose to go elsewhere from the prompt (e.g. to set up 刷脸登录), so the page should not navigate back.
 */
export class VerificationCancelled extends Error {
  readonly redirected: boolean;
  constructor(redirected = false) {
    super('verification cancelled');
    this.name = 'VerificationCancelled';
    this.redirected = redirected;
  }
}

export function isVerificationCancelled(error: unknown): error is VerificationCancelled {
  return error instanceof VerificationCancelled;
}

/**
 * Runs `fn`; when the server answers 403 VERIFICATION_REQUIRED (personal data needs a fresh passkey/PIN check),
 * asks `verify` (the prompt) and, once verified, runs `fn` again: once only, so a second refusal reaches the
 * caller instead of looping. A cancelled prompt (`verify` resolves false) rejects with VerificationCancelled.
 */
export async function withStepUp<T>(
  fn: () => Promise<T>,
  verify: (problem: ApiProblem) => Promise<boolean>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isVerificationRequired(error)) throw error;
    const verified = await verify(error);
    if (!verified) throw new VerificationCancelled();
    return fn();
  }
}
