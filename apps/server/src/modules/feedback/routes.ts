import { FeedbackInput, FeedbackReceipt, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type FeedbackDeps, submitFeedback } from './submit-feedback.js';

export const feedbackRoutes =
  (deps: FeedbackDeps & { perMinute: number }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/feedback',
      {
        config: { rateLimit: { max: deps.perMinute, timeWindow: '1 minute' } },
        bodyLimit: 16 * 1024,
        schema: {
          tags: ['feedback'],
          summary: '意见反馈: leave a message (rate-limited per client)',
          body: FeedbackInput,
          response: { 201: FeedbackReceipt, 400: Problem, 413: Problem, 415: Problem, 429: Problem, 500: Problem },
        },
      },
      async (req, reply) => reply.status(201).send(await submitFeedback(deps, req.body)),
    );
  };
