import { ActingQuery, type CityCode, findCity, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MEDICAL_ACCOUNT_STATUS_NAMES,
  MEDICAL_SCHEME_NAMES,
  type MedicalAccount,
} from '../../departments/medical-insurance/contract.js';
import type { Departments } from '../../departments/registry.js';
import { HK_MACAU_NOTICE, maskCardNumber } from '../../departments/social-insurance/contract.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { OpenedLookup, PersonalLookupGate } from '../lookups/personal-gate.js';
import { CityParam } from '../lookups/query-params.js';
import type { FieldCipher } from '../privacy/index.js';
import { PAY_CODE_TTL_SECONDS, type PayCodeService } from './pay-code.js';

export const ACTIVATION_SERVICE = 'kaitong-yibao-zhifu';
export const PAY_CODE_SERVICE = 'yibao-saoma-zhifu';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };
const CityQuery = ActingQuery.extend({ city: CityParam });

/** The guide: where the medical-insurance QR code is accepted (医保支付支持范围). */
export const PAYMENT_PLACES: Partial<Record<CityCode, { hospitals: string[]; pharmacies: string[] }>> = {
  '440100': { hospitals: ['广东省人民医院'], pharmacies: [] },
  '440300': { hospitals: ['深圳中医院'], pharmacies: ['海王星辰连锁药店（1000多家门店）'] },
};

/** 关联社保卡后，点击【开通支付】: the card is there and linkable, but not linked in 我的证照 yet. */
const LINK_FIRST = '请先在“我的证照”中关联社保卡，关联后即可开通医保支付。';

/** The guide's A4 answer (无法关联社保卡？). */
export const CARD_LINK_NOTICE =
  '目前支持广东省内签发的二代实体社保卡关联，如无法关联请确认是否为二代社保卡〔您可先查看您的社保卡右上角上是否有银联标识，具有银联标识的为二代社保卡。〕；如确认为二代社保卡，请尝试在登录“粤省事”首页时尝试把左上角的地市切换为您所缴纳社保的城市，并再次尝试关联。';

const cityName = (code: string) => findCity(code)?.name ?? code;

export const MedicalAccountSummary = z
  .object({
    scheme: z.enum(['employee', 'resident']),
    schemeName: z.string(),
    status: z.enum(['active', 'suspended', 'terminated']),
    statusName: z.string(),
    insuredCityCode: z.string(),
    insuredCityName: z.string(),
  })
  .meta({ id: 'MedicalAccountSummary', description: '医保参保信息（险种、状态、参保地）' });

export function summarise(a: MedicalAccount) {
  return {
    scheme: a.scheme,
    schemeName: MEDICAL_SCHEME_NAMES[a.scheme],
    status: a.status,
    statusName: MEDICAL_ACCOUNT_STATUS_NAMES[a.status],
    insuredCityCode: a.insuredCityCode,
    insuredCityName: cityName(a.insuredCityCode),
  };
}

const PaymentStatus = z
  .object({
    subject: RecordSubject,
    card: z
      .object({
        cardNumberMasked: z.string(),
        generation: z.union([z.literal(1), z.literal(2)]),
        status: z.enum(['normal', 'lost', 'cancelled']),
        /** Only a second-generation card in normal status can be linked (A4). */
        linkable: z.boolean(),
        /** Linked in 我的证照 (关联社保卡后，点击【开通支付】): the subject's account holds a valid link of it. */
        linked: z.boolean(),
      })
      .nullable(),
    account: MedicalAccountSummary.nullable(),
    activation: z.object({ activated: z.boolean(), activatedAt: z.string().nullable() }),
    /** null when 开通医保支付 can be done (or is done); else why not, in the guide's words. */
    blocker: z.object({ code: z.string(), message: z.string() }).nullable(),
    places: z.object({ hospitals: z.array(z.string()), pharmacies: z.array(z.string()) }),
    source: RecordSource,
  })
  .meta({ id: 'MedicalPaymentStatus', description: '开通医保支付 (B1): conditions and status' });

const ActivationAnswer = z
  .object({
    subject: RecordSubject,
    activated: z.literal(true),
    activatedAt: z.string(),
    /** true: it was already activated, nothing changed. */
    alreadyActivated: z.boolean(),
    source: RecordSource,
  })
  .meta({ id: 'MedicalPaymentActivationResult', description: '开通医保支付的结果' });

