import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/**
 * Sequences of 11+ digits (phones, ID numbers) in URLs are masked before they reach a log line, and so is any
 * query value that is part of an ID number (idNumberTail: 个税缴纳清单查验 asks for its last 6).
 */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&]idNumber[A-Za-z]*=)[^&#]*/g, '$1***')
    .replace(/\d{6,}[\dXx]*/g, (m) => (m.length >= 11 ? `${m.slice(0, 3)}***${m.slice(-2)}` : m));
}

const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.idNumber',
  '*.phone',
  '*.contact',
  '*.idName',
  '*.password',
  '*.pin',
  '*.token',
  '*.otp',
  // Free text citizens type (a case's form, 补正/撤回 notes, 意见反馈): may hold phone and ID numbers. No route logs a
  // body today (Fastify logs none; the error handler logs errors, not input); these paths keep it so if one ever does.
  '*.form',
  '*.content',
  '*.note',
];

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  return {
    level: config.logLevel,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        id: req.id,
      }),
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Honour a well-formed X-Request-Id from a proxy, else make one. */
export function genReqId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
