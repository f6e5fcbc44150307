import { makeUscc } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, sandboxSuiteHooks, seededContext } from '../../test-support/sandbox-suite.js';
import { ENGINES, testAppHooks } from '../../test-support/test-app.js';
import { DEMO_BATCH } from '../population-register/generator.js';
import { enterprise } from '../province/enterprises.js';
import { lifeOf } from '../province/life.js';
import { DEMO_CREDIT } from './demo.js';
import { creditDepartment } from './index.js';
import { creditSandbox } from './sandbox.js';
import { recordPenalty } from './simulate.js';

const ctx = seededContext();
const zhangWeiEmployer = (() => {
  const zhang = DEMO_BATCH.people.find((p) => p.name === '张伟');
  return lifeOf(zhang as (typeof DEMO_BATCH.people)[number], ctx).jobs.at(-1)?.employer;
})();

describe.each(TRANSPORTS)('credit department over %s', (transport) => {
  const suite = sandboxSuiteHooks(creditDepartment, transport);
  const client = () => suite.connector.client;

  describe('searchByName', () => {
    it('finds entities whose name contains the keyword, exact and prefix matches first, paged', async () => {
      const exact = await client().searchByName({ keyword: '广州粤信示范科技有限公司' });
      expect(exact.items[0]).toMatchObject({
        uscc: DEMO_CREDIT.penalised,
        status: '存续',
        legalRepresentative: '黄志明',
      });
      const some = await client().searchByName({ keyword: '示范', pageSize: 20 });
      expect(some.items.map((i) => i.uscc)).toEqual(expect.arrayContaining(Object.values(DEMO_CREDIT)));
      expect(some.items.every((i) => i.name.includes('示范'))).toBe(true);

      const first = await client().searchByName({ keyword: '科技', page: 1, pageSize: 20 });
      expect(first.total).toBeGreaterThan(40);
      expect(first.items).toHaveLength(20);
      const second = await client().searchByName({ keyword: '科技', page: 2, pageSize: 20 });
      expect(second.total).toBe(first.total);
      expect(second.items.map((i) => i.uscc).filter((u) => first.items.some((f) => f.uscc === u))).toEqual([]);
      const last = Math.ceil(first.total / 20);
      expect((await client().searchByName({ keyword: '科技', page: last + 1, pageSize: 20 })).items).toEqual([]);
      expect((await client().searchByName({ keyword: '科技', page: last + 1, pageSize: 20 })).total).toBe(first.total);
    });

    it('names the same employer the other departments name', async () => {
      const found = await client().findByUscc({ uscc: zhangWeiEmployer?.uscc as string });
      expect(found.enterprise).toMatchObject({ name: zhangWeiEmployer?.name, status: '存续', cityCode: '440100' });
      const byName = await client().searchByName({ keyword: zhangWeiEmployer?.name as string });
      expect(byName.items[0]?.uscc).toBe(zhangWeiEmployer?.uscc);
    });

    it('takes LIKE wildcards literally and answers an empty page for no match', async () => {
      expect(await client().searchByName({ keyword: '%_' })).toEqual({
        total: 0,
        page: 1,
        pageSize: 10,
        items: [],
      });
      expect((await client().searchByName({ keyword: '不存在的名称' })).total).toBe(0);
    });

    it('refuses a keyword under 2 characters and pages over 20', async () => {
      await expectInputInvalid(client().searchByName({ keyword: ' 科 ' }), '请输入至少2个字的主体名称');
      await expectInputInvalid(client().searchByName({ keyword: '科技', pageSize: 21 }), '每页最多20条');
      await expectInputInvalid(client().searchByName({ keyword: '科技', page: 0 }), '页码应为正整数');
    });
  });

  describe('findByUscc and detail', () => {
    it('shows a penalised entity with its penalties and enforcement record', async () => {
      const { enterprise: e } = await client().detail({ uscc: DEMO_CREDIT.penalised.toLowerCase() });
      expect(e).toMatchObject({
        name: '广州粤信示范科技有限公司',
        registrationAuthority: '广州市天河区市场监督管理局',
        statusSince: null,
        version: 4,
        updatedAt: '2024-10-09T10:00:00+08:00',
      });
      expect(e?.penalties.map((p) => [p.decisionNumber, p.fine])).toEqual([
        ['穗税罚〔2024〕88号', 500],
        ['穗市监罚〔2023〕1001号', 50_000],
      ]);
      expect(e?.judicialRecords).toEqual([
        {
          caseNumber: '(2024)粤0106执5678号',
          kind: 'enforcement',
          kindName: '被执行人',
          court: '广州市天河区人民法院',
          filedOn: '2024-10-09',
          amount: 120_000,
          status: '执行中',
        },
      ]);
      expect(e?.businessScope).toContain('软件开发');
    });

    it('shows a revoked entity and a clean one', async () => {
      const revoked = (await client().detail({ uscc: DEMO_CREDIT.revoked })).enterprise;
      expect(revoked).toMatchObject({ status: '吊销', statusSince: '2022-03-15' });
      expect(revoked?.penalties[0]?.content).toBe('吊销营业执照');
      expect(revoked?.judicialRecords[0]?.kindName).toBe('失信被执行人');
      const clean = (await client().detail({ uscc: DEMO_CREDIT.clean })).enterprise;
      expect(clean).toMatchObject({
        penalties: [],
        judicialRecords: [],
        version: 1,
        updatedAt: '2019-01-08T10:00:00+08:00',
      });
    });

    it('answers null for a valid code nobody holds, and refuses a malformed one', async () => {
      const nobody = makeUscc({ authority: '9', kind: '1', regionCode: '440106', orgCode: 'DEM99999' });
      expect(await client().findByUscc({ uscc: nobody })).toEqual({ enterprise: null });
      expect(await client().detail({ uscc: nobody })).toEqual({ enterprise: null });
      await expectInputInvalid(
        client().findByUscc({
          uscc: `${DEMO_CREDIT.clean.slice(0, 17)}${DEMO_CREDIT.clean[17] === '0' ? '1' : '0'}`,
        }),
        '统一社会信用代码校验位不正确，请核对后重新输入',
      );
      await expectInputInvalid(
        client().detail({ uscc: '123' }),
        '请输入18位统一社会信用代码（数字或大写字母，不含I、O、Z、S、V）',
      );
    });
  });

  describe('changesSince', () => {
    it('lists the changes after a moment, for the entities asked about only', async () => {
      const { changes, asOf } = await client().changesSince({
        usccs: [DEMO_CREDIT.penalised, DEMO_CREDIT.clean],
        since: '2024-01-01T00:00:00+08:00',
      });
      expect(changes.map((c) => [c.uscc, c.version, c.item])).toEqual([
        [DEMO_CREDIT.penalised, 3, '行政处罚'],
        [DEMO_CREDIT.penalised, 4, '司法信息'],
      ]);
      expect(Date.parse(asOf)).toBeGreaterThan(Date.now() - 60_000);
      expect(
        (await client().changesSince({ usccs: [DEMO_CREDIT.clean], since: '2000-01-01T00:00:00Z' })).changes,
      ).toEqual([]);
    });

    it('sees a new penalty after the last poll, with the next version', async () => {
      const before = await client().changesSince({ usccs: [DEMO_CREDIT.clean], since: '2025-01-01T00:00:00Z' });
      const { version } = await recordPenalty(suite.t.database.db, {
        uscc: DEMO_CREDIT.clean,
        decisionNumber: `佛市监罚〔2026〕${transport === 'http' ? 2 : 1}号`,
        authority: '佛山市禅城区市场监督管理局',
        violation: '食品安全违法行为',
        content: '罚款5000元',
        fineYuan: 5_000,
      });
      expect(version).toBe(2);
      const after = await client().changesSince({ usccs: [DEMO_CREDIT.clean], since: before.asOf });
      expect(after.changes).toMatchObject([{ uscc: DEMO_CREDIT.clean, version: 2, item: '行政处罚' }]);
      const detail = (await client().detail({ uscc: DEMO_CREDIT.clean })).enterprise;
      expect(detail?.version).toBe(2);
      expect(detail?.penalties[0]?.fine).toBe(5_000);
      expect(detail?.updatedAt).toBe(after.changes[0]?.changedAt);
    });

    it('refuses bad codes, an empty or too long list and a malformed moment', async () => {
      await expectInputInvalid(
        client().changesSince({ usccs: [], since: '2024-01-01T00:00:00Z' }),
        '请至少指定一个统一社会信用代码',
      );
      await expectInputInvalid(
        client().changesSince({ usccs: Array(101).fill(DEMO_CREDIT.clean), since: '2024-01-01T00:00:00Z' }),
        '一次最多查询100个主体',
      );
      await expectInputInvalid(
        client().changesSince({ usccs: [DEMO_CREDIT.clean], since: 'yesterday' }),
        '时间格式应为ISO 8601，如2026-01-01T00:00:00+08:00',
      );
    });
  });
});

describe.each(ENGINES)('credit sandbox on %s', (engine) => {
  const t = testAppHooks(engine);

  it('answers every pool enterprise by code, as the shared pool names it', async () => {
    const credit = creditSandbox(t().database.db);
    for (const city of ['440100', '441700', '445300'] as const) {
      for (const i of [0, 7, 150]) {
        const e = enterprise('1', city, i);
        const found = await credit.findByUscc({ uscc: e.uscc });
        expect(found.enterprise).toMatchObject({
          uscc: e.uscc,
          name: e.name,
          cityCode: city,
          establishedOn: e.establishedOn,
        });
      }
    }
    const page = await credit.searchByName({ keyword: '有限公司', page: 3, pageSize: 20 });
    expect(page.items).toHaveLength(20);
  });
});
