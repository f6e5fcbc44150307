import type {
  CatalogEntry,
  CatalogOverride,
  ConsoleCatalogDetail,
  ConsoleCatalogList,
  ConsoleFaq,
  FaqItem,
  ServiceDetail,
} from '@yss/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { DEMO_STAFF_PASSWORD, staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { FieldCipher, resolveDataKey } from '../privacy/index.js';
import * as staffRepo from '../staff/repository.js';
import { encryptTotpSecret, hashStaffPassword } from '../staff/staff-service.js';
import { seedCatalog } from './catalog-service.js';

const GZ = '440100';
const SZ = '440300';
const FS = '440600';
const HF_SERVICE = 'gongjijin-jiaocun-xinxi'; // 公积金缴存信息, housing-fund-centres, all but 东莞/惠州/揭阳
const SEED_FAQ = 'faq-gongjijin-zaixian-tiqu'; // housing-fund-centres, province-wide

/** Staff made for this suite: role, department, city (null: 全省); TOTP secrets the demo endpoint reads. */
const ACCOUNTS = {
  'cat.fs.edu': { role: 'catalog_editor', departmentId: 'foshan-education', cityCode: FS },
  'cat.gz.hf': { role: 'catalog_editor', departmentId: 'housing-fund-centres', cityCode: GZ },
  'cat.gz.hf2': { role: 'catalog_editor', departmentId: 'housing-fund-centres', cityCode: GZ },
  'cat.gd.hf': { role: 'catalog_editor', departmentId: 'housing-fund-centres', cityCode: null },
  'faq.gd.hf': { role: 'service_desk', departmentId: 'housing-fund-centres', cityCode: null },
} as const;
type Who = keyof typeof ACCOUNTS | 'gz.hrss.kefu';

