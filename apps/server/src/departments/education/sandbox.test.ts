import { makeResidentId, RESIDENT_ID_MESSAGES } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { type ConnectedDepartment, connectDepartment, TRANSPORTS } from '../../test-support/department-transports.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { DEMO_BATCH, DEMO_PEOPLE, generatePeople } from '../population-register/generator.js';
import { seedContext } from '../province/seed-context.js';
import { type EducationSpec, educationSpec } from './contract.js';
import { DEMO_CANDIDATE_PASSWORD } from './demo.js';
import { educationRecords, sandboxCandidatePassword } from './generator.js';
import { maskIdNumber } from './numbers.js';
import { educationSandbox } from './sandbox.js';
import { schoolDirectory } from './schools.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(name);
  return p;
};

// The test app seeds the demo people and 200 generated people with seed 1 (app.ts).
const ctx = seedContext(1);
const batches = [DEMO_BATCH, ...generatePeople({ count: 200, seed: 1 })];
const expected = batches.map((b) => educationRecords(b, ctx));
const gaokao = expected.flatMap((r) => r.gaokao);
const zhongkao = expected.flatMap((r) => r.zhongkao);
const graduates = expected.flatMap((r) => r.graduates);

async function inputError(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const app = error as AppError;
  expect(app.code).toBe('DEPARTMENT_INPUT_INVALID');
  return app;
}

