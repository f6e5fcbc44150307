import { ERROR_CODES, type ErrorCode, PROBLEM_CONTENT_TYPE, type Problem } from '@yss/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isRedisUnavailable } from '../infra/redis.js';
import { AppError } from './app-error.js';

/** Stable, dereferenceable problem type URI: GET /api/problems/<code> describes it. */
export function problemType(code: ErrorCode): string {
  return `/api/problems/${code}`;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors?: Problem['errors'],
) {
  const spec = ERROR_CODES[code];
  const body: Problem = {
    type: problemType(code),
    title: spec.title,
    status: spec.status,
    detail,
    code,
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(errors?.length ? { errors } : {}),
  };
  return reply.status(spec.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** A validation issue's location as a field path the UI can place next to a field ("/content" → "content"). */
function issuePath(instancePath: string | undefined): string {
  return (instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
}

/**
 * Fastify's own errors (body parsing, content type, size) and validation errors become problem+json with a
 * Chinese message; anything unexpected becomes INTERNAL without leaking the stack.
 */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    try {
      return toProblem(error, request, reply);
    } catch (handlerError) {
      // Never let the error handler itself fail into Fastify's default (non-problem) answer.
      request.log.error({ err: handlerError, original: error }, 'error handler failed');
      return sendProblem(reply, request, 'INTERNAL', '系统繁忙，请稍后再试。');
    }
  });
}

/**
 * Errors the router raises before any route or hook runs (Fastify's `frameworkErrors` option): a URL component
 * that does not decode (`%E0%A4%A`) or a path parameter over the router's length limit. Without this Fastify
 * answers them itself, in English JSON that is not a problem.
 */
export function frameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    request.log.info({ code: error.code }, 'malformed URL');
    return sendProblem(reply, request, 'VALIDATION_FAILED', '链接地址有误，请检查后重试。');
  }
  return toProblem(error, request, reply);
}

function toProblem(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return sendProblem(reply, request, error.code, error.detail, error.errors);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      path: issuePath(v.instancePath),
      message: v.message ?? '取值无效',
    }));
    const first = errors[0];
    const detail = first ? `${first.path ? `${first.path}：` : ''}${first.message}` : '请求参数有误，请检查后重试。';
    return sendProblem(reply, request, 'VALIDATION_FAILED', detail, errors);
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return sendProblem(reply, request, 'INTERNAL', '系统繁忙，请稍后再试。');
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendProblem(reply, request, 'UNSUPPORTED_MEDIA_TYPE', '请以 JSON 格式（application/json）提交内容。');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(reply, request, 'BODY_TOO_LARGE', '提交的内容过大，请精简后重试。');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendProblem(reply, request, 'BODY_NOT_JSON', '提交的内容为空，请填写后重试。');
    case 'FST_ERR_RATE_LIMITED':
      return sendProblem(reply, request, 'RATE_LIMITED', '操作过于频繁，请稍后再试。');
  }
  if (error.statusCode === 429) {
    return sendProblem(reply, request, 'RATE_LIMITED', '操作过于频繁，请稍后再试。');
  }
  if (error.statusCode === 400 && (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP'))) {
    return sendProblem(reply, request, 'BODY_NOT_JSON', '提交的内容不是有效的 JSON，请检查后重试。');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.info({ err: error }, 'client error');
    return sendProblem(reply, request, 'VALIDATION_FAILED', '请求有误，请检查后重试。');
  }
  if (isRedisUnavailable(error)) {
    // e.g. the Redis rate-limit store while Redis is away: a temporary outage, not a bug.
    request.log.warn({ err: error }, 'redis unavailable');
    return sendProblem(reply, request, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试。');
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, request, 'INTERNAL', '系统繁忙，请稍后再试。');
}