describe.each(ENGINES)('console 服务事项 and 常见问题 on %s', (engine) => {
  let t: TestApp;
  const { call } = citizenClient(() => t);
  const cookies = new Map<Who, string>();
  const copies: FastifyInstance[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine);
    const cipher = new FieldCipher(resolveDataKey(t.config.dataEncryptionKey, t.config.dataDir, true));
    const passwordHash = await hashStaffPassword(DEMO_STAFF_PASSWORD);
    for (const [i, [username, grant]] of Object.entries(ACCOUNTS).entries()) {
      const created = await staffRepo.insertAccount(
        t.database.db,
        {
          username,
          displayName: `测试事项管理员${i + 1}`,
          passwordHash,
          passwordChangeRequired: false,
          totpSecretEncrypted: encryptTotpSecret(cipher, `CATALOGTESTSECRET${'ABCDEFGH'[i]}AAAAAAAAAAAAAA`),
          totpConfirmed: true,
        },
        [grant],
      );
      expect(created).not.toBe('taken');
    }
    for (const who of [...Object.keys(ACCOUNTS), 'gz.hrss.kefu'] as Who[])
      cookies.set(who, await staffLogin(call, who));
  });
  afterAll(async () => {
    for (const c of copies) await c.close();
    await t?.close();
  });

  const as = (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: object) =>
    call(method, url, body, undefined, { cookie: cookies.get(who) ?? '' });
  const publicEntry = async (app: FastifyInstance, city: string, id = HF_SERVICE) => {
    const res = await app.inject(`/api/v1/catalog?city=${city}`);
    const entry = (res.json() as CatalogEntry[]).find((e) => e.id === id);
    return { entry, etag: String(res.headers.etag) };
  };
  const detail = (who: Who, city: string, id = HF_SERVICE) =>
    as(who, 'GET', `/api/v1/console/catalog/services/${id}?city=${city}`);
  const auditRows = (action: string) =>
    t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  /** Another server copy on the same database (a restart, or a second copy behind the load balancer). */
  const copy = async (catalogPollMs = 0) => {
    const app = await buildApp({ ...t.config, catalogPollMs }, { database: t.database, prepare: false });
    copies.push(app);
    return app;
  };

  it('shows an editor only their departments in their cities, and refuses (audited) the rest', async () => {
    const fs = await as('cat.fs.edu', 'GET', '/api/v1/console/catalog/services');
    expect(fs.statusCode, fs.body).toBe(200);
    const list = fs.json() as ConsoleCatalogList;
    expect(list.cityCode).toBe(FS);
    expect(list.cities).toEqual([{ code: FS, name: '佛山' }]);
    expect(list.items.map((i) => i.id)).toEqual(['zhongkao-chengji-chaxun']);
    expect(list.items[0]).toMatchObject({ available: true, paused: false, offeredByDefinition: true });

    const refusals = [
      await as('cat.fs.edu', 'GET', `/api/v1/console/catalog/services?city=${GZ}`),
      await detail('cat.fs.edu', GZ, 'zhongkao-chengji-chaxun'),
      await as('cat.fs.edu', 'POST', '/api/v1/console/catalog/services/zhongkao-chengji-chaxun/pause', {
        cityCode: GZ,
        reason: '系统维护',
        version: 0,
      }),
      await as('cat.fs.edu', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/pause`, {
        cityCode: FS,
        reason: '系统维护',
        version: 0,
      }),
      // a city grant does not reach the province-wide override
      await as('cat.gz.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/pause`, {
        cityCode: null,
        reason: '系统维护',
        version: 0,
      }),
      // 客服人员 have faq.edit, not catalog.edit
      await as('gz.hrss.kefu', 'GET', '/api/v1/console/catalog/services'),
    ];
    for (const res of refusals) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await call('GET', '/api/v1/console/catalog/services')).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/console/faqs')).statusCode).toBe(401);
    const denied = await auditRows('access.denied.staff');
    expect(denied.filter((r) => String(r.detail.route ?? '').startsWith('/api/v1/console/catalog')).length).toBe(6);
    expect((await publicEntry(t.app, GZ)).entry?.available).toBe(true);
  });

  it('pauses in one city: the catalog and the service page say why, the ETag changes; 恢复 undoes it', async () => {
    const before = await publicEntry(t.app, GZ);
    const szBefore = await publicEntry(t.app, SZ);
    const d0 = (await detail('cat.gz.hf', GZ)).json() as ConsoleCatalogDetail;
    expect(d0.city.version).toBe(0);
    expect(d0.canEditProvince).toBe(false);

    const paused = await as('cat.gz.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/pause`, {
      cityCode: GZ,
      reason: '系统升级维护',
      version: 0,
    });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ paused: true, pauseReason: '系统升级维护', version: 1, cityCode: GZ });

    const after = await publicEntry(t.app, GZ);
    expect(after.entry).toMatchObject({ available: false, unavailableReason: '暂停办理：系统升级维护' });
    expect(after.etag).not.toBe(before.etag);
    // 深圳 is untouched, to the byte
    expect((await publicEntry(t.app, SZ)).etag).toBe(szBefore.etag);
    const page = (await t.app.inject(`/api/v1/services/${HF_SERVICE}?city=${GZ}`)).json() as ServiceDetail;
    expect(page).toMatchObject({ available: false, unavailableReason: '暂停办理：系统升级维护' });
    expect(page.availableCities).not.toContain(GZ);
    expect(page.availableCities).toContain(SZ);

    // the same pause again, and an edit from a stale page
    const again = await as('cat.gz.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/pause`, {
      cityCode: GZ,
      reason: '重复',
      version: 1,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CATALOG_ALREADY_PAUSED');
    const stale = await as('cat.gz.hf2', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/resume`, {
      cityCode: GZ,
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CATALOG_CHANGED', detail: expect.stringMatching(/刷新/) });

    const list = (await as('cat.gz.hf', 'GET', '/api/v1/console/catalog/services?q=gjj')).json() as ConsoleCatalogList;
    expect(list.items.find((i) => i.id === HF_SERVICE)).toMatchObject({
      paused: true,
      pausedScope: 'city',
      pauseReason: '系统升级维护',
      available: false,
    });

    // a restart: the definitions are upserted again, and a fresh copy builds its snapshot from the database
    await seedCatalog(t.database.db);
    const restarted = await copy();
    expect((await publicEntry(restarted, GZ)).entry).toMatchObject({
      available: false,
      unavailableReason: '暂停办理：系统升级维护',
    });

    const resumed = await as('cat.gz.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/resume`, {
      cityCode: GZ,
      version: 1,
    });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toMatchObject({ paused: false, version: 2 });
    const back = await publicEntry(t.app, GZ);
    expect(back.entry).toMatchObject({ available: true, unavailableReason: null });
    expect(back.etag).toBe(before.etag);

    const history = ((await detail('cat.gz.hf', GZ)).json() as ConsoleCatalogDetail).history;
    expect(history.map((h) => h.action)).toEqual(['resume', 'pause']);
    expect(history[1]).toMatchObject({ reason: '系统升级维护', cityName: '广州', staffName: '测试事项管理员2' });
    const audited = await auditRows('console.catalog.pause');
    expect(audited.at(-1)?.detail).toMatchObject({ serviceId: HF_SERVICE, cityCode: GZ, reason: '系统升级维护' });
    expect(audited.at(-1)?.actor_kind).toBe('staff');
    expect((await auditRows('console.catalog.resume')).length).toBeGreaterThanOrEqual(1);
  });

  it('a pause closes the service, not only its label: 预约 refuses it in that city in the catalog’s words', async () => {
    const service = 'gongjijin-qiantai-tiqu-yuyue';
    const slots = `/api/v1/appointments/slots?serviceId=${service}&city=${GZ}`;
    expect((await t.app.inject(slots)).statusCode).toBe(200);
    const paused = await as('cat.gz.hf', 'POST', `/api/v1/console/catalog/services/${service}/pause`, {
      cityCode: GZ,
      reason: '窗口装修',
      version: 0,
    });
    expect(paused.statusCode, paused.body).toBe(200);
    const refused = await t.app.inject(slots);
    expect(refused.json()).toMatchObject({
      code: 'SERVICE_NOT_IN_CITY',
      detail: '公积金前台提取预约暂停办理：窗口装修，当前城市为广州。',
    });
    const resumed = await as('cat.gz.hf', 'POST', `/api/v1/console/catalog/services/${service}/resume`, {
      cityCode: GZ,
      version: 1,
    });
    expect(resumed.statusCode).toBe(200);
    expect((await t.app.inject(slots)).statusCode).toBe(200);
  });

  it('refuses to pause where the definitions do not offer the service', async () => {
    const dongguan = await as('cat.gd.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/pause`, {
      cityCode: '441900',
      reason: '系统维护',
      version: 0,
    });
    expect(dongguan.statusCode).toBe(409);
    expect(dongguan.json()).toMatchObject({ code: 'CATALOG_NOT_OFFERED', detail: expect.stringMatching(/东莞/) });
  });

  it('edits 办理须知 province-wide and per city; null goes back to the definitions', async () => {
    const original = (await t.app.inject(`/api/v1/services/${HF_SERVICE}?city=${SZ}`)).json() as ServiceDetail;
    const province = await as('cat.gd.hf', 'PUT', `/api/v1/console/catalog/services/${HF_SERVICE}/texts`, {
      cityCode: null,
      description: null,
      notes: ['全省须知：请先完成实名认证。'],
      version: 0,
    });
    expect(province.statusCode, province.body).toBe(200);
    const city = await as('cat.gz.hf', 'PUT', `/api/v1/console/catalog/services/${HF_SERVICE}/texts`, {
      cityCode: GZ,
      description: '广州的说明。',
      notes: ['广州须知'],
      version: 2,
    });
    expect(city.statusCode, city.body).toBe(200);
    const sz = (await t.app.inject(`/api/v1/services/${HF_SERVICE}?city=${SZ}`)).json() as ServiceDetail;
    const gz = (await t.app.inject(`/api/v1/services/${HF_SERVICE}?city=${GZ}`)).json() as ServiceDetail;
    expect(sz.notes).toEqual(['全省须知：请先完成实名认证。']);
    expect(sz.description).toBe(original.description);
    expect(gz.notes).toEqual(['广州须知']);
    expect(gz.description).toBe('广州的说明。');
    expect(gz.notesEn).toEqual(original.notesEn);
    const d = (await detail('cat.gd.hf', GZ)).json() as ConsoleCatalogDetail;
    expect(d.canEditProvince).toBe(true);
    expect(d.effective.notes).toEqual(['广州须知']);
    expect(d.definition.notes).toEqual(original.notes);
    expect(d.province).toMatchObject({ notes: ['全省须知：请先完成实名认证。'], version: 1 });

    const undo = await as('cat.gd.hf', 'PUT', `/api/v1/console/catalog/services/${HF_SERVICE}/texts`, {
      cityCode: null,
      description: null,
      notes: null,
      version: 1,
    });
    expect(undo.statusCode).toBe(200);
    expect(((await t.app.inject(`/api/v1/services/${HF_SERVICE}?city=${SZ}`)).json() as ServiceDetail).notes).toEqual(
      original.notes,
    );
    const undoCity = await as('cat.gz.hf', 'PUT', `/api/v1/console/catalog/services/${HF_SERVICE}/texts`, {
      cityCode: GZ,
      description: null,
      notes: null,
      version: 3,
    });
    expect(undoCity.statusCode).toBe(200);
    expect((await auditRows('console.catalog.texts')).length).toBe(4);
  });

  it('one of two editors racing on the same version wins; the other is told to refresh', async () => {
    const version = ((await detail('cat.gz.hf', GZ)).json() as ConsoleCatalogDetail).city.version;
    const body = (reason: string) => ({ cityCode: GZ, reason, version });
    const url = `/api/v1/console/catalog/services/${HF_SERVICE}/pause`;
    const [a, b] = await Promise.all([
      as('cat.gz.hf', 'POST', url, body('甲方维护')),
      as('cat.gz.hf2', 'POST', url, body('乙方维护')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)?.json().code).toBe('CATALOG_CHANGED');
    const won = ([a, b].find((r) => r.statusCode === 200)?.json() as CatalogOverride | undefined)?.version;
    const res = await as('cat.gz.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/resume`, {
      cityCode: GZ,
      version: won,
    });
    expect(res.statusCode).toBe(200);
  });

  it('another server copy picks a change up by polling catalog_state', async () => {
    const other = await copy(100);
    const before = await publicEntry(other, SZ);
    expect(before.entry?.available).toBe(true);
    const res = await as('cat.gd.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/pause`, {
      cityCode: null,
      reason: '全省系统切换',
      version: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    await expect
      .poll(async () => (await publicEntry(other, SZ)).entry?.unavailableReason, { timeout: 5000, interval: 50 })
      .toBe('暂停办理：全省系统切换');
    expect((await publicEntry(other, SZ)).etag).not.toBe(before.etag);
    // a province-wide pause shows in the city editor's list, and only a province grant lifts it
    const item = (
      (await as('cat.gz.hf', 'GET', '/api/v1/console/catalog/services')).json() as ConsoleCatalogList
    ).items.find((i) => i.id === HF_SERVICE);
    expect(item).toMatchObject({ paused: true, pausedScope: 'province' });
    const lift = await as('cat.gd.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/resume`, {
      cityCode: null,
      version: 3,
    });
    expect(lift.statusCode).toBe(200);
    await expect.poll(async () => (await publicEntry(other, SZ)).entry?.available, { timeout: 5000 }).toBe(true);
  });

  it('answers bad edits with problem+json in Chinese', async () => {
    for (const body of [
      { cityCode: GZ, reason: '', version: 0 },
      { cityCode: GZ, reason: '很'.repeat(61), version: 0 },
      { cityCode: '999999', reason: '系统维护', version: 0 },
      { cityCode: GZ, reason: '系统维护' },
      { cityCode: GZ, reason: '系统维护', version: -1, extra: 1 },
    ]) {
      const res = await as('cat.gz.hf', 'POST', `/api/v1/console/catalog/services/${HF_SERVICE}/pause`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().detail).toMatch(/\p{Script=Han}/u);
    }
    const missing = await detail('cat.gz.hf', GZ, 'no-such-service');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SERVICE_NOT_FOUND');
  });

  // ---- 常见问题 ----

  const publicFaqs = async (app: FastifyInstance, query = '') =>
    (await app.inject(`/api/v1/faq${query}`)).json() as FaqItem[];

  it('a city 客服 writes a FAQ for their city and department: shown there only, then edited, hidden, deleted', async () => {
    const list = (await as('gz.hrss.kefu', 'GET', '/api/v1/console/faqs')).json() as ConsoleFaq[];
    expect(list.length).toBeGreaterThanOrEqual(16);
    // the guide's FAQs are province-wide: a city grant reads them but does not edit them
    expect(list.every((f) => f.origin === 'seed' && f.cityCode === null && !f.editable)).toBe(true);

    const input = {
      question: '社保卡丢了怎么办？',
      answer: '可在“粤省事”社保卡服务中办理挂失，再到广州的社保卡服务网点补卡。',
      questionEn: '',
      answerEn: '',
      serviceIds: ['zz-shebaoka'],
      departmentId: 'gd-hrss',
      cityCode: GZ,
    };
    const created = await as('gz.hrss.kefu', 'POST', '/api/v1/console/faqs', input);
    expect(created.statusCode, created.body).toBe(201);
    const faq = created.json() as ConsoleFaq;
    expect(faq).toMatchObject({ origin: 'staff', cityName: '广州', editable: true, version: 1, hidden: false });

    expect((await publicFaqs(t.app, `?city=${GZ}`)).some((f) => f.id === faq.id)).toBe(true);
    expect((await publicFaqs(t.app, `?city=${SZ}`)).some((f) => f.id === faq.id)).toBe(false);
    expect((await publicFaqs(t.app)).some((f) => f.id === faq.id)).toBe(false);
    const english = (await publicFaqs(t.app, `?city=${GZ}`)).find((f) => f.id === faq.id);
    expect(english?.questionEn).toBe(input.question);
    const page = (await t.app.inject(`/api/v1/services/zz-shebaoka?city=${GZ}`)).json() as ServiceDetail;
    expect(page.faqs.map((f) => f.id)).toContain(faq.id);
    const szPage = (await t.app.inject(`/api/v1/services/zz-shebaoka?city=${SZ}`)).json() as ServiceDetail;
    expect(szPage.faqs.map((f) => f.id)).not.toContain(faq.id);

    // outside the grants: province-wide, or another department's service
    const province = await as('gz.hrss.kefu', 'POST', '/api/v1/console/faqs', { ...input, cityCode: null });
    expect(province.statusCode).toBe(403);
    const foreign = await as('gz.hrss.kefu', 'POST', '/api/v1/console/faqs', { ...input, serviceIds: [HF_SERVICE] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'FAQ_SERVICE_INVALID', detail: expect.stringMatching(/公积金/) });

    const { departmentId: _d, cityCode: _c, ...text } = input;
    const edit = { ...text, answer: '请先在线挂失，再到就近网点补卡。', version: 1 };
    const updated = await as('gz.hrss.kefu', 'PUT', `/api/v1/console/faqs/${faq.id}`, edit);
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ answer: edit.answer, version: 2 });
    const conflict = await as('gz.hrss.kefu', 'PUT', `/api/v1/console/faqs/${faq.id}`, { ...edit, answer: '旧页面' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('FAQ_CHANGED');
    expect(
      (await publicFaqs(t.app, `?city=${GZ}&q=${encodeURIComponent('社保卡')}`)).find((f) => f.id === faq.id)?.answer,
    ).toBe(edit.answer);

    const hidden = await as('gz.hrss.kefu', 'PUT', `/api/v1/console/faqs/${faq.id}/visibility`, {
      hidden: true,
      version: 2,
    });
    expect(hidden.statusCode).toBe(200);
    expect((await publicFaqs(t.app, `?city=${GZ}`)).some((f) => f.id === faq.id)).toBe(false);
    const shown = await as('gz.hrss.kefu', 'PUT', `/api/v1/console/faqs/${faq.id}/visibility`, {
      hidden: false,
      version: 3,
    });
    expect(shown.statusCode).toBe(200);
    expect((await publicFaqs(t.app, `?city=${GZ}`)).some((f) => f.id === faq.id)).toBe(true);

    expect((await as('gz.hrss.kefu', 'DELETE', `/api/v1/console/faqs/${faq.id}?version=3`)).statusCode).toBe(409);
    const deleted = await as('gz.hrss.kefu', 'DELETE', `/api/v1/console/faqs/${faq.id}?version=4`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await publicFaqs(t.app, `?city=${GZ}`)).some((f) => f.id === faq.id)).toBe(false);
    expect((await as('gz.hrss.kefu', 'PUT', `/api/v1/console/faqs/${faq.id}`, edit)).statusCode).toBe(404);

    for (const action of ['create', 'update', 'hide', 'show', 'delete']) {
      const rows = await auditRows(`console.faq.${action}`);
      expect(
        rows.some((r) => r.detail.faqId === faq.id),
        action,
      ).toBe(true);
    }
    expect((await auditRows('console.faq.delete')).at(-1)?.detail).toMatchObject({ answer: edit.answer });
  });

  it("a seeded FAQ's edit, hiding and deletion survive the definitions' upsert at the next start", async () => {
    const seeded = ((await as('faq.gd.hf', 'GET', '/api/v1/console/faqs')).json() as ConsoleFaq[]).filter(
      (f) => f.departmentId === 'housing-fund-centres',
    );
    const target = seeded.find((f) => f.id === SEED_FAQ);
    expect(target).toMatchObject({ origin: 'seed', edited: false, editable: true });
    const [toHide, toDelete] = seeded.filter((f) => f.id !== SEED_FAQ);
    expect(toHide && toDelete).toBeTruthy();
    if (!target || !toHide || !toDelete) return;
    // the city 客服 of another department may not touch it
    const refused = await as('gz.hrss.kefu', 'PUT', `/api/v1/console/faqs/${SEED_FAQ}/visibility`, {
      hidden: true,
      version: target.version,
    });
    expect(refused.statusCode).toBe(403);

    const answer = '在线提取需满足本市公积金中心的条件，详情请咨询12329。';
    const res = await as('faq.gd.hf', 'PUT', `/api/v1/console/faqs/${SEED_FAQ}`, {
      question: target.question,
      answer,
      questionEn: target.questionEn,
      answerEn: target.answerEn,
      serviceIds: target.services.map((s) => s.id),
      version: target.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ edited: true, answer });
    expect(
      (
        await as('faq.gd.hf', 'PUT', `/api/v1/console/faqs/${toHide.id}/visibility`, {
          hidden: true,
          version: toHide.version,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await as('faq.gd.hf', 'DELETE', `/api/v1/console/faqs/${toDelete.id}?version=${toDelete.version}`)).statusCode,
    ).toBe(204);

    await seedCatalog(t.database.db);
    const restarted = await copy();
    const faqs = await publicFaqs(restarted);
    expect(faqs.find((f) => f.id === SEED_FAQ)?.answer).toBe(answer);
    expect(faqs.some((f) => f.id === toHide.id)).toBe(false);
    expect(faqs.some((f) => f.id === toDelete.id)).toBe(false);
    // the other seeds are still the definitions'
    expect(faqs.length).toBeGreaterThanOrEqual(14);
    const inConsole = (await as('faq.gd.hf', 'GET', '/api/v1/console/faqs')).json() as ConsoleFaq[];
    expect(inConsole.find((f) => f.id === toHide.id)?.hidden).toBe(true);
    expect(inConsole.some((f) => f.id === toDelete.id)).toBe(false);
  });
});