describe.each(ENGINES)('education sandbox on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  describe.each(TRANSPORTS)('over %s', (transport) => {
    let dept: ConnectedDepartment<EducationSpec>;
    beforeAll(async () => {
      dept = await connectDepartment(educationSpec, educationSandbox(t.database.db), transport);
    });
    afterAll(() => dept?.close());

    describe('searchSchools', () => {
      it('filters by city, district, stage and type, a page at a time, in code order', async () => {
        const { client } = dept;
        const all = schoolDirectory().filter((s) => s.cityCode === '440100' && s.stage === 'primary');
        const first = await client.searchSchools({ cityCode: '440100', stage: 'primary', pageSize: 10 });
        expect(first.total).toBe(all.length);
        expect(first.schools.map((s) => s.code)).toEqual(all.slice(0, 10).map((s) => s.code));
        const second = await client.searchSchools({ cityCode: '440100', stage: 'primary', pageSize: 10, page: 2 });
        expect(second.schools.map((s) => s.code)).toEqual(all.slice(10, 20).map((s) => s.code));
        expect(first.schools[0]).toMatchObject({ stageName: '小学', cityCode: '440100' });
        expect(['公办', '民办']).toContain(first.schools[0]?.ownershipName);

        const tianhe = await client.searchSchools({ regionCode: '440106', pageSize: 50 });
        expect(tianhe.total).toBe(schoolDirectory().filter((s) => s.regionCode === '440106').length);
        expect(new Set(tianhe.schools.map((s) => s.districtName))).toEqual(new Set(['天河区']));

        const privateSenior = await client.searchSchools({ ownership: 'private', stage: 'senior', pageSize: 50 });
        expect(privateSenior.schools.every((s) => s.ownership === 'private' && s.ownershipName === '民办')).toBe(true);
      });

      it('matches a name as a substring, with % and _ taken literally', async () => {
        const { client } = dept;
        const found = await client.searchSchools({ name: '天河区实验小学' });
        expect(found.total).toBe(1);
        expect(found.schools[0]).toMatchObject({ name: '天河区实验小学', regionCode: '440106', stage: 'primary' });
        const some = await client.searchSchools({ name: '幼儿园', cityCode: '441700' });
        expect(some.total).toBe(
          schoolDirectory().filter((s) => s.cityCode === '441700' && s.stage === 'kindergarten').length,
        );
        expect((await client.searchSchools({ name: '%' })).total).toBe(0);
        expect((await client.searchSchools({ name: '_' })).total).toBe(0);
        expect(await client.searchSchools({ name: '不存在的学校名' })).toEqual({
          total: 0,
          page: 1,
          pageSize: 20,
          schools: [],
        });
      });

      it('refuses bad filters with Chinese messages', async () => {
        const { client } = dept;
        expect((await inputError(client.searchSchools({ pageSize: 51 }))).detail).toBe('每页最多50条');
        expect((await inputError(client.searchSchools({ page: 0 }))).detail).toBe('页码须大于0');
        expect((await inputError(client.searchSchools({ cityCode: '999999' as '440100' }))).detail).toBe(
          '城市代码无效',
        );
        expect((await inputError(client.searchSchools({ regionCode: '4401' }))).detail).toBe('区县代码格式有误');
        expect((await inputError(client.searchSchools({ name: '学'.repeat(31) }))).detail).toBe(
          '学校名称不能超过30个字',
        );
      });
    });

    describe('zhongkaoResult (佛山)', () => {
      it('answers a 佛山 candidate with the right ticket number and password', async () => {
        expect(zhongkao.length).toBeGreaterThan(0);
        for (const record of zhongkao) {
          const { password } = sandboxCandidatePassword(ctx, record.person.personId, 'zhongkao');
          const { result } = await dept.client.zhongkaoResult({ ticketNumber: record.ticketNumber, password });
          expect(result).toMatchObject({
            ticketNumber: record.ticketNumber,
            name: record.person.name,
            examYear: record.examYear,
            total: record.total,
            scores: record.scores,
            provider: '佛山市教育局',
            updatedAt: `${record.examYear}-07-10T09:00:00+08:00`,
          });
          expect(result?.school.code.startsWith('4406')).toBe(true);
          expect(result?.fullMarks).toBe(830);
          // Nothing but the results: no password, hash or ID number in the answer.
          expect(JSON.stringify(result)).not.toMatch(/password|hash|scrypt/);
          expect(JSON.stringify(result)).not.toContain(record.person.idNumber);
        }
      });

      it('answers the demo candidate documented in docs/departments/education.md', async () => {
        const { result } = await dept.client.zhongkaoResult({ ticketNumber: '21440305148549', password: '99639855' });
        expect(result).toMatchObject({ name: '陈依', examYear: 2021, total: 652 });
        const [zhang] = (await dept.client.gaokaoByIdNumber({ idNumber: demo('张伟').idNumber })).records;
        expect(zhang?.candidateNumber).toBe('06440106241996');
        const { certificate } = await dept.client.employmentCertificate({ idNumber: demo('张伟').idNumber });
        expect(certificate?.certificateNumber).toBe('20104401064998518');
      });

      it('gives the same null for a wrong password and an unknown ticket number', async () => {
        const record = zhongkao[0];
        if (!record) throw new Error('no 佛山 candidate in the demo seed');
        const { password } = sandboxCandidatePassword(ctx, record.person.personId, 'zhongkao');
        const wrong = password === '00000000' ? '00000001' : '00000000';
        expect(await dept.client.zhongkaoResult({ ticketNumber: record.ticketNumber, password: wrong })).toEqual({
          result: null,
        });
        expect(
          await dept.client.zhongkaoResult({ ticketNumber: record.ticketNumber, password: DEMO_CANDIDATE_PASSWORD }),
        ).toEqual({ result: null });
        expect(await dept.client.zhongkaoResult({ ticketNumber: '21440604000000', password })).toEqual({
          result: null,
        });
      });

      it('refuses malformed input', async () => {
        expect((await inputError(dept.client.zhongkaoResult({ ticketNumber: '123', password: 'x' }))).detail).toBe(
          '准考证号格式有误，请输入14位数字',
        );
        expect(
          (await inputError(dept.client.zhongkaoResult({ ticketNumber: '21440604000000', password: '' }))).detail,
        ).toBe('请输入密码');
      });
    });

    describe('gaokao', () => {
      it("gives a logged-in candidate their own records: 张伟's 2006 理科 exam and admission", async () => {
        const zhang = demo('张伟');
        const { records } = await dept.client.gaokaoByIdNumber({ idNumber: zhang.idNumber });
        expect(records).toHaveLength(1);
        const [record] = records;
        expect(record).toMatchObject({
          name: '张伟',
          idNumberMasked: maskIdNumber(zhang.idNumber),
          examYear: 2006,
          track: 'science',
          trackName: '理科',
          total: 612,
          fullMarks: 750,
          admission: {
            status: 'admitted',
            statusName: '已录取',
            institution: '华南理工大学',
            major: '计算机科学与技术',
            level: 'undergraduate',
            levelName: '本科',
          },
          provider: '广东省教育考试院',
          updatedAt: '2006-08-31T09:00:00+08:00',
        });
        expect(record?.candidateNumber).toMatch(/^06440106\d{6}$/);
        expect(record?.scores?.map((s) => s.subject)).toEqual(['语文', '数学', '外语', '理科综合']);
        expect(record?.scores?.reduce((s, x) => s + x.score, 0)).toBe(612);
        expect(record?.timetable.map((s) => `${s.date} ${s.subject}`)).toEqual([
          '2006-06-07 语文',
          '2006-06-07 数学',
          '2006-06-08 理科综合',
          '2006-06-08 外语',
        ]);
        expect(record?.examCentre.name).toMatch(/^广州市.+中学$/);
      });

      it('gives the same record by candidate number and password, and null otherwise', async () => {
        const zhang = demo('张伟');
        const [byId] = (await dept.client.gaokaoByIdNumber({ idNumber: zhang.idNumber })).records;
        if (!byId) throw new Error('no record');
        const byNumber = await dept.client.gaokaoByCandidateNumber({
          candidateNumber: byId.candidateNumber,
          password: DEMO_CANDIDATE_PASSWORD,
        });
        expect(byNumber.record).toEqual(byId);
        expect(
          await dept.client.gaokaoByCandidateNumber({ candidateNumber: byId.candidateNumber, password: 'yss1234567' }),
        ).toEqual({ record: null });
        expect(
          await dept.client.gaokaoByCandidateNumber({
            candidateNumber: '06440106000000',
            password: DEMO_CANDIDATE_PASSWORD,
          }),
        ).toEqual({ record: null });
      });

      it("answers generated candidates with their own password only, and never another person's record", async () => {
        const sample = gaokao.filter((g) => !g.person.personId.startsWith('de000000')).slice(0, 8);
        expect(sample.length).toBe(8);
        for (const g of sample) {
          const { password } = sandboxCandidatePassword(ctx, g.person.personId, 'gaokao');
          const { record } = await dept.client.gaokaoByCandidateNumber({
            candidateNumber: g.candidateNumber,
            password,
          });
          expect(record).toMatchObject({ name: g.person.name, examYear: g.examYear, total: g.total });
          const { records } = await dept.client.gaokaoByIdNumber({ idNumber: g.person.idNumber });
          expect(records.map((r) => r.candidateNumber)).toEqual([g.candidateNumber]);
          expect(records.every((r) => r.idNumberMasked === maskIdNumber(g.person.idNumber))).toBe(true);
        }
        const [a, b] = sample as [(typeof sample)[0], (typeof sample)[0]];
        const passwordOfB = sandboxCandidatePassword(ctx, b.person.personId, 'gaokao').password;
        expect(
          await dept.client.gaokaoByCandidateNumber({ candidateNumber: a.candidateNumber, password: passwordOfB }),
        ).toEqual({ record: null });
      });

      it('has nothing for people without a Guangdong 高考 of 2006 or later', async () => {
        for (const name of ['陈志强', '刘洋', '陈嘉欣', '张梓轩', '张建国']) {
          expect(await dept.client.gaokaoByIdNumber({ idNumber: demo(name).idNumber }), name).toEqual({ records: [] });
        }
        expect(await dept.client.gaokaoByIdNumber({ idNumber: makeResidentId('440106', '20070101', 999) })).toEqual({
          records: [],
        });
      });

      it('refuses malformed ID and candidate numbers', async () => {
        const id = demo('张伟').idNumber;
        const badCheck = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
        expect((await inputError(dept.client.gaokaoByIdNumber({ idNumber: badCheck }))).detail).toBe(
          RESIDENT_ID_MESSAGES['check-digit'],
        );
        expect((await inputError(dept.client.gaokaoByIdNumber({ idNumber: '12345' }))).detail).toBe(
          RESIDENT_ID_MESSAGES.format,
        );
        expect(
          (await inputError(dept.client.gaokaoByCandidateNumber({ candidateNumber: '0644', password: 'x' }))).detail,
        ).toBe('考生号格式有误，请输入14位考生号');
      });
    });

    describe('employment certificate (报到证) and archive (档案去向)', () => {
      it("shows 张伟's 2010 certificate and his archive at the 广州 talent exchange centre", async () => {
        const zhang = demo('张伟');
        const { certificate } = await dept.client.employmentCertificate({ idNumber: zhang.idNumber });
        expect(certificate).toMatchObject({
          name: '张伟',
          graduationYear: 2010,
          institution: '华南理工大学',
          authority: '中华人民共和国教育部',
          major: '计算机科学与技术',
          level: 'undergraduate',
          levelName: '本科',
          provider: '广东省高校毕业生就业指导中心',
        });
        expect(certificate?.certificateNumber).toMatch(/^2010440106\d{7}$/);
        const { archive } = await dept.client.archiveWhereabouts({ idNumber: zhang.idNumber });
        expect(archive).toMatchObject({
          certificateNumber: certificate?.certificateNumber,
          destination: 'talent-market',
          destinationName: '人才市场',
          receiver: '广州市人才交流服务中心',
        });
        expect(archive?.sentOn.startsWith('2010-07-')).toBe(true);
        expect(archive && archive.receivedOn > archive.sentOn).toBe(true);
        expect(['机要寄送', '专人送达']).toContain(archive?.methodName);
      });

      it('sends the archives of 刘芳 and 李娜 back to where they come from (no job in September)', async () => {
        for (const [name, year, receiver] of [
          ['刘芳', 2012, '广州市人力资源和社会保障局'],
          ['李娜', 2014, '深圳市人力资源和社会保障局'],
        ] as const) {
          const { archive } = await dept.client.archiveWhereabouts({ idNumber: demo(name).idNumber });
          expect(archive, name).toMatchObject({ graduationYear: year, destination: 'origin', receiver });
          const { certificate } = await dept.client.employmentCertificate({ idNumber: demo(name).idNumber });
          expect(certificate?.reportTo).toBe(receiver);
        }
      });

      it('has nothing outside the 2006–2016 classes or for people who never studied here', async () => {
        for (const name of ['陈志强', '刘洋', '陈嘉欣', '张梓轩', '王秀英']) {
          const { idNumber } = demo(name);
          expect(await dept.client.employmentCertificate({ idNumber }), name).toEqual({ certificate: null });
          expect(await dept.client.archiveWhereabouts({ idNumber }), name).toEqual({ archive: null });
        }
      });

      it('answers generated graduates with their own certificate', async () => {
        for (const g of graduates.slice(0, 10)) {
          const { certificate } = await dept.client.employmentCertificate({ idNumber: g.person.idNumber });
          expect(certificate).toMatchObject({ certificateNumber: g.certificateNumber, name: g.person.name });
          const { archive } = await dept.client.archiveWhereabouts({ idNumber: g.person.idNumber });
          expect(archive).toMatchObject({ destination: g.archive.destination, receiver: g.archive.receiver });
        }
      });

      it('verifies a scanned certificate number, showing only the last character of the name', async () => {
        const { certificate } = await dept.client.employmentCertificate({ idNumber: demo('刘芳').idNumber });
        if (!certificate) throw new Error('no certificate');
        expect(
          await dept.client.verifyEmploymentCertificate({ certificateNumber: certificate.certificateNumber }),
        ).toEqual({
          valid: true,
          certificateNumber: certificate.certificateNumber,
          holderNameMasked: '*芳',
          institution: '广东外语外贸大学',
          graduationYear: 2012,
          levelName: '本科',
        });
        expect(await dept.client.verifyEmploymentCertificate({ certificateNumber: '20104401060000000' })).toEqual({
          valid: false,
        });
        expect((await inputError(dept.client.verifyEmploymentCertificate({ certificateNumber: '2010' }))).detail).toBe(
          '报到证编号格式有误，请输入17位数字',
        );
      });
    });
  });
});
