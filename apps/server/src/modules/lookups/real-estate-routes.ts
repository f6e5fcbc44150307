import { ActingQuery, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApplicationProgress,
  LEGACY_TITLE_NUMBER,
  PlatMap,
  Property,
  RegistrationProof,
  TITLE_NUMBER,
} from '../../departments/real-estate/contract.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { OpenedLookup, PersonalLookupGate } from './personal-gate.js';
import { CityParam } from './query-params.js';

export const REAL_ESTATE_SERVICES = {
  info: 'budongchan-xinxi-chaxun',
  progress: 'budongchan-banli-jindu-chaxun',
  platMap: 'quanzheng-futu-chaxun',
} as const;

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };
const CertificateNumber = z
  .string({ error: '请输入不动产权证号' })
  .trim()
  .min(1, '请输入不动产权证号')
  .refine(
    (v) => TITLE_NUMBER.test(v) || LEGACY_TITLE_NUMBER.test(v),
    '不动产权证号格式有误，如 粤(2019)阳江市不动产权第0001234号',
  )
  .meta({ description: '不动产权证号 (full-width parentheses accepted)' });

export const RealEstateInfo = z
  .object({
    subject: RecordSubject,
    /** Every title the person holds in the province (不动产权证书 or an older 房地产权证), with mortgages. */
    properties: z.array(Property),
    /** Registration proofs the person holds as right holder (预告登记 of purchases not yet built). */
    proofs: z.array(RegistrationProof),
    source: RecordSource,
  })
  .meta({ id: 'RealEstateInfo', description: '不动产信息查询 (G2)' });

export const RealEstateProgress = z
  .object({
    subject: RecordSubject,
    /** The person's registration applications at the chosen city's centre (肇庆 or 茂名), newest first. */
    applications: z.array(ApplicationProgress),
    source: RecordSource,
  })
  .meta({ id: 'RealEstateProgress', description: '不动产登记办理进度查询 (G2, 肇庆/茂名)' });

const PlatMapTitle = z.object({
  certificateNumber: z.string(),
  location: z.string(),
  use: z.string(),
  floorArea: z.number(),
});

export const PlatMapTitles = z
  .object({
    subject: RecordSubject,
    /** The person's titles in 阳江 (the only city publishing plat maps), to choose one. */
    titles: z.array(PlatMapTitle),
    source: RecordSource,
  })
  .meta({ id: 'PlatMapTitles', description: '权证附图查询: the titles to choose from (阳江)' });

export const PlatMapView = z
  .object({
    subject: RecordSubject,
    title: PlatMapTitle,
    platMap: PlatMap,
    source: RecordSource,
  })
  .meta({ id: 'PlatMapView', description: '权证附图 (G2, 阳江)' });

const YANGJIANG = '441700';
const newest = (xs: (string | null | undefined)[]) =>
  xs
    .filter((x): x is string => !!x)
    .sort()
    .at(-1) ?? null;

/**
 * 不动产登记 (G2) behind the personal lookup gate: 不动产信息查询 (everywhere: every title the person holds in
 * the province), 办理进度查询 (肇庆、茂名 only) and 权证附图查询 (阳江 only), the city rules in the catalog's
 * words. Co-owners are counted, never named (the department's answer).
 */
