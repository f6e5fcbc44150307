import { NameCheckQuery, NameCheckResult, Problem, parsePersonName } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../http/app-error.js';

const problems = { 400: Problem, 429: Problem, 502: Problem, 503: Problem };

export interface LookupRouteDeps {
  /** 同名人数 from the population register (公安户政). */
  countByName(name: string): Promise<{ male: number; female: number }>;
  registerName: string;
}

/** Lookups anyone may use without logging in (issue 5). Personal lookups go through PersonalLookupGate. */
export const lookupRoutes =
  ({ countByName, registerName }: LookupRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/lookups/name-check',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups'],
          summary: '取名查询 (E2): how many people share a name, and whether every character is in the 通用规范汉字表',
          querystring: NameCheckQuery,
          response: { 200: NameCheckResult, ...problems },
        },
      },
      async (req) => {
        const parsed = parsePersonName(req.query.name);
        // Characters outside the table are the answer, not an error; a malformed name is an error.
        if (!parsed.ok && parsed.reason !== 'characters') {
          throw new AppError('VALIDATION_FAILED', parsed.message, [{ path: 'name', message: parsed.message }]);
        }
        const name = parsed.ok ? parsed.name : req.query.name.normalize('NFC').trim();
        const counts = await countByName(name);
        return {
          name,
          length: Array.from(name).length,
          allStandard: parsed.ok,
          nonStandard: parsed.ok ? [] : (parsed.characters ?? []),
          sameNameCount: counts.male + counts.female,
          sameNameBySex: counts,
          source: { department: registerName, updatedAt: new Date().toISOString() },
        };
      },
    );
  };
