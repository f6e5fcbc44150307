import { ActingQuery, CITY_CODES, Problem, RecordSource, RecordSubject, seniorCardName } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ASSISTANCE_KINDS,
  ASSISTANCE_STEPS,
  type AssistanceKind,
  type AssistanceStep,
} from '../../departments/civil-affairs/codes.js';
import type { AssistanceCase } from '../../departments/civil-affairs/contract.js';
import {
  APPLICATION_PATHS,
  APPLICATION_STEPS,
  type ApplicationStep,
} from '../../departments/disabled-persons/codes.js';
import type { DisabilityApplication, DisabilityCertificate } from '../../departments/disabled-persons/contract.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import { maskIdNumber, maskName } from '../privacy/index.js';
import type { OpenedLookup, PersonalLookupGate } from './personal-gate.js';
import { CityParam } from './query-params.js';
import { newest, ProgressStep, timeline } from './records-routes.js';

/**
 * 助残 and 社会救助 lookups (docs/welfare.md), each behind the personal lookup gate: 残疾人证查询 (B8: the certificate,
 * the subsidies paid and the 残联 applications with progress) and 社会救助办理查询 (B7: one route for the five
 * progress queries, the service chosen by `kind`) and 老年人优待证查询 (E4: the card 民政 issued, 佛山's 老人卡). Answers are presented through the mappers below: the certificate
 * number is the holder's ID number plus two digits, so it is masked; other people's names are masked.
 */

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };
const Day = z.string().meta({ description: 'YYYY-MM-DD' });

export const DISABILITY_LOOKUP_SERVICE = 'canjirenzheng-chaxun';

// ------------------------------------------------------------------------------------------------------
// B8 残疾人证查询
// ------------------------------------------------------------------------------------------------------

export const DisabilityRecords = z
  .object({
    subject: RecordSubject,
    /** null: the federation holds no certificate for the person. */
    certificate: z
      .object({
        /** 残疾人证号, masked (it starts with the ID number) */
        certificateNumberMasked: z.string(),
        category: z.number().int(),
        categoryName: z.string(),
        grade: z.number().int(),
        gradeName: z.string(),
        firstIssuedOn: Day,
        issuedOn: Day,
        validUntil: Day,
        issuedBy: z.string(),
        cityCode: z.enum(CITY_CODES),
        status: z.string(),
        statusName: z.string(),
      })
      .nullable(),
    subsidies: z.array(
      z.object({
        kind: z.string(),
        kindName: z.string(),
        monthlyAmount: z.number(),
        /** YYYY-MM */
        since: z.string(),
        status: z.string(),
        statusName: z.string(),
        cityCode: z.enum(CITY_CODES),
      }),
    ),
    applications: z.array(
      z.object({
        applicationId: z.string(),
        kind: z.string(),
        kindName: z.string(),
        /** subject: about the person; applicant: they applied for someone else */
        role: z.enum(['subject', 'applicant']),
        subjectNameMasked: z.string(),
        applicantNameMasked: z.string(),
        submittedOn: Day,
        status: z.string(),
        statusName: z.string(),
        steps: z.array(ProgressStep),
      }),
    ),
    source: RecordSource,
  })
  .meta({ id: 'DisabilityRecords', description: '残疾人证查询 (B8): certificate, subsidies, applications' });
type DisabilityRecords = z.infer<typeof DisabilityRecords>;

/** The ID-number part masked as everywhere, the category and grade digits kept (they are on the card's face). */
const maskCertificateNumber = (n: string) => `${maskIdNumber(n.slice(0, 18))}${n.slice(18)}`;

function presentCertificate(c: DisabilityCertificate): NonNullable<DisabilityRecords['certificate']> {
  return {
    certificateNumberMasked: maskCertificateNumber(c.certificateNumber),
    category: c.category,
    categoryName: c.categoryName,
    grade: c.grade,
    gradeName: c.gradeName,
    firstIssuedOn: c.firstIssuedOn,
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
    issuedBy: c.issuedBy,
    cityCode: c.cityCode,
    status: c.status,
    statusName: c.statusName,
  };
}

function presentDisabilityApplication(a: DisabilityApplication): DisabilityRecords['applications'][number] {
  const path = APPLICATION_PATHS[a.kind];
  return {
    applicationId: a.applicationId,
    kind: a.kind,
    kindName: a.kindName,
    role: a.role,
    subjectNameMasked: maskName(a.subjectName),
    applicantNameMasked: maskName(a.applicantName),
    submittedOn: a.submittedOn,
    status: a.status,
    statusName: a.statusName,
    steps: timeline<ApplicationStep>(a.progress, path, APPLICATION_STEPS, {
      finished: a.status !== 'processing',
      rejected: a.status === 'rejected',
    }),
  };
}

