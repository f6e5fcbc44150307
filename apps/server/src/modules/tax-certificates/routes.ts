import { ActingQuery, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OutboxEmailGateway } from '../../connectors/email/outbox-gateway.js';
import { AppError } from '../../http/app-error.js';
import type { PersonalLookupGate } from '../lookups/personal-gate.js';
import { SERVICE_OF, type TaxCertificates } from './service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

const chinaYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

export const IssueTaxCertificateInput = z
  .object({
    submissionId: z.uuid('提交编号有误'),
    kind: z.enum(['income-tax', 'social-insurance-fee'], { error: '请选择税票种类' }),
    year: z.number({ error: '请选择年度' }).int('请选择年度').min(2000, '请选择2000年以后的年度').max(2100, '年度有误'),
    delivery: z.discriminatedUnion(
      'method',
      [
        z.object({
          method: z.literal('email'),
          email: z
            .string({ error: '请填写电子邮箱' })
            .trim()
            .min(1, '请填写电子邮箱')
            .max(120, '电子邮箱不能超过120个字符')
            .pipe(z.email('请输入正确的电子邮箱')),
        }),
        z.object({
          method: z.literal('post'),
          recipient: z.string().trim().min(1, '请填写收件人').max(30, '收件人不能超过30个字符'),
          phone: z
            .string()
            .trim()
            .regex(/^1[3-9]\d{9}$/, '请输入正确的11位手机号码'),
          address: z.string().trim().min(6, '请填写详细的邮寄地址').max(120, '邮寄地址不能超过120个字符'),
        }),
      ],
      { error: '请选择取得方式' },
    ),
  })
  .superRefine((q, ctx) => {
    // The guide: 个人所得税 — 2019年以前, 发送到邮箱或邮寄快递; 社会保险费 — 发送至指定邮箱.
    if (q.kind === 'income-tax' && q.year >= 2019) {
      ctx.addIssue({
        code: 'custom',
        path: ['year'],
        message: '可开具2019年以前的完税证明及纳税清单，2019年及以后请使用个人所得税App',
      });
    }
    if (q.kind === 'social-insurance-fee' && q.delivery.method !== 'email') {
      ctx.addIssue({ code: 'custom', path: ['delivery'], message: '社会保险费完税证明仅支持发送至指定邮箱' });
    }
    if (q.year > chinaYear()) ctx.addIssue({ code: 'custom', path: ['year'], message: '不能选择未来的年度' });
  })
  .meta({ id: 'IssueTaxCertificate' });

export const TaxCertificateRequest = z
  .object({
    id: z.uuid(),
    kind: z.enum(['income-tax', 'social-insurance-fee']),
    kindName: z.string(),
    year: z.number().int(),
    delivery: z.object({
      method: z.enum(['email', 'post']),
      to: z.string().meta({ description: '邮箱或邮寄信息（脱敏）' }),
    }),
    certificate: z.object({
      number: z.string().meta({ description: '电子税票号码' }),
      total: z.number().meta({ description: '实缴（退）金额合计（元）' }),
      issuedOn: z.string(),
      from: z.string(),
      to: z.string(),
      taxAuthority: z.string(),
    }),
    createdAt: z.string(),
  })
  .meta({ id: 'TaxCertificateRequest', description: '开具电子税票记录' });

/**
 * 开具电子税票 and 开具社保费电子税票 (F4), self only, behind the personal gate; the demo mode's view of the sandbox
 * e-mail outbox (GET /api/v1/dev/email-outbox), since no real e-mail is sent.
 */
export const taxCertificateRoutes =
  ({
    gate,
    certificates,
    outbox,
  }: {
    gate: PersonalLookupGate;
    certificates: TaxCertificates;
    /** Demo mode only. */
    outbox?: OutboxEmailGateway;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/me/tax-certificates',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '开具电子税票 (F4): a year’s 完税证明 (+ 纳税清单) by e-mail or post; same submissionId → 200, the same',
          querystring: ActingQuery,
          body: IssueTaxCertificateInput,
          response: { 200: TaxCertificateRequest, 201: TaxCertificateRequest, ...problems },
        },
      },
      async (req, reply) => {
        const opened = await gate.open(req, { serviceId: SERVICE_OF[req.body.kind], forDelegation: req.query.for });
        if (!opened.subject.self) throw new AppError('SERVICE_NOT_DELEGABLE', '开具电子税票仅限本人办理。');
        const { created, request } = await certificates.issue(opened, req.body);
        return reply.code(created ? 201 : 200).send(request);
      },
    );

    app.get(
      '/api/v1/me/tax-certificates',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '开具记录: the e-tax certificates the citizen had issued, newest first (audited)',
          querystring: ActingQuery,
          response: { 200: z.object({ items: z.array(TaxCertificateRequest) }), ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, { serviceId: SERVICE_OF['income-tax'], forDelegation: req.query.for });
        if (!opened.subject.self) throw new AppError('SERVICE_NOT_DELEGABLE', '开具电子税票仅限本人办理。');
        const items = await certificates.list(opened);
        await gate.recordRead(opened, SERVICE_OF['income-tax']);
        return { items };
      },
    );

    if (outbox) {
      app.get(
        '/api/v1/dev/email-outbox',
        {
          schema: {
            tags: ['sandbox'],
            summary: 'Sandbox e-mail outbox (demo mode only): the e-mails the sandbox gateway “sent” (none really are)',
            querystring: z.object({ address: z.string().max(120).optional() }),
            response: {
              200: z.array(
                z.object({ addressMasked: z.string(), subject: z.string(), text: z.string(), createdAt: z.string() }),
              ),
            },
          },
        },
        async (req) => outbox.read({ address: req.query.address }),
      );
    }
  };
