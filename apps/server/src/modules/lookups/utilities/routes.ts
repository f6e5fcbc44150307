import { randomUUID } from 'node:crypto';
import { ActingQuery, type CityCode, Problem, RecordSource, RecordSubject } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/database.js';
import type { Departments } from '../../../departments/registry.js';
import { companyById, UTILITY_KINDS, type UtilityKind } from '../../../departments/utilities/companies.js';
import { Bill, Interruption } from '../../../departments/utilities/contract.js';
import { AppError } from '../../../http/app-error.js';
import { type FieldCipher, maskAddress, maskName } from '../../privacy/index.js';
import type { OpenedLookup, PersonalLookupGate } from '../personal-gate.js';
import { CityParam, MonthsParam } from '../query-params.js';
import {
  type BindingRow,
  bindingsOf,
  deleteBinding,
  findBinding,
  insertBinding,
  recentFailures,
  recordFailure,
} from './repository.js';

/** The catalog services of each utility (生活缴费, G1): binding (and 我的户号) and the bills. */
export const UTILITY_SERVICES: Readonly<Record<UtilityKind, { bind: string; bills: string }>> = {
  gas: { bind: 'ranqi-huhao-bangding', bills: 'ranqi-zhangdan-chaxun' },
  power: { bind: 'dianli-huhao-bangding', bills: 'dianfei-chaxun' },
  water: { bind: 'shuiwu-huhao-bangding', bills: 'shuifei-zhangdan-chaxun' },
};
/** 水费应缴查询 (阳江). */
export const WATER_DUE_SERVICE = 'shuifei-yingjiao-chaxun';
/** 停气查询, 燃气价格 (广州, anyone) and 停电通知 (not 广州/深圳, one's own power accounts). */
export const GAS_OUTAGE_SERVICE = 'tingqi-chaxun';
export const GAS_PRICE_SERVICE = 'ranqi-jiage';
export const POWER_NOTICE_SERVICE = 'tingdian-tongzhi';
const PUBLIC_RATE = { max: 30, timeWindow: '1 minute' } as const;

/** At most this many bound accounts per utility and person. */
export const MAX_BINDINGS = 10;
/** After this many failed binding attempts within FAILURE_WINDOW_MINUTES, binding pauses. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MINUTES = 60;

const NOT_FOUND_BIND = '户号或户主姓名有误，请核对缴费通知单上的户号和户主姓名后重试。';
const NOT_FOUND_ACCOUNT = '未找到该户号。请核对户号，或先在“我的户号”中绑定该户号。';
/** The blind index's purpose, and the prefix of a binding's sealed account number (`utility-account:<row id>`). */
export const ACCOUNT_INDEX = 'utility-account';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  429: Problem,
  502: Problem,
  503: Problem,
};

const UtilityParam = z.enum(UTILITY_KINDS, { error: '缴费类型应为 gas（燃气）、power（电力）或 water（水务）' });
const AccountNumber = z
  .string({ error: '请输入户号' })
  .trim()
  .regex(/^\d{8,13}$/, '户号格式有误，请输入8至13位数字');

export const MyUtilityAccount = z
  .object({
    accountNumber: z.string().meta({ description: '户号 (the citizen’s own or one they bound)' }),
    /** own: held in the citizen's name (the company knows them by ID number); bound: bound by 户号 + 户主姓名. */
    origin: z.enum(['own', 'bound']),
    /** For unbinding; null for accounts in the citizen's own name (they cannot be unbound). */
    bindingId: z.string().nullable(),
    companyName: z.string(),
    holderNameMasked: z.string().meta({ example: '张*' }),
    addressMasked: z.string().meta({ example: '广东省广州市天河区****' }),
    boundAt: z.string().nullable(),
  })
  .meta({ id: 'MyUtilityAccount', description: '我的户号' });
type MyUtilityAccount = z.infer<typeof MyUtilityAccount>;

const CompanySummary = z.object({
  id: z.string(),
  name: z.string(),
  utilityName: z.string(),
  /** What an account number of this company looks like (for the binding form). */
  accountFormat: z.string(),
  hotline: z.string().nullable(),
  unit: z.string(),
});

export const MyUtilityAccounts = z
  .object({
    subject: RecordSubject,
    utility: z.enum(UTILITY_KINDS),
    company: CompanySummary,
    accounts: z.array(MyUtilityAccount),
    maxBindings: z.number().int(),
    source: RecordSource,
  })
  .meta({ id: 'MyUtilityAccounts', description: '我的户号 (G1)' });

