import { ActingQuery, type CityCode, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/database.js';
import {
  GaokaoByCandidateInput,
  type GaokaoRecord,
  School,
  ZhongkaoInput,
  ZhongkaoResult,
} from '../../../departments/education/contract.js';
import { GAOKAO_PROVIDER } from '../../../departments/education/exams.js';
import { SCHOOL_OWNERSHIPS, SCHOOL_STAGES } from '../../../departments/education/schools.js';
import { GUANGDONG_CITIES } from '../../../departments/population-register/generator.js';
import type { Departments } from '../../../departments/registry.js';
import { AppError } from '../../../http/app-error.js';
import type { FieldCipher } from '../../privacy/index.js';
import type { OpenedLookup, PersonalLookupGate } from '../personal-gate.js';
import { CityParam } from '../query-params.js';
import { type AttemptPolicy, ExamAttemptGuard, type ExamKind } from './attempts.js';

/**
 * The PDF writers (pdfkit, fontkit, the CJK font's decompressor) load on the first download rather than at every
 * start: ~0.1 s of a platform's start, for a file few requests ask for.
 */
const pdfWriters = () => import('./pdf.js');

const ZHONGKAO = 'zhongkao-chengji-chaxun';
const TICKET = 'gaokao-zhunkaozheng';
const RESULTS = 'gaokao-chengji-chaxun';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  423: Problem,
  429: Problem,
  502: Problem,
  503: Problem,
};
const publicProblems = { 400: Problem, 429: Problem, 502: Problem, 503: Problem };

const PersonalQuery = ActingQuery.extend({ city: CityParam });
const CandidateNumberParam = z.object({
  candidateNumber: z.string().regex(/^\d{14}$/, '考生号格式有误，请输入14位考生号'),
});

// ---- response shapes ----------------------------------------------------------------------------------

export const SchoolSearchResult = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    schools: z.array(School),
    source: RecordSource,
  })
  .meta({ id: 'SchoolSearchResult', description: '学校查询 (E3): a page of schools' });

export const SchoolDistricts = z
  .object({ city: CityParam, districts: z.array(z.object({ code: z.string(), name: z.string() })) })
  .meta({ id: 'SchoolDistricts', description: '学校查询: the districts of a city to filter by' });

const ZhongkaoView = ZhongkaoResult.omit({ provider: true, updatedAt: true });
export const ZhongkaoResultDetails = z
  .object({ subject: RecordSubject, result: ZhongkaoView, source: RecordSource })
  .meta({ id: 'ZhongkaoResultDetails', description: '中考成绩查询 (E3, 佛山)' });

/** What an admission ticket shows: who, which numbers, where and when (no scores). */
const ticketOf = (r: GaokaoRecord) => ({
  candidateNumber: r.candidateNumber,
  admissionTicketNumber: r.admissionTicketNumber,
  name: r.name,
  idNumberMasked: r.idNumberMasked,
  examYear: r.examYear,
  trackName: r.trackName,
  examCentre: r.examCentre,
  timetable: r.timetable,
  updatedAt: r.updatedAt,
});
/** What the results show: scores and admission (no exam centre or timetable). */
const resultOf = (r: GaokaoRecord) => ({
  candidateNumber: r.candidateNumber,
  admissionTicketNumber: r.admissionTicketNumber,
  name: r.name,
  idNumberMasked: r.idNumberMasked,
  examYear: r.examYear,
  trackName: r.trackName,
  scores: r.scores,
  total: r.total,
  fullMarks: r.fullMarks,
  admission: r.admission,
  updatedAt: r.updatedAt,
});

const SubjectScore = z.object({ subject: z.string(), score: z.number().int(), fullMarks: z.number().int() });
export const GaokaoTicket = z
  .object({
    candidateNumber: z.string(),
    admissionTicketNumber: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    examYear: z.number().int(),
    trackName: z.string(),
    examCentre: z.object({ code: z.string(), name: z.string(), address: z.string() }),
    timetable: z.array(z.object({ date: z.string(), start: z.string(), end: z.string(), subject: z.string() })),
    updatedAt: z.string(),
  })
  .meta({ id: 'GaokaoTicket', description: '高考准考证' });
export const GaokaoResult = z
  .object({
    candidateNumber: z.string(),
    admissionTicketNumber: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    examYear: z.number().int(),
    trackName: z.string(),
    scores: z.array(SubjectScore).nullable().meta({ description: 'null until the scores are published' }),
    total: z.number().int().nullable(),
    fullMarks: z.number().int(),
    admission: z.object({
      status: z.string(),
      statusName: z.string(),
      institution: z.string().nullable(),
      major: z.string().nullable(),
      level: z.string().nullable(),
      levelName: z.string().nullable(),
    }),
    updatedAt: z.string(),
  })
  .meta({ id: 'GaokaoResult', description: '高考成绩与录取结果' });