export const realEstateLookupRoutes =
  ({
    gate,
    departments,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'realEstate'>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const re = departments.realEstate;
    const subjectOf = (o: OpenedLookup) => ({ self: o.subject.self, nameMasked: o.subject.nameMasked });

    app.get(
      '/api/v1/lookups/real-estate/properties',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '不动产信息查询 (G2): 不动产权证号, 坐落, 建筑面积, 状态 and mortgages of one’s titles (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: RealEstateInfo, ...problems },
        },
      },
      async (req) => {
        const serviceId = REAL_ESTATE_SERVICES.info;
        const opened = await gate.open(req, { serviceId, city: req.query.city, forDelegation: req.query.for });
        const idNumber = opened.subject.idNumber;
        const [{ properties }, { proofs }] = await Promise.all([
          re.client.propertiesOf({ idNumber }),
          re.client.proofsOf({ idNumber }),
        ]);
        await gate.recordRead(opened, serviceId);
        return {
          subject: subjectOf(opened),
          properties: [...properties].sort((a, b) => b.registeredOn.localeCompare(a.registeredOn)),
          proofs,
          source: {
            department: re.spec.name,
            updatedAt: newest([...properties.map((p) => p.updatedAt), ...proofs.map((p) => p.updatedAt)]),
          },
        };
      },
    );

    app.get(
      '/api/v1/lookups/real-estate/progress',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '不动产登记办理进度查询 (G2): one’s applications, 暂仅支持肇庆、茂名 (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: RealEstateProgress, ...problems },
        },
      },
      async (req) => {
        const serviceId = REAL_ESTATE_SERVICES.progress;
        const opened = await gate.open(req, { serviceId, city: req.query.city, forDelegation: req.query.for });
        const { applications } = await re.client.applicationProgress({ idNumber: opened.subject.idNumber });
        await gate.recordRead(opened, serviceId);
        const here = applications
          .filter((a) => a.cityCode === req.query.city)
          .sort((a, b) => b.submittedOn.localeCompare(a.submittedOn));
        return {
          subject: subjectOf(opened),
          applications: here,
          source: { department: re.spec.name, updatedAt: newest(here.map((a) => a.updatedAt)) },
        };
      },
    );

    /** The person's 阳江 titles (plat maps are published for those only). */
    async function yangjiangTitles(o: OpenedLookup) {
      const { properties } = await re.client.propertiesOf({ idNumber: o.subject.idNumber });
      return properties
        .filter((p) => p.cityCode === YANGJIANG)
        .map((p) => ({
          certificateNumber: p.certificateNumber,
          location: p.location,
          use: p.use,
          floorArea: p.floorArea,
          updatedAt: p.updatedAt,
        }));
    }

    app.get(
      '/api/v1/lookups/real-estate/plat-maps',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '权证附图查询 (G2): one’s titles with a plat map, 仅支持阳江地区 (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: PlatMapTitles, ...problems },
        },
      },
      async (req) => {
        const serviceId = REAL_ESTATE_SERVICES.platMap;
        const opened = await gate.open(req, { serviceId, city: req.query.city, forDelegation: req.query.for });
        const titles = await yangjiangTitles(opened);
        await gate.recordRead(opened, serviceId);
        return {
          subject: subjectOf(opened),
          titles: titles.map(({ updatedAt: _u, ...t }) => t),
          source: { department: re.spec.name, updatedAt: newest(titles.map((t) => t.updatedAt)) },
        };
      },
    );

    app.get(
      '/api/v1/lookups/real-estate/plat-map',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '权证附图 (G2): the plat map of one of one’s titles (parcel and building outlines), 阳江 (audited)',
          querystring: ActingQuery.extend({ city: CityParam, certificate: CertificateNumber }),
          response: { 200: PlatMapView, ...problems },
        },
      },
      async (req) => {
        const serviceId = REAL_ESTATE_SERVICES.platMap;
        const opened = await gate.open(req, { serviceId, city: req.query.city, forDelegation: req.query.for });
        // Full-width parentheses as on the paper certificate, or ASCII ones: the same title.
        const certificate = req.query.certificate.replace('（', '(').replace('）', ')');
        const [{ platMap }, titles] = await Promise.all([
          re.client.platMap({ idNumber: opened.subject.idNumber, certificateNumber: certificate }),
          yangjiangTitles(opened),
        ]);
        const title = titles.find((t) => t.certificateNumber === platMap?.certificateNumber);
        // One answer for a number that is not the person's, one without a map, and one that does not exist.
        if (!platMap || !title) {
          await gate.recordRead(opened, serviceId, 'failure');
          throw new AppError(
            'REAL_ESTATE_PLAT_MAP_NOT_FOUND',
            '未查询到该不动产权证书的附图。请核对不动产权证号；权证附图查询仅支持阳江地区登记的本人不动产。',
          );
        }
        await gate.recordRead(opened, serviceId);
        const { updatedAt, ...rest } = title;
        return { subject: subjectOf(opened), title: rest, platMap, source: { department: re.spec.name, updatedAt } };
      },
    );
  };
