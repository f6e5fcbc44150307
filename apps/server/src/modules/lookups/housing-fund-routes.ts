import { ActingQuery, CITY_CODES, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HousingFundAccount } from '../../departments/housing-fund/contract.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { PersonalLookupGate } from './personal-gate.js';

const SERVICE_ID = 'gongjijin-jiaocun-xinxi';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

export const HousingFundAccountDetails = z
  .object({
    subject: RecordSubject,
    /** null: no account at the chosen city's centre (switch the city to where the fund is paid: A5). */
    account: HousingFundAccount.nullable(),
    source: RecordSource,
  })
  .meta({ id: 'HousingFundAccountDetails', description: '公积金缴存信息 (B5)' });

/** 公积金缴存信息 (B5) at the chosen city's centre, behind the personal lookup gate; not in 东莞/惠州/揭阳. */
export const housingFundLookupRoutes =
  ({
    gate,
    departments,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'housingFund'>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const hf = departments.housingFund;
    app.get(
      '/api/v1/lookups/housing-fund/account',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '公积金缴存信息 (B5): account number, balance, monthly deposit (fresh verification; audited)',
          querystring: ActingQuery.extend({ city: z.enum(CITY_CODES, { error: '请选择广东省的地级市' }) }),
          response: { 200: HousingFundAccountDetails, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: SERVICE_ID,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const answer = await hf.client.account({ idNumber: opened.subject.idNumber, cityCode: req.query.city });
        // The catalog and the department agree on the three unconnected cities; if they ever differ, say so.
        if (!answer.connected)
          throw new AppError('SERVICE_NOT_IN_CITY', '当前城市的公积金中心暂未接入，请切换城市后重试。');
        await gate.recordRead(opened, SERVICE_ID);
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          account: answer.account,
          source: {
            department: answer.account?.centreName ?? hf.spec.name,
            updatedAt: answer.account?.updatedAt ?? null,
          },
        };
      },
    );
  };
