import { z } from 'zod';
import { CITY_CODES } from './cities.js';

export const FEEDBACK_MAX_LENGTH = 500;
export const FEEDBACK_CATEGORIES = ['question', 'suggestion', 'complaint', 'bug'] as const;

/** 意见反馈: a citizen's message. Contact is optional (anonymous feedback is allowed). */
export const FeedbackInput = z
  .object({
    content: z
      .string()
      .trim()
      .min(5, '反馈内容至少需要5个字')
      .max(FEEDBACK_MAX_LENGTH, `反馈内容不能超过${FEEDBACK_MAX_LENGTH}个字`),
    category: z.enum(FEEDBACK_CATEGORIES).default('question'),
    contact: z
      .string()
      .trim()
      .max(100, '联系方式不能超过100个字')
      .optional()
      .meta({ description: 'Phone or e-mail; stored encrypted in later issues, masked in every answer' }),
    serviceId: z.string().max(100).optional(),
    city: z.enum(CITY_CODES).optional(),
  })
  .strict()
  .meta({ id: 'FeedbackInput' });
export type FeedbackInput = z.input<typeof FeedbackInput>;

export const FeedbackReceipt = z
  .object({ id: z.string(), createdAt: z.string(), message: z.string() })
  .meta({ id: 'FeedbackReceipt' });
export type FeedbackReceipt = z.infer<typeof FeedbackReceipt>;
