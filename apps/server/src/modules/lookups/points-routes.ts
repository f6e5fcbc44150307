import { ActingQuery, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PointsItem } from '../../departments/migrant-services/contract.js';
import type { Departments } from '../../departments/registry.js';
import type { PersonalLookupGate } from './personal-gate.js';
import { CityParam } from './query-params.js';

export const POINTS_LOOKUP_SERVICE = 'jifen-chaxun';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

export const PointsLookup = z
  .object({
    subject: RecordSubject,
    /** The person's 积分 record at the 来穗局 (the latest year), or null when there is none. */
    record: z
      .object({
        recordNumber: z.string(),
        year: z.number().int(),
        status: z.enum(['approved', 'pending']),
        statusName: z.string(),
        totalPoints: z.number().int(),
        items: z.array(PointsItem),
        appliedOn: z.string(),
        approvedOn: z.string().nullable(),
        /** 积分入户申请分值, and whether the approved score reaches it. */
        settlementMinimum: z.number().int(),
        settlementReached: z.boolean(),
      })
      .nullable(),
    source: RecordSource,
  })
  .meta({ id: 'PointsLookup', description: '积分查询 (C2, 广州)' });

/** 积分查询 (C2, 广州 only) behind the personal lookup gate: the applicant's own 积分 record from the 来穗局. */
export const pointsLookupRoutes =
  ({
    gate,
    departments,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'migrantServices'>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const ms = departments.migrantServices;
    app.get(
      '/api/v1/lookups/points',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '积分查询 (C2): one’s 积分 record (核准分值, 指标, 入户分值), 暂仅支持广州 (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: PointsLookup, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: POINTS_LOOKUP_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const { record } = await ms.client.pointsRecord({ idNumber: opened.subject.idNumber });
        await gate.recordRead(opened, POINTS_LOOKUP_SERVICE);
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          record: record
            ? {
                recordNumber: record.recordNumber,
                year: record.year,
                status: record.status,
                statusName: record.statusName,
                totalPoints: record.totalPoints,
                items: record.items,
                appliedOn: record.appliedOn,
                approvedOn: record.approvedOn,
                settlementMinimum: record.settlementMinimum,
                settlementReached: record.status === 'approved' && record.totalPoints >= record.settlementMinimum,
              }
            : null,
          source: { department: ms.spec.name, updatedAt: record?.updatedAt ?? null },
        };
      },
    );
  };