export const UtilityBills = z
  .object({
    subject: RecordSubject,
    utility: z.enum(UTILITY_KINDS),
    account: MyUtilityAccount,
    /** Newest first. */
    bills: z.array(Bill),
    /** 应缴金额: the sum of every unpaid bill of the account (also older than the months shown). */
    amountDue: z.number(),
    unpaidCount: z.number().int(),
    source: RecordSource,
  })
  .meta({ id: 'UtilityBillStatement', description: '账单查询 (G1)' });

const DueBill = z.object({ period: z.string(), amount: z.number(), dueOn: z.string(), overdue: z.boolean() });
export const WaterAmountDue = z
  .object({
    subject: RecordSubject,
    accounts: z.array(z.object({ account: MyUtilityAccount, amountDue: z.number(), unpaid: z.array(DueBill) })),
    /** The sum over every account. */
    total: z.number(),
    source: RecordSource,
  })
  .meta({ id: 'WaterAmountDue', description: '水费应缴查询 (阳江)' });

export const GasInterruptions = z
  .object({
    districts: z.array(z.string()),
    interruptions: z.array(Interruption),
    source: RecordSource,
  })
  .meta({ id: 'GasInterruptions', description: '停气查询 (广州燃气)' });

export const GasPrices = z
  .object({
    company: z.object({ name: z.string(), hotline: z.string().nullable(), unit: z.string() }),
    /** Tiers count the use of a month or of the calendar year. */
    period: z.enum(['month', 'year']),
    note: z.string(),
    tiers: z.array(z.object({ tier: z.number().int(), upTo: z.number().int().nullable(), unitPrice: z.number() })),
    source: RecordSource,
  })
  .meta({ id: 'GasPrices', description: '燃气价格 (广州燃气)' });

export const PowerNotices = z
  .object({
    subject: RecordSubject,
    accounts: z.array(
      z.object({ account: MyUtilityAccount, district: z.string(), interruptions: z.array(Interruption) }),
    ),
    source: RecordSource,
  })
  .meta({ id: 'PowerOutageNotices', description: '停电通知 (G1)' });

const BindBody = z
  .object({
    accountNumber: AccountNumber,
    holderName: z.string({ error: '请输入户主姓名' }).trim().min(1, '请输入户主姓名').max(30, '户主姓名过长'),
  })
  .strict();

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + Math.round(b * 100), 0)) / 100;

/**
 * 生活缴费 (G1) behind the personal lookup gate, by each city's rule (the catalog's: 燃气 暂仅支持广州, 电力
 * 暂不支持广州、深圳, 水务 暂仅支持阳江): 我的户号 (accounts in the citizen's own name plus the bound ones),
 * 户号绑定 (户号 + 户主姓名, one answer for a wrong number and a wrong name, paused after repeated failures),
 * 解绑, 账单查询 (newest first, amount due) and 水费应缴查询. Paying is 燃气缴费 (modules/utility-payments).
 */
