import { randomBytes } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../../departments/population-register/generator.js';
import { citizenClient } from '../../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../../test-support/test-app.js';
import { FieldCipher } from '../../privacy/index.js';
import { ExamAttemptGuard } from './attempts.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};

/** docs/departments/education.md: 陈依 (generated, seed 1) sat the 中考 in 佛山 in 2021; 张伟 the 高考 in 2006. */
const ZHONGKAO = { ticketNumber: '21440305148549', password: '99639855' };
const ZHANG_GAOKAO = { candidateNumber: '06440106241996', password: 'yss123456' };
const ZK_URL = '/api/v1/lookups/zhongkao/results';
const GK = '/api/v1/lookups/gaokao';

async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text };
}

describe.each(ENGINES)('中考 and 高考 lookups (E3) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let chen: Awaited<ReturnType<typeof c.verifiedAccount>>;
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    chen = await c.verifiedAccount(demo('陈志强'));
    zhang = await c.verifiedAccount(demo('张伟'));
  });
  afterAll(() => t?.close());

  const problem = (res: { json(): { code: string; title: string; detail: string }; statusCode: number }) => {
    const { code, title, detail } = res.json();
    return { status: res.statusCode, code, title, detail };
  };

  it('中考: 佛山 only, in the guide’s words; the results with 准考证号 + password, sourced and audited', async () => {
    const gz = await c.call('POST', `${ZK_URL}?city=440100`, ZHONGKAO, chen.cookie);
    expect(gz.statusCode).toBe(409);
    expect(gz.json().code).toBe('SERVICE_NOT_IN_CITY');
    expect(gz.json().detail).toContain('暂仅支持佛山');

    const res = await c.call('POST', `${ZK_URL}?city=440600`, ZHONGKAO, chen.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.subject).toEqual({ self: true, nameMasked: '陈**' });
    expect(body.result).toMatchObject({
      ticketNumber: ZHONGKAO.ticketNumber,
      examYear: 2021,
      total: 652,
      fullMarks: 830,
    });
    expect(body.result.scores.map((s: { subject: string }) => s.subject)).toContain('体育与健康');
    expect(body.source.department).toBe('佛山市教育局');
    expect(body.source.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(res.body).not.toContain(demo('陈志强').idNumber);
    expect(res.body).not.toContain(ZHONGKAO.password);

    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, chen.cookie)).json() as { action: string }[];
    expect(log.some((e) => e.action === 'lookup.zhongkao-chengji-chaxun')).toBe(true);
  });

  it('answers a wrong 准考证号 and a wrong password with one identical problem (no oracle), audited as failures', async () => {
    const wrongPassword = await c.call(
      'POST',
      `${ZK_URL}?city=440600`,
      { ...ZHONGKAO, password: '12345678' },
      chen.cookie,
    );
    const unknownTicket = await c.call(
      'POST',
      `${ZK_URL}?city=440600`,
      { ticketNumber: '21440305000001', password: ZHONGKAO.password },
      chen.cookie,
    );
    expect(problem(wrongPassword)).toEqual(problem(unknownTicket));
    expect(problem(wrongPassword)).toMatchObject({ status: 400, code: 'EXAM_CREDENTIALS_INVALID' });
    expect(wrongPassword.json().detail).toContain('准考证号或密码错误');
    // a malformed number is a plain validation error, before anything is counted or asked
    const malformed = await c.call(
      'POST',
      `${ZK_URL}?city=440600`,
      { ticketNumber: '2144', password: 'x' },
      chen.cookie,
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
    expect(malformed.body).toContain('准考证号格式有误');
    const empty = await c.call(
      'POST',
      `${ZK_URL}?city=440600`,
      { ticketNumber: ZHONGKAO.ticketNumber, password: '' },
      chen.cookie,
    );
    expect(empty.body).toContain('请输入密码');
    // the right password clears the number's count
    expect((await c.call('POST', `${ZK_URL}?city=440600`, ZHONGKAO, chen.cookie)).statusCode).toBe(200);
  });

  it('高考 as the candidate logged in: tickets and results of his own records, newest first', async () => {
    const tickets = await c.call('GET', `${GK}/admission-tickets?city=440100`, undefined, zhang.cookie);
    expect(tickets.statusCode, tickets.body).toBe(200);
    const t0 = tickets.json().tickets[0];
    expect(t0).toMatchObject({
      candidateNumber: ZHANG_GAOKAO.candidateNumber,
      examYear: 2006,
      trackName: '理科',
      name: '张伟',
    });
    expect(t0.idNumberMasked).toMatch(/^440106\*{8}\d{3}[\dX]$/);
    expect(t0.timetable.length).toBeGreaterThan(3);
    expect(t0).not.toHaveProperty('scores');
    expect(tickets.json().source.department).toBe('广东省教育考试院');
    expect(tickets.body).not.toContain(demo('张伟').idNumber);

    const results = await c.call('GET', `${GK}/results?city=440100`, undefined, zhang.cookie);
    expect(results.statusCode).toBe(200);
    const r0 = results.json().results[0];
    expect(r0).toMatchObject({ total: 612, fullMarks: 750 });
    expect(r0.admission).toMatchObject({
      statusName: '已录取',
      institution: '华南理工大学',
      major: '计算机科学与技术',
      levelName: '本科',
    });
    expect(r0).not.toHaveProperty('timetable');

    // someone with no 高考 in Guangdong (刘洋 sat it in 湖南): an empty list, not an error
    const liu = await c.verifiedAccount(demo('刘洋'));
    const none = await c.call('GET', `${GK}/results?city=440100`, undefined, liu.cookie);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toMatchObject({ results: [], source: { updatedAt: null } });
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as { action: string }[];
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining(['lookup.gaokao-zhunkaozheng', 'lookup.gaokao-chengji-chaxun']),
    );
  });

  it('高考 by 考生号 + password (a parent, say): the record, one answer for any miss', async () => {
    const res = await c.call('POST', `${GK}/results/by-candidate-number?city=440600`, ZHANG_GAOKAO, chen.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toMatchObject({ name: '张伟', total: 612 });
    expect(res.json().subject.self).toBe(true);
    const ticket = await c.call(
      'POST',
      `${GK}/admission-tickets/by-candidate-number?city=440600`,
      ZHANG_GAOKAO,
      chen.cookie,
    );
    expect(ticket.json().ticket.examCentre.name).toBeTruthy();

    const wrong = await c.call(
      'POST',
      `${GK}/results/by-candidate-number?city=440600`,
      { ...ZHANG_GAOKAO, password: 'yss654321' },
      chen.cookie,
    );
    const unknown = await c.call(
      'POST',
      `${GK}/results/by-candidate-number?city=440600`,
      { candidateNumber: '06440106000000', password: ZHANG_GAOKAO.password },
      chen.cookie,
    );
    expect(problem(wrong)).toEqual(problem(unknown));
    expect(problem(wrong)).toMatchObject({ code: 'EXAM_CREDENTIALS_INVALID' });
    expect(wrong.json().detail).toContain('考生号或密码错误');
    expect(wrong.body).not.toContain('张');
    const bad = await c.call(
      'POST',
      `${GK}/results/by-candidate-number?city=440600`,
      { candidateNumber: '123', password: 'x' },
      chen.cookie,
    );
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(bad.body).toContain('考生号格式有误');
  });

  it('downloads the admission ticket and the results as real PDFs with Chinese text (fonts embedded, ID masked)', async () => {
    const own = await c.call(
      'GET',
      `${GK}/admission-tickets/${ZHANG_GAOKAO.candidateNumber}/pdf?city=440100`,
      undefined,
      zhang.cookie,
    );
    expect(own.statusCode, own.body.slice(0, 200)).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toContain('attachment; filename="gaokao-admission-ticket-2006.pdf"');
    expect(own.headers['cache-control']).toBe('no-store');
    const bytes = own.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/); // the glyphs travel with the file
    expect(raw).toMatch(/\/ToUnicode/); // and the text can be searched and copied
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBe(1);
    for (const words of [
      '2006年普通高等学校招生全国统一考试',
      '张伟',
      ZHANG_GAOKAO.candidateNumber,
      '考点',
      '考生须知',
      '广东省教育考试院',
    ])
      expect(text).toContain(words);
    expect(text).toMatch(/440106\*{8}/);
    expect(text).not.toContain(demo('张伟').idNumber);

    const results = await c.call(
      'GET',
      `${GK}/results/${ZHANG_GAOKAO.candidateNumber}/pdf?city=440100`,
      undefined,
      zhang.cookie,
    );
    expect(results.statusCode).toBe(200);
    const rt = (await pdfText(results.rawPayload)).text;
    for (const words of ['成绩', '总分', '612', '华南理工大学', '计算机科学与技术', '已录取'])
      expect(rt).toContain(words);

    // by 考生号 + password, for someone else's candidate number
    const byNumber = await c.call(
      'POST',
      `${GK}/admission-tickets/by-candidate-number/pdf?city=440600`,
      ZHANG_GAOKAO,
      chen.cookie,
    );
    expect(byNumber.statusCode).toBe(200);
    expect((await pdfText(byNumber.rawPayload)).text).toContain(ZHANG_GAOKAO.candidateNumber);
    const wrong = await c.call(
      'POST',
      `${GK}/admission-tickets/by-candidate-number/pdf?city=440600`,
      { ...ZHANG_GAOKAO, password: 'nope' },
      chen.cookie,
    );
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().code).toBe('EXAM_CREDENTIALS_INVALID');

    // the login download serves only one's own records: 陈志强 cannot fetch 张伟's by number alone
    const foreign = await c.call(
      'GET',
      `${GK}/admission-tickets/${ZHANG_GAOKAO.candidateNumber}/pdf?city=440600`,
      undefined,
      chen.cookie,
    );
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('张伟');
  });

  it('locks a number after 5 failures — for everyone, even with the right password — and says so the same way for unknown numbers', async () => {
    const liNa = await c.verifiedAccount(demo('李娜'));
    const url = `${GK}/results/by-candidate-number?city=440300`;
    const wrong = { ...ZHANG_GAOKAO, password: 'wrong-one' };
    // earlier misses on this number are forgotten once the right password was given
    expect((await c.call('POST', url, ZHANG_GAOKAO, liNa.cookie)).statusCode).toBe(200);
    for (let i = 1; i <= 4; i++)
      expect((await c.call('POST', url, wrong, liNa.cookie)).json().code, `try ${i}`).toBe('EXAM_CREDENTIALS_INVALID');
    const fifth = await c.call('POST', url, wrong, liNa.cookie);
    expect(problem(fifth)).toMatchObject({ status: 423, code: 'EXAM_QUERY_LOCKED' });
    expect(fifth.json().detail).toContain('分钟后再试');
    // locked for the right password too, from another account, and for the PDF route of the same number
    expect((await c.call('POST', url, ZHANG_GAOKAO, liNa.cookie)).json().code).toBe('EXAM_QUERY_LOCKED');
    expect((await c.call('POST', url, ZHANG_GAOKAO, chen.cookie)).json().code).toBe('EXAM_QUERY_LOCKED');
    expect(
      (await c.call('POST', `${GK}/admission-tickets/by-candidate-number/pdf?city=440300`, ZHANG_GAOKAO, chen.cookie))
        .statusCode,
    ).toBe(423);
    // an unknown number locks exactly the same way
    const ghost = { candidateNumber: '10440300000017', password: 'whatever1' };
    for (let i = 1; i <= 4; i++) await c.call('POST', url, ghost, zhang.cookie);
    expect(problem(await c.call('POST', url, ghost, zhang.cookie))).toEqual(problem(fifth));
    // 张伟 himself still reads his records by login
    expect((await c.call('GET', `${GK}/results?city=440100`, undefined, zhang.cookie)).statusCode).toBe(200);
    // the 中考 number of the same digits space is counted apart from the 高考 one
    expect((await c.call('POST', `${ZK_URL}?city=440600`, ZHONGKAO, chen.cookie)).statusCode).toBe(200);
    // the lock is stored, not kept in memory: every server copy sees it
    const rows = await t.database.db
      .selectFrom('lookup_exam_attempts')
      .selectAll()
      .where('scope', '=', 'number')
      .execute();
    expect(rows.filter((r) => r.locked_until && r.locked_until.getTime() > Date.now())).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain(ZHANG_GAOKAO.candidateNumber);
  });

  it('locks an account after 10 failures over any numbers, whatever number it tries next', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const url = `${ZK_URL}?city=440600`;
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await c.call(
        'POST',
        url,
        { ticketNumber: `2144060000${String(1000 + i)}`, password: 'guess' },
        liu.cookie,
      );
      answers.push(res.json().code);
    }
    expect(answers.slice(0, 9).every((a) => a === 'EXAM_CREDENTIALS_INVALID')).toBe(true);
    expect(answers[9]).toBe('EXAM_QUERY_LOCKED');
    expect((await c.call('POST', url, ZHONGKAO, liu.cookie)).json().code).toBe('EXAM_QUERY_LOCKED');
    // another account is not affected
    expect((await c.call('POST', url, ZHONGKAO, chen.cookie)).statusCode).toBe(200);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, liu.cookie)).json() as {
      action: string;
      result: string;
    }[];
    expect(
      log.filter((e) => e.action === 'lookup.zhongkao-chengji-chaxun' && e.result === 'failure').length,
    ).toBeGreaterThanOrEqual(11);
  });

  it('the lock ends on time and the count starts again; a stale window forgets old failures', async () => {
    const guard = new ExamAttemptGuard(t.database.db, new FieldCipher(randomBytes(32)), {
      maxPerNumber: 2,
      maxPerAccount: 100,
      windowMs: 400,
      lockMs: 300,
    });
    const account = '00000000-0000-4000-8000-00000000a001';
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
    expect(await code(guard.fail(account, 'gaokao', '06440100000001'))).toBe('EXAM_CREDENTIALS_INVALID');
    expect(await code(guard.fail(account, 'gaokao', '06440100000001'))).toBe('EXAM_QUERY_LOCKED');
    expect(await code(guard.assertOpen(account, 'gaokao', '06440100000001'))).toBe('EXAM_QUERY_LOCKED');
    // the same digits as a 中考 number are another key
    expect(await code(guard.assertOpen(account, 'zhongkao', '06440100000001'))).toBe('ok');
    await new Promise((r) => setTimeout(r, 350));
    expect(await code(guard.assertOpen(account, 'gaokao', '06440100000001'))).toBe('ok');
    // after the lock, one failure is one failure again (not an immediate new lock)
    expect(await code(guard.fail(account, 'gaokao', '06440100000001'))).toBe('EXAM_CREDENTIALS_INVALID');
    // a failure older than the window is forgotten
    await new Promise((r) => setTimeout(r, 450));
    expect(await code(guard.fail(account, 'gaokao', '06440100000001'))).toBe('EXAM_CREDENTIALS_INVALID');
  });

  it('refuses without login or fresh verification, and for someone else’s delegation', async () => {
    expect((await c.call('POST', `${ZK_URL}?city=440600`, ZHONGKAO)).statusCode).toBe(401);
    const smsOnly = await c.smsLogin(demo('李娜').phone as string);
    expect((await c.call('GET', `${GK}/results?city=440300`, undefined, smsOnly)).json().code).toBe(
      'VERIFICATION_REQUIRED',
    );
    const other = await c.call(
      'GET',
      `${GK}/results?city=440100&for=00000000-0000-4000-8000-000000000000`,
      undefined,
      zhang.cookie,
    );
    expect(other.statusCode).toBe(404);
    expect((await c.call('GET', `${GK}/results?city=999999`, undefined, zhang.cookie)).statusCode).toBe(400);
  });
});
