import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { FieldCipher, resolveDataKey } from '../privacy/index.js';
import { openContent, sealLegacyFeedback } from './stored-content.js';

describe.each(ENGINES)('feedback API on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { FEEDBACK_RATE_LIMIT_PER_MINUTE: '8', TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  // Each request comes from its own client unless a test says otherwise, so only the rate-limit test
  // meets the limit.
  let client = 0;
  const post = (payload: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${++client}`, ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const appCipher = () => new FieldCipher(resolveDataKey(t.config.dataEncryptionKey, t.config.dataDir, true));

  it('stores feedback, encrypts the text and the contact and keeps only a masked contact readable', async () => {
    const res = await post({
      content: '希望增加更多城市的燃气服务，请回电13800138000',
      category: 'suggestion',
      contact: '13800138000',
      city: '440300',
    });
    expect(res.statusCode).toBe(201);
    const receipt = res.json();
    expect(receipt.message).toContain('感谢');
    const row = await t.database.db
      .selectFrom('feedback')
      .selectAll()
      .where('id', '=', receipt.id)
      .executeTakeFirstOrThrow();
    expect(row.content).toBeNull();
    expect(row.content_encrypted).toMatch(/^v2\./);
    expect(JSON.stringify(row)).not.toContain('13800138000');
    expect(JSON.stringify(row)).not.toContain('燃气');
    expect(openContent(appCipher(), row)).toBe('希望增加更多城市的燃气服务，请回电13800138000');
    // Bound to its row: the sealed text copied onto another row does not open.
    expect(() => openContent(appCipher(), { ...row, id: crypto.randomUUID() })).toThrow();
    expect(row.contact_masked).toBe('138****8000');
    expect(row.contact_encrypted).not.toContain('13800138000');
    expect(row.contact_encrypted).toMatch(/^v2\./);
  });

  it('seals feedback stored in clear before 0075, once (a second run finds nothing)', async () => {
    const id = crypto.randomUUID();
    await sql`insert into feedback (id, category, content) values (${id}, 'question', ${'办理进度在哪里查？电话13912345678'})`.execute(
      t.database.db,
    );
    expect(await sealLegacyFeedback(t.database.db, appCipher(), 1)).toBeGreaterThanOrEqual(1);
    expect(await sealLegacyFeedback(t.database.db, appCipher())).toBe(0);
    const row = await t.database.db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.content).toBeNull();
    expect(JSON.stringify(row)).not.toContain('13912345678');
    expect(openContent(appCipher(), row)).toBe('办理进度在哪里查？电话13912345678');
    // Never both, never neither.
    await expect(sql`update feedback set content = 'x' where id = ${id}`.execute(t.database.db)).rejects.toThrow(
      /feedback_one_content/,
    );
  });

  it('rejects empty, too short, oversized and unknown fields with Chinese messages', async () => {
    const cases: [object, string][] = [
      [{}, 'content'],
      [{ content: '   ' }, 'content'],
      [{ content: '太短' }, 'content'],
      [{ content: '很'.repeat(501) }, 'content'],
      [{ content: '正常的反馈内容', category: 'spam' }, 'category'],
      [{ content: '正常的反馈内容', city: '999999' }, 'city'],
      [{ content: '正常的反馈内容', extra: 1 }, ''],
      [{ content: '正常的反馈内容', serviceId: 'no-such-service' }, 'serviceId'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.detail).toMatch(/\p{Script=Han}/u);
      if (field) expect(problem.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const long = await post({ content: '很'.repeat(501) });
    expect(long.json().detail).toContain('不能超过500个字');
  });

  it('answers non-JSON bodies, wrong content types and huge bodies with 4xx problem+json', async () => {
    const bad = await post('{"content": "未闭合');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BODY_NOT_JSON');
    const empty = await post('');
    expect(empty.statusCode).toBe(400);
    const text = await post('hello', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await post({ content: 'x'.repeat(20_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('BODY_TOO_LARGE');
  });

  it('rate-limits per client with 429 problem+json', async () => {
    const headers = { 'x-forwarded-for': '10.9.9.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post({ content: `第${i}条测试反馈内容` }, headers)).statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(8);
    const limited = await post({ content: '再来一条测试反馈' }, headers);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.json().detail).toContain('频繁');
  });
});