export const utilityLookupRoutes =
  ({
    gate,
    departments,
    db,
    cipher,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'utilities'>;
    db: Db;
    cipher: FieldCipher;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const ut = departments.utilities;

    /** The connected company of the utility in the city; the catalog and the companies agree, else say so. */
    async function companyIn(utility: UtilityKind, city: CityCode) {
      const { companies } = await ut.client.companies({ cityCode: city });
      const company = companies.find((c) => c.utility === utility);
      if (!company) throw new AppError('SERVICE_NOT_IN_CITY', '当前城市的缴费单位暂未接入，请切换城市后重试。');
      return company;
    }

    const boundAccount = (b: BindingRow): MyUtilityAccount => ({
      accountNumber: cipher.decrypt(b.account_number_encrypted, `${ACCOUNT_INDEX}:${b.id}`),
      origin: 'bound',
      bindingId: b.id,
      companyName: companyById(b.company_id)?.name ?? b.company_id,
      holderNameMasked: b.holder_name_masked,
      addressMasked: b.address_masked,
      boundAt: b.created_at.toISOString(),
    });

    /** The accounts in the subject's own name at this company. */
    async function ownAccounts(opened: OpenedLookup, companyId: string) {
      const { accounts } = await ut.client.accountsOfHolder({ idNumber: opened.subject.idNumber });
      return accounts.filter((a) => a.companyId === companyId);
    }

    /** 我的户号: own accounts first, then the bound ones (an own account bound earlier is listed once). */
    async function myAccounts(opened: OpenedLookup, utility: UtilityKind, companyId: string) {
      const [own, bound] = await Promise.all([
        ownAccounts(opened, companyId),
        bindingsOf(db, opened.subject.personId, utility),
      ]);
      const list: MyUtilityAccount[] = own.map((a) => ({
        accountNumber: a.accountNumber,
        origin: 'own',
        bindingId: null,
        companyName: a.companyName,
        holderNameMasked: maskName(a.holderName),
        addressMasked: maskAddress(a.address),
        boundAt: null,
      }));
      for (const b of bound.filter((x) => x.company_id === companyId)) {
        const account = boundAccount(b);
        if (!list.some((x) => x.accountNumber === account.accountNumber)) list.push(account);
      }
      const updatedAt =
        own
          .map((a) => a.updatedAt)
          .sort()
          .at(-1) ?? null;
      return { list, updatedAt };
    }

    /** One of the subject's accounts (bound or own), else the one answer for any other number. */
    async function requireMine(opened: OpenedLookup, utility: UtilityKind, companyId: string, accountNumber: string) {
      const index = cipher.blindIndex(`${companyId}:${accountNumber}`, ACCOUNT_INDEX);
      const binding = await findBinding(db, opened.subject.personId, companyId as BindingRow['company_id'], index);
      if (binding && binding.utility === utility) return boundAccount(binding);
      const own = (await myAccounts(opened, utility, companyId)).list.find(
        (a) => a.origin === 'own' && a.accountNumber === accountNumber,
      );
      if (own) return own;
      throw new AppError('UTILITY_ACCOUNT_NOT_FOUND', NOT_FOUND_ACCOUNT);
    }

    const subjectOf = (opened: OpenedLookup) => ({
      self: opened.subject.self,
      nameMasked: opened.subject.nameMasked,
    });

    app.get(
      '/api/v1/lookups/utilities/:utility/accounts',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '我的户号 (G1): accounts in one’s own name and the bound ones, by the city’s rule (audited)',
          params: z.object({ utility: UtilityParam }),
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: MyUtilityAccounts, ...problems },
        },
      },
      async (req) => {
        const { utility } = req.params;
        const serviceId = UTILITY_SERVICES[utility].bind;
        const opened = await gate.open(req, { serviceId, city: req.query.city, forDelegation: req.query.for });
        const company = await companyIn(utility, req.query.city);
        const { list, updatedAt } = await myAccounts(opened, utility, company.id);
        await gate.recordRead(opened, serviceId);
        return {
          subject: subjectOf(opened),
          utility,
          company: {
            id: company.id,
            name: company.name,
            utilityName: company.utilityName,
            accountFormat: company.accountFormat,
            hotline: company.hotline,
            unit: company.unit,
          },
          accounts: list,
          maxBindings: MAX_BINDINGS,
          source: { department: company.name, updatedAt },
        };
      },
    );

    app.post(
      '/api/v1/lookups/utilities/:utility/bindings',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '户号绑定 (G1): bind an account by 户号 + 户主姓名; a wrong number and a wrong name get one answer (audited)',
          params: z.object({ utility: UtilityParam }),
          querystring: ActingQuery.extend({ city: CityParam }),
          body: BindBody,
          response: { 201: MyUtilityAccount, ...problems },
        },
      },
      async (req, reply) => {
        const { utility } = req.params;
        const serviceId = UTILITY_SERVICES[utility].bind;
        const opened = await gate.open(req, { serviceId, city: req.query.city, forDelegation: req.query.for });
        const company = await companyIn(utility, req.query.city);
        const { accountNumber, holderName } = req.body;
        const pattern = companyById(company.id)?.accountPattern;
        if (pattern && !pattern.test(accountNumber)) {
          const message = `户号格式有误，${company.name}的户号为${company.accountFormat}`;
          throw new AppError('VALIDATION_FAILED', message, [{ path: 'accountNumber', message }]);
        }
        const personId = opened.subject.personId;
        if ((await recentFailures(db, personId, FAILURE_WINDOW_MINUTES)) >= MAX_FAILURES) {
          await gate.recordRead(opened, serviceId, 'failure');
          throw new AppError('UTILITY_BIND_LOCKED', '户号或户主姓名多次输入有误，户号绑定已暂停，请1小时后再试。');
        }
        const { account } = await ut.client.findAccount({ companyId: company.id, accountNumber, holderName });
        if (!account) {
          await recordFailure(db, personId);
          await gate.recordRead(opened, serviceId, 'failure');
          throw new AppError('UTILITY_ACCOUNT_NOT_FOUND', NOT_FOUND_BIND);
        }
        const own = await ownAccounts(opened, company.id);
        if (own.some((a) => a.accountNumber === account.accountNumber)) {
          throw new AppError(
            'UTILITY_ACCOUNT_ALREADY_BOUND',
            '该户号登记在您本人名下，已显示在“我的户号”中，无需绑定。',
          );
        }
        const id = randomUUID();
        const row = await insertBinding(
          db,
          {
            id,
            person_id: personId,
            company_id: company.id as BindingRow['company_id'],
            utility,
            account_number_encrypted: cipher.encrypt(account.accountNumber, `${ACCOUNT_INDEX}:${id}`),
            account_number_index: cipher.blindIndex(`${company.id}:${account.accountNumber}`, ACCOUNT_INDEX),
            holder_name_masked: maskName(account.holderName),
            address_masked: maskAddress(account.address),
          },
          MAX_BINDINGS,
        );
        if (row === null) throw new AppError('UTILITY_ACCOUNT_ALREADY_BOUND', '您已绑定该户号，可在“我的户号”中查看。');
        if (row === 'limit') {
          throw new AppError(
            'UTILITY_BINDING_LIMIT',
            `每类缴费最多绑定${MAX_BINDINGS}个户号，请先解绑不再使用的户号。`,
          );
        }
        await gate.recordRead(opened, serviceId);
        reply.code(201);
        return boundAccount(row);
      },
    );

    app.delete(
      '/api/v1/lookups/utilities/:utility/bindings/:bindingId',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '解绑户号 (G1): remove one of one’s bound accounts (audited)',
          params: z.object({ utility: UtilityParam, bindingId: z.uuid({ error: '绑定编号格式有误' }) }),
          querystring: ActingQuery,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        const { utility, bindingId } = req.params;
        const serviceId = UTILITY_SERVICES[utility].bind;
        const opened = await gate.open(req, { serviceId, forDelegation: req.query.for });
        if (!(await deleteBinding(db, opened.subject.personId, utility, bindingId))) {
          throw new AppError('UTILITY_BINDING_NOT_FOUND', '找不到该绑定户号，可能已经解绑。');
        }
        await gate.recordRead(opened, serviceId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/lookups/utilities/:utility/bills',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary:
            '账单查询 (G1): monthly bills of one’s own or bound account, newest first, and the amount due (audited)',
          params: z.object({ utility: UtilityParam }),
          querystring: ActingQuery.extend({
            city: CityParam,
            account: AccountNumber,
            /** The newest this many monthly bills (default 12; the companies keep 24). */
            months: MonthsParam(24, '最多查询24个月').optional(),
          }),
          response: { 200: UtilityBills, ...problems },
        },
      },
      async (req) => {
        const { utility } = req.params;
        const serviceId = UTILITY_SERVICES[utility].bills;
        const opened = await gate.open(req, { serviceId, city: req.query.city, forDelegation: req.query.for });
        const company = await companyIn(utility, req.query.city);
        const mine = await requireMine(opened, utility, company.id, req.query.account);
        const answer = await ut.client.bills({ companyId: company.id, accountNumber: mine.accountNumber });
        if (!answer.account) throw new AppError('UTILITY_ACCOUNT_NOT_FOUND', NOT_FOUND_ACCOUNT);
        await gate.recordRead(opened, serviceId);
        const bills = answer.bills.slice(0, req.query.months ?? 12);
        return {
          subject: subjectOf(opened),
          utility,
          account: mine,
          bills,
          amountDue: answer.amountDue,
          unpaidCount: answer.bills.filter((b) => b.status === 'unpaid').length,
          source: {
            department: answer.account.companyName,
            updatedAt:
              answer.bills
                .map((b) => b.updatedAt)
                .sort()
                .at(-1) ?? null,
          },
        };
      },
    );

    app.get(
      '/api/v1/lookups/utilities/water/amount-due',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '水费应缴查询 (G1, 阳江): the unpaid water bills of each of one’s accounts (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: WaterAmountDue, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: WATER_DUE_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const company = await companyIn('water', req.query.city);
        const { list } = await myAccounts(opened, 'water', company.id);
        const answers = await Promise.all(
          list.map((a) => ut.client.bills({ companyId: company.id, accountNumber: a.accountNumber })),
        );
        await gate.recordRead(opened, WATER_DUE_SERVICE);
        const now = today();
        const accounts = list.map((account, i) => {
          const bills = answers[i]?.bills ?? [];
          return {
            account,
            amountDue: answers[i]?.amountDue ?? 0,
            unpaid: bills
              .filter((b) => b.status === 'unpaid')
              .map((b) => ({ period: b.period, amount: b.amount, dueOn: b.dueOn, overdue: b.dueOn < now })),
          };
        });
        const updated = answers.flatMap((a) => a.bills.map((b) => b.updatedAt)).sort();
        return {
          subject: subjectOf(opened),
          accounts,
          total: sum(accounts.map((a) => a.amountDue)),
          source: { department: company.name, updatedAt: updated.at(-1) ?? null },
        };
      },
    );
    app.get(
      '/api/v1/lookups/utilities/gas/interruptions',
      {
        config: { rateLimit: PUBLIC_RATE },
        schema: {
          tags: ['lookups'],
          summary:
            '停气查询 (G1, 广州, anyone): planned gas interruptions from a week back to a week ahead, by district',
          querystring: z.object({
            city: CityParam,
            district: z.string().trim().max(10, '区名过长').optional(),
          }),
          response: { 200: GasInterruptions, ...problems },
        },
      },
      async (req) => {
        gate.requireOfferedIn(GAS_OUTAGE_SERVICE, req.query.city);
        const company = await companyIn('gas', req.query.city);
        const answer = await ut.client.gasInterruptions({ district: req.query.district || undefined });
        if (req.query.district && !answer.districts.includes(req.query.district)) {
          const message = `请选择广州市的区，如：${answer.districts.slice(0, 3).join('、')}`;
          throw new AppError('VALIDATION_FAILED', message, [{ path: 'district', message }]);
        }
        return { ...answer, source: { department: company.name, updatedAt: new Date().toISOString() } };
      },
    );

    app.get(
      '/api/v1/lookups/utilities/gas/prices',
      {
        config: { rateLimit: PUBLIC_RATE },
        schema: {
          tags: ['lookups'],
          summary: '燃气价格 (G1, 广州, anyone): the tiered residential gas prices of 广州燃气',
          querystring: z.object({ city: CityParam }),
          response: { 200: GasPrices, ...problems },
        },
      },
      async (req) => {
        gate.requireOfferedIn(GAS_PRICE_SERVICE, req.query.city);
        const company = await companyIn('gas', req.query.city);
        return {
          company: { name: company.name, hotline: company.hotline, unit: company.unit },
          period: company.tariff.period,
          note: company.tariff.note,
          tiers: company.tariff.seasons[0]?.tiers ?? [],
          source: { department: company.name, updatedAt: null },
        };
      },
    );

    app.get(
      '/api/v1/lookups/utilities/power/interruptions',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '停电通知 (G1, not 广州/深圳): the interruptions in the districts of one’s power accounts (audited)',
          querystring: ActingQuery.extend({ city: CityParam }),
          response: { 200: PowerNotices, ...problems },
        },
      },
      async (req) => {
        const opened = await gate.open(req, {
          serviceId: POWER_NOTICE_SERVICE,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        const company = await companyIn('power', req.query.city);
        const { list } = await myAccounts(opened, 'power', company.id);
        const answers = await Promise.all(
          list.map((a) => ut.client.powerInterruptions({ companyId: company.id, accountNumber: a.accountNumber })),
        );
        await gate.recordRead(opened, POWER_NOTICE_SERVICE);
        return {
          subject: subjectOf(opened),
          accounts: list.flatMap((account, i) => {
            const answer = answers[i];
            return answer?.account
              ? [{ account, district: answer.account.district, interruptions: answer.interruptions }]
              : [];
          }),
          source: { department: company.name, updatedAt: new Date().toISOString() },
        };
      },
    );
  };
