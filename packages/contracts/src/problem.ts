import { z } from 'zod';

/**
 * Stable error codes. Programs branch on `code`; people read `title`/`detail` (Chinese).
 * Add codes here, never reuse or rename one.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: '请求参数有误' },
  CITY_UNKNOWN: { status: 400, title: '不支持的城市' },
  BODY_NOT_JSON: { status: 400, title: '请求内容格式有误' },
  BODY_TOO_LARGE: { status: 413, title: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: '不支持的内容类型' },
  NOT_FOUND: { status: 404, title: '页面不存在' },
  SERVICE_NOT_FOUND: { status: 404, title: '找不到该服务' },
  METHOD_NOT_ALLOWED: { status: 405, title: '不支持该操作' },
  RATE_LIMITED: { status: 429, title: '操作过于频繁' },
  NOT_READY: { status: 503, title: '服务正在启动' },
  INTERNAL: { status: 500, title: '系统繁忙' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** RFC 9457 problem details, with our stable `code` extension. */
export const Problem = z
  .object({
    type: z.string().meta({ example: 'https://yss.example/problems/city-unknown' }),
    title: z.string().meta({ example: '不支持的城市' }),
    status: z.number().int(),
    detail: z.string().meta({ example: '城市代码 999999 不是广东省的地级市，请重新选择城市。' }),
    code: z.string().meta({ example: 'CITY_UNKNOWN' }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