const PayCode = z
  .object({
    subject: RecordSubject,
    /** Compact JWS (ES256): show it as a QR code. */
    code: z.string(),
    issuedAt: z.string(),
    expiresAt: z.string(),
    ttlSeconds: z.number().int(),
    schemeName: z.string(),
    places: z.object({ hospitals: z.array(z.string()), pharmacies: z.array(z.string()) }),
    source: RecordSource,
  })
  .meta({ id: 'MedicalPayCode', description: '医保扫码支付二维码 (valid 60 s)' });

const VerifyBody = z.object({
  code: z.string({ error: '请提供二维码内容' }).trim().min(1, '请提供二维码内容').max(4096, '二维码内容过长'),
});

const Verdict = z
  .object({
    result: z.enum(['valid', 'expired', 'forged']),
    /** For the cashier, in Chinese. */
    message: z.string(),
    /** Only for a valid code: the insured person, masked, and the scheme. */
    holder: z
      .object({
        nameMasked: z.string(),
        scheme: z.enum(['employee', 'resident']),
        schemeName: z.string(),
        insuredCityCode: z.string(),
        insuredCityName: z.string(),
        /** Opaque reference to the insured account (the same person always gives the same one). */
        holderRef: z.string(),
      })
      .optional(),
    expiresAt: z.string().optional(),
  })
  .meta({ id: 'MedicalPayCodeVerdict', description: '医保二维码核验结果' });

export interface MedicalPaymentDeps {
  gate: PersonalLookupGate;
  departments: Pick<Departments, 'medicalInsurance' | 'socialInsurance'>;
  payCodes: PayCodeService;
  cipher: FieldCipher;
  audit: AuditLog;
  /**
   * Whether an account has its 社保卡 linked in 我的证照 and the link is valid (the wallet module answers; null: a
   * principal without an account, who has no 我的证照).
   */
  socialSecurityCardLinked: (accountId: string | null) => Promise<boolean>;
  /** Code verifications allowed per client address per minute (a hospital's sandbox till). */
  verifyPerMinute?: number;
}

/**
 * The person's 医保 and 社保 records a payment route needs, with B4 applied: people insured as Hong Kong or
 * Macau residents get the guide's answer (the same code as 社保缴费明细).
 */
export async function insuredRecords(
  d: Pick<MedicalPaymentDeps, 'gate' | 'departments'>,
  opened: OpenedLookup,
  serviceId: string,
) {
  const idNumber = opened.subject.idNumber;
  const [{ person }, { account }] = await Promise.all([
    d.departments.socialInsurance.client.insuredPerson({ idNumber }),
    d.departments.medicalInsurance.client.account({ idNumber }),
  ]);
  if (person?.hkMacauResident) {
    await d.gate.recordRead(opened, serviceId, 'failure');
    throw new AppError('SOCIAL_INSURANCE_HK_MACAU', HK_MACAU_NOTICE);
  }
  return { person, account };
}

const subjectOf = (o: OpenedLookup) => ({ self: o.subject.self, nameMasked: o.subject.nameMasked });

/**
 * 开通医保支付 and 医保扫码支付 (B1, 广州/深圳): the conditions and status, the activation (an audited
 * application, idempotent), the 60-second payment QR code, and the check a hospital or pharmacy makes.
 */
