import type { Transport } from './client.js';
import type { DepartmentSpec } from './contract.js';
import { DepartmentBadAnswer, DepartmentUnavailable } from './errors.js';
import { type SigningKey, signRequest } from './signing.js';

/** Larger answers are refused: no contract answer comes near it, and garbage must not exhaust memory. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export function operationPath(spec: DepartmentSpec, operation: string) {
  return `/v1/${spec.id}/${operation}`;
}

/**
 * The network transport: POST {baseUrl}/v1/{department}/{operation} with the input as JSON, signed (HMAC,
 * see signing.ts). 5xx, 429 and network errors count as the department being unavailable (retried for
 * reads); any other non-2xx or a body that is not JSON is a bad answer.
 */
export function httpTransport(
  spec: DepartmentSpec,
  options: { baseUrl: string; key: SigningKey; fetch?: typeof fetch },
): Transport {
  const doFetch = options.fetch ?? fetch;
  return {
    kind: 'http',
    async call(operation, input, signal) {
      const path = operationPath(spec, operation);
      const body = JSON.stringify(input);
      let res: Response;
      try {
        res = await doFetch(new URL(path, options.baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signRequest(options.key, 'POST', path, body) },
          body,
          signal,
        });
      } catch (error) {
        const kind = signal.aborted ? 'timeout' : 'unreachable';
        throw new DepartmentUnavailable(spec.id, kind, `${operation}: ${(error as Error).message}`);
      }
      if (res.status >= 500 || res.status === 429) {
        await res.body?.cancel();
        throw new DepartmentUnavailable(spec.id, 'server-error', `${operation}: HTTP ${res.status}`);
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new DepartmentBadAnswer(spec.id, `${operation}: HTTP ${res.status}`);
      }
      const length = Number(res.headers.get('content-length') ?? 0);
      if (length > MAX_ANSWER_BYTES) {
        await res.body?.cancel();
        throw new DepartmentBadAnswer(spec.id, `${operation}: answer of ${length} bytes`);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (error) {
        const kind = signal.aborted ? 'timeout' : 'unreachable';
        throw new DepartmentUnavailable(spec.id, kind, `${operation}: ${(error as Error).message}`);
      }
      if (text.length > MAX_ANSWER_BYTES) throw new DepartmentBadAnswer(spec.id, `${operation}: answer too large`);
      try {
        return JSON.parse(text);
      } catch {
        throw new DepartmentBadAnswer(spec.id, `${operation}: answer is not JSON`);
      }
    },
  };
}