// ------------------------------------------------------------------------------------------------------
// B7 社会救助办理查询
// ------------------------------------------------------------------------------------------------------

/** The five progress queries of the guide, by the civil-affairs system's kind. */
export const ASSISTANCE_PROGRESS_SERVICES: Readonly<Record<AssistanceKind, string>> = {
  dibao: 'dibao-jindu-chaxun',
  'low-income': 'dishouru-jiating-jindu-chaxun',
  tekun: 'tekun-renyuan-jindu-chaxun',
  temporary: 'linshi-jiuzhu-jindu-chaxun',
  medical: 'yiliao-jiuzhu-jindu-chaxun',
};

/** The path of a case: 已预约 → 已受理 → 入户调查 → 乡镇（街道）审核 → 县级民政部门审批通过 → 已发放. */
const ASSISTANCE_PATH: readonly AssistanceStep[] = [
  'appointment',
  'accepted',
  'investigated',
  'reviewed',
  'approved',
  'paid',
];

const AssistanceKindParam = z.enum(Object.keys(ASSISTANCE_KINDS) as [AssistanceKind, ...AssistanceKind[]], {
  error: '请选择救助类型（最低生活保障、低收入家庭、特困人员救助供养、临时救助或医疗救助）',
});

export const AssistanceProgress = z
  .object({
    subject: RecordSubject,
    kind: z.string(),
    /** 最低生活保障 … */
    kindName: z.string(),
    cases: z.array(
      z.object({
        caseId: z.string(),
        /** 受理编号 */
        caseNumber: z.string(),
        cityCode: z.enum(CITY_CODES),
        householdSize: z.number().int(),
        channel: z.enum(['online', 'counter']),
        appliedOn: Day,
        status: z.string(),
        statusName: z.string(),
        monthlyAmount: z.number().nullable(),
        oneOffAmount: z.number().nullable(),
        steps: z.array(ProgressStep),
        /** 不予批准原因 from 民政's decision; null unless rejected (or 民政 gave none) */
        rejectionReason: z.string().nullable(),
      }),
    ),
    source: RecordSource,
  })
  .meta({ id: 'AssistanceProgress', description: '社会救助办理查询 (B7): the applicant’s cases of one kind' });

function presentAssistance(c: AssistanceCase): z.infer<typeof AssistanceProgress>['cases'][number] {
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    cityCode: c.cityCode,
    householdSize: c.householdSize,
    channel: c.channel,
    appliedOn: c.appliedOn,
    status: c.status,
    statusName: c.statusName,
    monthlyAmount: c.monthlyAmount,
    oneOffAmount: c.oneOffAmount,
    steps: timeline<AssistanceStep>(c.progress, ASSISTANCE_PATH, ASSISTANCE_STEPS, {
      finished: c.status === 'paid' || c.status === 'rejected',
      rejected: c.status === 'rejected',
    }),
    rejectionReason: c.status === 'rejected' ? c.rejectionReason : null,
  };
}

// ------------------------------------------------------------------------------------------------------
// E4 老年人优待证查询 (佛山: 老人卡)
// ------------------------------------------------------------------------------------------------------

/**
 * The card is read under the catalog service that issues it (老年人优待证核发): its cities (佛山, 清远, 韶关), its
 * verification, its audit action. The service is for oneself only (the guide offers no 为他人办理 for it), so no
 * delegation covers it and `?for=` is refused by the gate.
 */
export const SENIOR_CARD_SERVICE = 'laonianren-youdaizheng-hefa';

export const SeniorCardView = z
  .object({
    subject: RecordSubject,
    card: z.object({
      /** 老人卡 (the card of 佛山) or 老年人优待证 */
      cardName: z.string(),
      /** 优待证号, YD440600-2026-000123 (not personal: the city, the year, a serial) */
      cardNumber: z.string(),
      holderNameMasked: z.string(),
      holderIdNumberMasked: z.string(),
      cityCode: z.enum(CITY_CODES),
      kind: z.enum(['first', 'reissue']),
      /** 首次申领 / 遗失或损坏补领 */
      kindName: z.string(),
      issuedOn: Day,
      /** 发证机关 */
      issuedBy: z.string(),
      /** valid / cancelled (a 补领 cancels the card it replaces) */
      status: z.string(),
      statusName: z.string(),
    }),
    source: RecordSource,
  })
  .meta({ id: 'SeniorCardView', description: '老年人优待证查询 (E4): the card 民政 issued, masked' });

