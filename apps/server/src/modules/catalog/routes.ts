import {
  CatalogEntry,
  CatalogMeta,
  City,
  FaqItem,
  Problem,
  SERVICE_GROUP_IDS,
  SearchHit,
  ServiceDetail,
  ZONE_IDS,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import { type CatalogService, requireCity } from './catalog-service.js';

const cityParam = z
  .string({ error: '请选择城市（城市代码，如广州为 440100）' })
  .max(20)
  .meta({ description: '6-digit city code, one of GET /api/v1/cities', example: '440100' });

const problems = { 400: Problem, 404: Problem, 429: Problem, 500: Problem };
const CACHE = 'public, max-age=60';

export const catalogRoutes =
  (catalog: CatalogService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/cities',
      {
        schema: {
          tags: ['catalog'],
          summary: 'The 21 prefecture-level cities of Guangdong',
          response: { 200: z.array(City), ...problems },
        },
      },
      async (_req, reply) => reply.header('cache-control', CACHE).send(catalog.current.cities),
    );

    app.get(
      '/api/v1/catalog/meta',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Service groups, zones (专区) and departments',
          response: { 200: CatalogMeta, ...problems },
        },
      },
      async (_req, reply) => reply.header('cache-control', CACHE).send(catalog.current.meta),
    );

    app.get(
      '/api/v1/catalog',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Every service, with its availability in the given city',
          querystring: z.object({
            city: cityParam,
            group: z.enum(SERVICE_GROUP_IDS).optional(),
            zone: z.enum(ZONE_IDS).optional(),
          }),
          response: {
            200: z.array(CatalogEntry),
            304: z.null().meta({ description: 'Not modified (ETag)' }),
            ...problems,
          },
        },
      },
      async (req, reply) => {
        const city = requireCity(req.query.city);
        const { group, zone } = req.query;
        reply.header('cache-control', CACHE);
        if (!group && !zone) {
          // Serialised, gzipped and tagged per city when the snapshot is built: the hot path does no work
          // beyond picking the bytes (a string/Buffer payload skips the serializer).
          const body = catalog.current.entriesBody(city);
          reply.header('etag', body.etag).header('vary', 'accept-encoding');
          if (req.headers['if-none-match'] === body.etag) return reply.code(304).send(null);
          reply.type('application/json; charset=utf-8');
          if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
            return reply.header('content-encoding', 'gzip').send(body.gzip as unknown as CatalogEntry[]);
          }
          return reply.send(body.json as unknown as CatalogEntry[]);
        }
        return reply.send(catalog.current.filteredEntries(city, { group, zone }));
      },
    );

    app.get(
      '/api/v1/catalog/search',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Search services by Chinese text, full pinyin, pinyin initials or English; typo-tolerant',
          querystring: z.object({
            q: z.string().trim().min(1, '请输入要搜索的服务名称').max(50, '搜索内容不能超过50个字'),
            city: cityParam,
            limit: z.coerce.number().int().min(1).max(50).default(20),
          }),
          response: { 200: z.array(SearchHit), ...problems },
        },
      },
      async (req) => {
        const city = requireCity(req.query.city);
        return catalog.current.search(req.query.q, city, req.query.limit);
      },
    );

    app.get(
      '/api/v1/services/:id',
      {
        schema: {
          tags: ['catalog'],
          summary: "A service's page: what it does, who may use it, whether the city offers it, its FAQ",
          params: z.object({ id: z.string().max(100) }),
          querystring: z.object({ city: cityParam }),
          response: { 200: ServiceDetail, ...problems },
        },
      },
      async (req, reply) => {
        const city = requireCity(req.query.city);
        const detail = catalog.current.detail(req.params.id, city);
        if (!detail) throw new AppError('SERVICE_NOT_FOUND', '找不到该服务，它可能已下线。请返回首页或搜索其他服务。');
        return reply.header('cache-control', CACHE).send(detail);
      },
    );

    app.get(
      '/api/v1/faq',
      {
        schema: {
          tags: ['faq'],
          summary:
            "The guide's questions and answers, searchable; with `city`, that city's own FAQs (written by its " +
            '客服人员) come too',
          querystring: z.object({
            q: z.string().trim().max(50, '搜索内容不能超过50个字').optional(),
            serviceId: z.string().max(100).optional(),
            city: cityParam.optional(),
          }),
          response: { 200: z.array(FaqItem), ...problems },
        },
      },
      async (req) => {
        const city = req.query.city === undefined ? undefined : requireCity(req.query.city);
        return catalog.current.searchFaq(req.query.q, req.query.serviceId, city);
      },
    );
  };