export const medicalPaymentRoutes =
  (d: MedicalPaymentDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const mi = d.departments.medicalInsurance;
    const si = d.departments.socialInsurance;

    /** Why 开通医保支付 cannot be done (card, account), in the guide's words; null when it can. */
    const blockerOf = (
      card: { generation: 1 | 2; status: string } | null,
      account: MedicalAccount | null,
      linked: boolean,
    ): { code: 'SOCIAL_SECURITY_CARD_REQUIRED' | 'MEDICAL_PAYMENT_REFUSED'; message: string } | null => {
      if (!card) {
        return {
          code: 'SOCIAL_SECURITY_CARD_REQUIRED',
          message:
            '未查询到您的社保卡。开通医保支付需先关联广东省内签发的二代社保卡，请到社保经办机构或合作银行办理社保卡后再开通。',
        };
      }
      if (card.generation !== 2) return { code: 'SOCIAL_SECURITY_CARD_REQUIRED', message: CARD_LINK_NOTICE };
      if (card.status !== 'normal') {
        return {
          code: 'SOCIAL_SECURITY_CARD_REQUIRED',
          message: `您的社保卡处于${card.status === 'lost' ? '挂失' : '注销'}状态，无法关联。请先到社保经办机构或合作银行办理补换卡，再开通医保支付。`,
        };
      }
      // the guide: 关联社保卡后，点击【开通支付】
      if (!linked) return { code: 'SOCIAL_SECURITY_CARD_REQUIRED', message: LINK_FIRST };
      if (!account) return { code: 'MEDICAL_PAYMENT_REFUSED', message: '未查询到您的医保参保信息，无法开通医保支付。' };
      if (account.status === 'terminated') {
        return { code: 'MEDICAL_PAYMENT_REFUSED', message: '您的医保已终止参保，无法开通医保支付。' };
      }
      if (!['440100', '440300'].includes(account.insuredCityCode)) {
        return {
          code: 'MEDICAL_PAYMENT_REFUSED',
          message: `开通医保支付暂仅支持广州、深圳参保人员，您的参保地为${cityName(account.insuredCityCode)}。`,
        };
      }
      return null;
    };

    app.get(
      '/api/v1/medical-insurance/payment',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '开通医保支付 (B1): card link, insurance and activation status (广州、深圳; fresh verification; audited)',
          querystring: CityQuery,
          response: { 200: PaymentStatus, ...problems },
        },
      },
      async (req) => {
        const opened = await d.gate.open(req, {
          serviceId: ACTIVATION_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const { account } = await insuredRecords(d, opened, ACTIVATION_SERVICE);
        const [{ card }, linked] = await Promise.all([
          si.client.card({ idNumber: opened.subject.idNumber }),
          d.socialSecurityCardLinked(opened.subject.accountId),
        ]);
        await d.gate.recordRead(opened, ACTIVATION_SERVICE);
        const activation = account?.paymentActivation ?? { activated: false, activatedAt: null };
        return {
          subject: subjectOf(opened),
          card: card
            ? {
                cardNumberMasked: maskCardNumber(card.cardNumber),
                generation: card.generation,
                status: card.status,
                linkable: card.generation === 2 && card.status === 'normal',
                linked,
              }
            : null,
          account: account ? summarise(account) : null,
          activation,
          blocker: activation.activated ? null : blockerOf(card, account, linked),
          places: PAYMENT_PLACES[req.query.city] ?? { hospitals: [], pharmacies: [] },
          source: { department: mi.spec.name, updatedAt: account?.updatedAt ?? null },
        };
      },
    );

    app.post(
      '/api/v1/medical-insurance/payment/activation',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '开通医保支付 (B1): after linking a second-generation 社保卡; idempotent (fresh verification; audited)',
          querystring: CityQuery,
          response: { 200: ActivationAnswer, ...problems },
        },
      },
      async (req) => {
        const opened = await d.gate.open(req, {
          serviceId: ACTIVATION_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const audit = (result: 'success' | 'failure', outcome: string) =>
          d.audit.record({
            action: `application.${ACTIVATION_SERVICE}`,
            result,
            actorKind: 'citizen',
            actorAccountId: opened.ctx.accountId,
            subjectAccountId: opened.subject.accountId,
            detail: {
              serviceId: ACTIVATION_SERVICE,
              what: '开通医保支付',
              outcome,
              subjectPersonId: opened.subject.personId,
            },
            requestId: opened.ctx.requestId,
          });
        const { account } = await insuredRecords(d, opened, ACTIVATION_SERVICE);
        if (!account?.paymentActivation.activated) {
          const [{ card }, linked] = await Promise.all([
            si.client.card({ idNumber: opened.subject.idNumber }),
            d.socialSecurityCardLinked(opened.subject.accountId),
          ]);
          const blocker = blockerOf(card, account, linked);
          if (blocker) {
            await audit('failure', blocker.code);
            throw new AppError(blocker.code, blocker.message);
          }
        }
        // The department decides (and answers an earlier activation as alreadyActivated).
        const result = await mi.client.activatePayment({ idNumber: opened.subject.idNumber });
        if (result.outcome === 'refused') {
          await audit('failure', result.reason);
          throw new AppError('MEDICAL_PAYMENT_REFUSED', `${result.message}。`);
        }
        await audit('success', result.alreadyActivated ? 'already-activated' : 'activated');
        return {
          subject: subjectOf(opened),
          activated: true as const,
          activatedAt: result.activatedAt,
          alreadyActivated: result.alreadyActivated,
          source: { department: mi.spec.name, updatedAt: result.activatedAt },
        };
      },
    );

    app.post(
      '/api/v1/medical-insurance/pay-codes',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups', 'personal'],
          summary: `医保扫码支付 (B1): a payment QR code valid ${PAY_CODE_TTL_SECONDS} s, after 开通医保支付 (fresh verification; audited)`,
          querystring: CityQuery,
          response: { 200: PayCode, ...problems },
        },
      },
      async (req) => {
        const opened = await d.gate.open(req, {
          serviceId: PAY_CODE_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const { account } = await insuredRecords(d, opened, PAY_CODE_SERVICE);
        if (!account?.paymentActivation.activated) {
          await d.gate.recordRead(opened, PAY_CODE_SERVICE, 'failure');
          throw new AppError(
            'MEDICAL_PAYMENT_NOT_ACTIVATED',
            '您尚未开通医保支付。关联社保卡后，点击【开通支付】并成功开通，便可在支持该功能的医院或药店进行医保扫码支付。',
          );
        }
        if (account.status === 'terminated') {
          await d.gate.recordRead(opened, PAY_CODE_SERVICE, 'failure');
          throw new AppError('MEDICAL_PAYMENT_REFUSED', '您的医保已终止参保，无法使用医保扫码支付。');
        }
        const issued = await d.payCodes.issue({
          holderRef: d.cipher.blindIndex(opened.subject.idNumber, 'medical-pay-code-holder'),
          nameMasked: opened.subject.nameMasked,
          scheme: account.scheme,
          insuredCityCode: account.insuredCityCode,
        });
        await d.gate.recordRead(opened, PAY_CODE_SERVICE);
        return {
          subject: subjectOf(opened),
          code: issued.code,
          issuedAt: issued.issuedAt.toISOString(),
          expiresAt: issued.expiresAt.toISOString(),
          ttlSeconds: PAY_CODE_TTL_SECONDS,
          schemeName: MEDICAL_SCHEME_NAMES[account.scheme],
          places: PAYMENT_PLACES[req.query.city] ?? { hospitals: [], pharmacies: [] },
          source: { department: mi.spec.name, updatedAt: account.updatedAt },
        };
      },
    );

    app.post(
      '/api/v1/medical-insurance/pay-codes/verify',
      {
        config: { rateLimit: { max: d.verifyPerMinute ?? 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups'],
          summary:
            '医保二维码核验: what a hospital or pharmacy (sandbox) checks — valid (masked name and scheme), expired or forged',
          body: VerifyBody,
          response: { 200: Verdict, 400: Problem, 415: Problem, 429: Problem },
        },
      },
      async (req) => {
        const verdict = await d.payCodes.verify(req.body.code);
        if (verdict.result === 'expired') {
          return { result: 'expired' as const, message: '医保二维码已过期，请让参保人刷新二维码后重新扫码。' };
        }
        if (verdict.result === 'forged') {
          return { result: 'forged' as const, message: '二维码无效，不是粤省事签发的医保二维码，请勿受理。' };
        }
        const c = verdict.claims;
        return {
          result: 'valid' as const,
          message: '医保二维码有效。',
          holder: {
            nameMasked: c.nameMasked,
            scheme: c.scheme,
            schemeName: MEDICAL_SCHEME_NAMES[c.scheme],
            insuredCityCode: c.insuredCityCode,
            insuredCityName: cityName(c.insuredCityCode),
            holderRef: c.holderRef,
          },
          expiresAt: verdict.expiresAt.toISOString(),
        };
      },
    );

    app.get(
      '/api/v1/medical-insurance/pay-codes/jwks.json',
      {
        schema: {
          tags: ['lookups'],
          summary: '医保二维码的验签公钥 (JWKS, ES256): hospitals and pharmacies may verify codes offline',
          response: {
            200: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
          },
        },
      },
      async (_req, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return d.payCodes.jwks();
      },
    );
  };
