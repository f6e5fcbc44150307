/** A problem+json answer of the API: `detail` is Chinese and meant for the person at the screen. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

let onSessionLost: (() => void) | undefined;
/** Called when an API call answers 401 outside the login steps (session expired or ended elsewhere). */
export function setSessionLostHandler(handler: (() => void) | undefined) {
  onSessionLost = handler;
}

/** How long a request may take before the console gives up on it and says so (a backup is given longer). */
export const REQUEST_TIMEOUT_MS = 30_000;
export const TIMEOUT_DETAIL =
  '服务器长时间未响应，请稍后重试。如刚才提交了操作，请先刷新查看是否已生效，再决定是否重新提交。';

/**
 * JSON request to the platform API (same origin; the staff session cookie travels by itself). `signal` aborts it
 * (useConsoleQuery: the filters changed, or the page closed); the caller ignores what an aborted request throws.
 * A request with no answer after `timeoutMs` ends with `TIMEOUT`, rather than leave a spinner turning for ever.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forward = () => controller.abort();
  signal?.addEventListener('abort', forward);
  try {
    let res: Response;
    let data: unknown;
    try {
      res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      data = res.status === 204 ? undefined : await res.json().catch(() => null);
    } catch {
      if (timedOut) throw new ApiError(0, 'TIMEOUT', TIMEOUT_DETAIL);
      throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
    }
    if (timedOut) throw new ApiError(0, 'TIMEOUT', TIMEOUT_DETAIL);
    if (!res.ok) {
      const problem = (data ?? {}) as { code?: string; detail?: string };
      if (res.status === 401 && !path.startsWith('/api/v1/staff/auth/')) onSessionLost?.();
      throw new ApiError(res.status, problem.code ?? 'INTERNAL', problem.detail ?? '系统繁忙，请稍后再试。');
    }
    return data as T;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

/**
 * A file of the API (an uploaded material) as a Blob, for a blob: URL: <img> and new tabs cannot send the staff
 * session cookie's request through `api`, and the file must not be cached by its URL.
 */
export async function apiBlob(path: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'GET', credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
  }
  if (!res.ok) {
    const problem = ((await res.json().catch(() => null)) ?? {}) as { code?: string; detail?: string };
    if (res.status === 401) onSessionLost?.();
    throw new ApiError(res.status, problem.code ?? 'INTERNAL', problem.detail ?? '材料加载失败，请稍后再试。');
  }
  return res.blob();
}

export const errorText = (err: unknown) => (err instanceof ApiError ? err.detail : '系统繁忙，请稍后再试。');