export const GaokaoTickets = z
  .object({ subject: RecordSubject, tickets: z.array(GaokaoTicket), source: RecordSource })
  .meta({ id: 'GaokaoTickets', description: '高考准考证 (考生本人实名登录), newest first' });
export const GaokaoTicketDetails = z
  .object({ subject: RecordSubject, ticket: GaokaoTicket, source: RecordSource })
  .meta({ id: 'GaokaoTicketDetails', description: '高考准考证 (凭考生号及密码)' });
export const GaokaoResults = z
  .object({ subject: RecordSubject, results: z.array(GaokaoResult), source: RecordSource })
  .meta({ id: 'GaokaoResults', description: '高考成绩 (考生本人实名登录), newest first' });
export const GaokaoResultDetails = z
  .object({ subject: RecordSubject, result: GaokaoResult, source: RecordSource })
  .meta({ id: 'GaokaoResultDetails', description: '高考成绩 (凭考生号及密码)' });

// ---- helpers --------------------------------------------------------------------------------------------

const subjectOf = (o: OpenedLookup) => ({ self: o.subject.self, nameMasked: o.subject.nameMasked });
const newest = (records: readonly { updatedAt: string }[]) =>
  records.map((r) => r.updatedAt).sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;

/** Districts of a city to filter schools by (东莞 and 中山 have towns, not districts: none). */
function districtsOf(city: CityCode) {
  const c = GUANGDONG_CITIES.find((x) => x.code === city);
  const seen = new Set<string>();
  return (c?.districts ?? [])
    .filter((d) => d.code !== city && !seen.has(d.code) && seen.add(d.code))
    .map((d) => ({ code: d.code, name: d.name }));
}

