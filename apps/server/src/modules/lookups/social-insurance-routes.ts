import { Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Departments } from '../../departments/registry.js';
import { ContributionStatement, HK_MACAU_NOTICE } from '../../departments/social-insurance/contract.js';
import { AppError } from '../../http/app-error.js';
import { maskIdNumber } from '../privacy/index.js';
import { askedPeriod, choosePeriod } from './period.js';
import type { PersonalLookupGate } from './personal-gate.js';
import { monthlyLookupQuery } from './query-params.js';

const SERVICE_ID = 'shebao-jiaofei-mingxi';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

export const ContributionDetails = z
  .object({
    subject: RecordSubject,
    /** null: the department holds no insurance record for the person. */
    statement: ContributionStatement.omit({ idNumber: true, socialSecurityNumber: true })
      .extend({ socialSecurityNumberMasked: z.string() })
      .nullable(),
    source: RecordSource,
  })
  .meta({ id: 'ContributionDetails', description: '社保缴费明细 (B2)' });

/** 社保缴费明细 (B2), behind the personal lookup gate; people insured as Hong Kong/Macau residents get B4's answer. */
export const socialInsuranceLookupRoutes =
  ({
    gate,
    departments,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'socialInsurance'>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const si = departments.socialInsurance;
    app.get(
      '/api/v1/lookups/social-insurance/contributions',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '社保缴费明细 (B2): month by month, at most 36 months (fresh verification; audited)',
          querystring: monthlyLookupQuery(36),
          response: { 200: ContributionDetails, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: SERVICE_ID,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const idNumber = opened.subject.idNumber;
        // With both months given, one department call answers the person and the statement; without, the
        // period ends at the person's last contribution month, so the person is asked for first.
        const asked = askedPeriod(req.query, { max: 36 });
        let { person, statement } = asked
          ? await si.client.contributions({ idNumber, ...asked })
          : { ...(await si.client.insuredPerson({ idNumber })), statement: null };
        if (person?.hkMacauResident) {
          await gate.recordRead(opened, SERVICE_ID, 'failure');
          throw new AppError('SOCIAL_INSURANCE_HK_MACAU', HK_MACAU_NOTICE);
        }
        if (!asked && person) {
          const period = choosePeriod(req.query, { max: 36, last: person.lastContributionMonth ?? null });
          ({ statement } = await si.client.contributions({ idNumber, ...period }));
        }
        await gate.recordRead(opened, SERVICE_ID);
        const { idNumber: _id, socialSecurityNumber, ...rest } = statement ?? ({} as NonNullable<typeof statement>);
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          statement: statement ? { ...rest, socialSecurityNumberMasked: maskIdNumber(socialSecurityNumber) } : null,
          source: { department: si.spec.name, updatedAt: statement?.updatedAt ?? person?.updatedAt ?? null },
        };
      },
    );
  };