/** No card: said in the page's words, with the way to one. */
function noSeniorCard(cityCode: string) {
  const name = seniorCardName(cityCode);
  const service = name === '老人卡' ? '老人卡申办' : '老年人优待证核发';
  return new AppError(
    'SENIOR_CARD_NOT_FOUND',
    `未查询到您的${name}信息。年满60周岁的老年人可通过“${service}”申请办理；已提交申请的，可在“我的办件”查看进度。`,
  );
}

const subjectOf = (opened: OpenedLookup) => ({ self: opened.subject.self, nameMasked: opened.subject.nameMasked });

export const welfareLookupRoutes =
  ({
    gate,
    departments,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'disabledPersons' | 'civilAffairs'>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const federation = departments.disabledPersons;
    const civil = departments.civilAffairs;

    app.get(
      '/api/v1/lookups/disability/certificate',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '残疾人证查询 (B8): the certificate, subsidies paid and applications with progress (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: DisabilityRecords, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: DISABILITY_LOOKUP_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const idNumber = opened.subject.idNumber;
        const [{ certificate }, { subsidies }, { applications }] = await Promise.all([
          federation.client.certificate({ idNumber }),
          federation.client.subsidies({ idNumber }),
          federation.client.applications({ idNumber }),
        ]);
        await gate.recordRead(opened, DISABILITY_LOOKUP_SERVICE);
        return {
          subject: subjectOf(opened),
          certificate: certificate ? presentCertificate(certificate) : null,
          subsidies: subsidies.map((s) => ({
            kind: s.kind,
            kindName: s.kindName,
            monthlyAmount: s.monthlyAmount,
            since: s.since,
            status: s.status,
            statusName: s.statusName,
            cityCode: s.cityCode,
          })),
          applications: applications.map(presentDisabilityApplication),
          source: {
            department: federation.spec.name,
            updatedAt: newest([
              certificate?.updatedAt,
              ...subsidies.map((s) => s.updatedAt),
              ...applications.map((a) => a.updatedAt),
            ]),
          },
        };
      },
    );

    app.get(
      '/api/v1/lookups/social-assistance/progress',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '社会救助办理查询 (B7): the applicant’s 低保 / 低收入家庭 / 特困 / 临时救助 / 医疗救助 cases with progress (audited)',
          querystring: ActingQuery.extend({ city: CityParam, kind: AssistanceKindParam }),
          response: { 200: AssistanceProgress, ...problems },
        },
      },
      async (req) => {
        const kind = req.query.kind;
        const serviceId = ASSISTANCE_PROGRESS_SERVICES[kind];
        const opened = await gate.open(req, { serviceId, city: req.query.city, forDelegation: req.query.for });
        const { cases } = await civil.client.assistanceCases({ idNumber: opened.subject.idNumber });
        await gate.recordRead(opened, serviceId);
        const mine = cases.filter((c) => c.kind === kind).sort((a, b) => b.appliedOn.localeCompare(a.appliedOn));
        return {
          subject: subjectOf(opened),
          kind,
          kindName: ASSISTANCE_KINDS[kind],
          cases: mine.map(presentAssistance),
          source: { department: civil.spec.name, updatedAt: newest(mine.map((c) => c.updatedAt)) },
        };
      },
    );

    app.get(
      '/api/v1/lookups/senior-card',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '老年人优待证查询 (E4, 佛山: 老人卡): the card 民政 issued, holder masked (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: SeniorCardView, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: SENIOR_CARD_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const { card } = await civil.client.seniorCard({ idNumber: opened.subject.idNumber });
        if (!card) {
          await gate.recordRead(opened, SENIOR_CARD_SERVICE, 'failure');
          throw noSeniorCard(req.query.city);
        }
        await gate.recordRead(opened, SENIOR_CARD_SERVICE);
        return {
          subject: subjectOf(opened),
          card: {
            cardName: seniorCardName(card.cityCode),
            cardNumber: card.cardNumber,
            holderNameMasked: maskName(card.name),
            holderIdNumberMasked: maskIdNumber(opened.subject.idNumber),
            cityCode: card.cityCode,
            kind: card.kind,
            kindName: card.kindName,
            issuedOn: card.issuedOn,
            issuedBy: card.issuedBy,
            status: card.status,
            statusName: card.statusName,
          },
          source: { department: civil.spec.name, updatedAt: card.updatedAt },
        };
      },
    );
  };