function sendPdf(reply: FastifyReply, bytes: Buffer, asciiName: string, chineseName: string) {
  return reply
    .header('content-type', 'application/pdf')
    .header('cache-control', 'no-store')
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`,
    )
    .send(bytes);
}

/** One 高考 route family (准考证 or 成绩): what differs between the two. */
interface GaokaoFamily<List extends z.ZodType, Details extends z.ZodType> {
  serviceId: string;
  /** The family's base path; the routes below it are the same for both. */
  path: string;
  summaries: { own: string; byNumber: string; ownPdf: string; byNumberPdf: string };
  schemas: { own: List; one: Details };
  /** The view of the candidate's own records, and of one record: the response but for its subject and source. */
  many: (records: GaokaoRecord[]) => Omit<z.input<List>, 'subject' | 'source'>;
  one: (record: GaokaoRecord) => Omit<z.input<Details>, 'subject' | 'source'>;
  pdf: (record: GaokaoRecord) => Promise<Buffer>;
  fileName: (record: GaokaoRecord) => { ascii: string; chinese: string };
}

export interface EducationLookupDeps {
  gate: PersonalLookupGate;
  departments: Pick<Departments, 'education'>;
  db: Db;
  cipher: FieldCipher;
  attempts?: AttemptPolicy;
}

/**
 * 教育服务 (E3): 学校查询 (anyone), 中考成绩查询 (佛山), 高考准考证查询及下载 and 高考成绩查询 — as the candidate
 * logged in under their real name, or with an exam number + password (for a child, say). Every personal
 * route goes through the lookup gate and is audited; the number + password routes answer a wrong number
 * and a wrong password alike and lock after repeated failures (per account and per number).
 */
export const educationLookupRoutes =
  (d: EducationLookupDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const edu = d.departments.education;
    const { gate } = d;
    const guard = new ExamAttemptGuard(d.db, d.cipher, d.attempts);

    /** Number + password: the lock first, then the department; a miss counts and answers one way. */
    async function byCredentials<T>(
      opened: OpenedLookup,
      serviceId: string,
      exam: ExamKind,
      number: string,
      ask: () => Promise<T | null>,
    ): Promise<T> {
      try {
        await guard.assertOpen(opened.ctx.accountId, exam, number);
      } catch (error) {
        await gate.recordRead(opened, serviceId, 'failure');
        throw error;
      }
      const found = await ask();
      if (!found) {
        await gate.recordRead(opened, serviceId, 'failure');
        return guard.fail(opened.ctx.accountId, exam, number);
      }
      await guard.succeed(exam, number);
      await gate.recordRead(opened, serviceId);
      return found;
    }

    /** The logged-in candidate's (or principal's) own 高考 records. */
    async function ownRecords(opened: OpenedLookup) {
      const { records } = await edu.client.gaokaoByIdNumber({ idNumber: opened.subject.idNumber });
      return records;
    }

    async function ownRecord(opened: OpenedLookup, serviceId: string, candidateNumber: string) {
      const record = (await ownRecords(opened)).find((r) => r.candidateNumber === candidateNumber);
      if (!record) {
        await gate.recordRead(opened, serviceId, 'failure');
        throw new AppError('NOT_FOUND', '未查询到该考生号的高考信息，请核对考生号。');
      }
      await gate.recordRead(opened, serviceId);
      return record;
    }

    // ---- 学校查询 (anyone) ----

    app.get(
      '/api/v1/lookups/schools',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups'],
          summary:
            '学校查询 (E3): schools by name, address, city, district, stage and type (公办/民办), a page at a time',
          querystring: z
            .object({
              name: z.string().trim().max(30, '学校名称不能超过30个字').optional(),
              address: z.string().trim().max(30, '学校地址不能超过30个字').optional(),
              city: CityParam.optional(),
              district: z
                .string()
                .regex(/^44\d{4}$/, '区县代码格式有误')
                .optional(),
              stage: z.enum(SCHOOL_STAGES, '学段无效').optional(),
              ownership: z.enum(SCHOOL_OWNERSHIPS, '办学类型无效').optional(),
              page: z.coerce.number().int('页码须为整数').min(1, '页码须大于0').max(1000, '页码过大').default(1),
              pageSize: z.coerce
                .number()
                .int('每页条数须为整数')
                .min(1, '每页至少1条')
                .max(50, '每页最多50条')
                .default(20),
            })
            .strict(),
          response: { 200: SchoolSearchResult, ...publicProblems },
        },
      },
      async (req) => {
        const q = req.query;
        if (q.district && q.city && !districtsOf(q.city).some((x) => x.code === q.district)) {
          throw new AppError('VALIDATION_FAILED', '所选区县不属于该城市，请重新选择。', [
            { path: 'district', message: '所选区县不属于该城市' },
          ]);
        }
        const page = await edu.client.searchSchools({
          name: q.name || undefined,
          address: q.address || undefined,
          cityCode: q.city,
          regionCode: q.district,
          stage: q.stage,
          ownership: q.ownership,
          page: q.page,
          pageSize: q.pageSize,
        });
        return { ...page, source: { department: edu.spec.name, updatedAt: null } };
      },
    );

    app.get(
      '/api/v1/lookups/schools/districts',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups'],
          summary: '学校查询: the districts of a city (东莞 and 中山 have none: search the whole city)',
          querystring: z.object({ city: CityParam }),
          response: { 200: SchoolDistricts, ...publicProblems },
        },
      },
      async (req) => ({ city: req.query.city, districts: districtsOf(req.query.city) }),
    );

    // ---- 中考成绩查询 (佛山) ----

    app.post(
      '/api/v1/lookups/zhongkao/results',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '中考成绩查询 (E3, 暂仅支持佛山): by 准考证号 and password; a wrong number or password answers alike; locked after repeated failures (audited)',
          querystring: PersonalQuery,
          body: ZhongkaoInput,
          response: { 200: ZhongkaoResultDetails, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: ZHONGKAO,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const result = await byCredentials(opened, ZHONGKAO, 'zhongkao', req.body.ticketNumber, async () => {
          return (await edu.client.zhongkaoResult(req.body)).result;
        });
        const { provider, updatedAt, ...view } = result;
        return { subject: subjectOf(opened), result: view, source: { department: provider, updatedAt } };
      },
    );

    /** The record a 考生号 and password open, with the attempt limits of byCredentials. */
    const byCandidateNumber = (opened: OpenedLookup, serviceId: string, body: z.infer<typeof GaokaoByCandidateInput>) =>
      byCredentials(opened, serviceId, 'gaokao', body.candidateNumber, async () => {
        return (await edu.client.gaokaoByCandidateNumber(body)).record;
      });

    /**
     * 高考准考证 and 高考成绩 are one family of four routes each — the candidate's own records, one by 考生号 and
     * password, and the PDF of either — that differ only in which part of the record they show and print.
     */
    function gaokaoRoutes<List extends z.ZodType, Details extends z.ZodType>(f: GaokaoFamily<List, Details>) {
      // The response schemas are widened where the routes are declared (the type provider cannot resolve a
      // generic schema); GaokaoFamily's many/one keep the views checked against them at each call instead.
      const open = (req: FastifyRequest, query: z.infer<typeof PersonalQuery>) =>
        gate.open(req, { serviceId: f.serviceId, city: query.city, forDelegation: query.for });

      app.get(
        f.path,
        {
          schema: {
            tags: ['lookups', 'personal'],
            summary: f.summaries.own,
            querystring: PersonalQuery,
            response: { 200: f.schemas.own as z.ZodType, ...problems },
          },
        },
        async (req) => {
          const opened = await open(req, req.query);
          const records = await ownRecords(opened);
          await gate.recordRead(opened, f.serviceId);
          return {
            subject: subjectOf(opened),
            ...f.many(records),
            source: { department: GAOKAO_PROVIDER, updatedAt: newest(records) },
          };
        },
      );

      app.post(
        `${f.path}/by-candidate-number`,
        {
          config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
          schema: {
            tags: ['lookups', 'personal'],
            summary: f.summaries.byNumber,
            querystring: PersonalQuery,
            body: GaokaoByCandidateInput,
            response: { 200: f.schemas.one as z.ZodType, ...problems },
          },
        },
        async (req) => {
          const opened = await open(req, req.query);
          const record = await byCandidateNumber(opened, f.serviceId, req.body);
          return {
            subject: subjectOf(opened),
            ...f.one(record),
            source: { department: record.provider, updatedAt: record.updatedAt },
          };
        },
      );

      const sendRecordPdf = async (reply: FastifyReply, record: GaokaoRecord) => {
        const { ascii, chinese } = f.fileName(record);
        return sendPdf(reply, await f.pdf(record), ascii, chinese);
      };

      app.get(
        `${f.path}/:candidateNumber/pdf`,
        {
          schema: {
            tags: ['lookups', 'personal'],
            summary: f.summaries.ownPdf,
            querystring: PersonalQuery,
            params: CandidateNumberParam,
            response: problems,
          },
        },
        async (req, reply) => {
          const opened = await open(req, req.query);
          return sendRecordPdf(reply, await ownRecord(opened, f.serviceId, req.params.candidateNumber));
        },
      );

      app.post(
        `${f.path}/by-candidate-number/pdf`,
        {
          config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
          schema: {
            tags: ['lookups', 'personal'],
            summary: f.summaries.byNumberPdf,
            querystring: PersonalQuery,
            body: GaokaoByCandidateInput,
            response: problems,
          },
        },
        async (req, reply) => {
          const opened = await open(req, req.query);
          return sendRecordPdf(reply, await byCandidateNumber(opened, f.serviceId, req.body));
        },
      );
    }

    // ---- 高考准考证查询及下载 ----

    gaokaoRoutes({
      serviceId: TICKET,
      path: '/api/v1/lookups/gaokao/admission-tickets',
      summaries: {
        own: '高考准考证 (E3): the logged-in candidate’s own tickets, newest first (fresh verification; audited)',
        byNumber:
          '高考准考证 (E3): by 考生号 and password; a wrong number or password answers alike; locked after repeated failures (audited)',
        ownPdf: '高考准考证下载 (E3): one of the logged-in candidate’s own tickets as a PDF (application/pdf; audited)',
        byNumberPdf:
          '高考准考证下载 (E3): by 考生号 and password, as a PDF (application/pdf); same attempt limits (audited)',
      },
      schemas: { own: GaokaoTickets, one: GaokaoTicketDetails },
      many: (records) => ({ tickets: records.map(ticketOf) }),
      one: (record) => ({ ticket: ticketOf(record) }),
      pdf: async (record) => (await pdfWriters()).admissionTicketPdf(record),
      fileName: (r) => ({
        ascii: `gaokao-admission-ticket-${r.examYear}.pdf`,
        chinese: `${r.examYear}年高考准考证.pdf`,
      }),
    });

    // ---- 高考成绩查询 ----

    gaokaoRoutes({
      serviceId: RESULTS,
      path: '/api/v1/lookups/gaokao/results',
      summaries: {
        own: '高考成绩 (E3): the logged-in candidate’s own scores and admission, newest first (audited)',
        byNumber:
          '高考成绩 (E3): by 考生号 and password; a wrong number or password answers alike; locked after repeated failures (audited)',
        ownPdf: '高考成绩下载 (E3): one of the logged-in candidate’s own results as a PDF (application/pdf; audited)',
        byNumberPdf:
          '高考成绩下载 (E3): by 考生号 and password, as a PDF (application/pdf); same attempt limits (audited)',
      },
      schemas: { own: GaokaoResults, one: GaokaoResultDetails },
      many: (records) => ({ results: records.map(resultOf) }),
      one: (record) => ({ result: resultOf(record) }),
      pdf: async (record) => (await pdfWriters()).resultsPdf(record),
      fileName: (r) => ({ ascii: `gaokao-results-${r.examYear}.pdf`, chinese: `${r.examYear}年高考成绩.pdf` }),
    });
  };
