import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DepartmentImplementation } from '../framework/contract.js';
import type { EducationSpec, GaokaoRecord, School, SearchSchoolsInput } from './contract.js';
import { GAOKAO_PROVIDER, type GaokaoTrack, gaokaoTimetable, TRACK_NAMES, ZHONGKAO_PROVIDER } from './exams.js';
import {
  ARCHIVE_DESTINATION_NAMES,
  ARCHIVE_METHOD_NAMES,
  EDUCATION_LEVEL_NAMES,
  GRADUATE_PROVIDER,
} from './graduates.js';
import { maskIdNumber, maskName } from './numbers.js';
import { verifyPassword } from './passwords.js';
import { OWNERSHIP_NAMES, STAGE_NAMES } from './schools.js';
import { type EducationDb, type EducationTables, educationDb } from './tables.js';

const ADMISSION_STATUS_NAMES = { admitted: '已录取', 'not-admitted': '未录取', pending: '录取进行中' } as const;
const ADMISSION_LEVEL_NAMES = { undergraduate: '本科', vocational: '专科' } as const;

/** Timestamps and dates as text: the same on PGlite and PostgreSQL whatever the session time zone. */
const at = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`;
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

type SchoolRow = EducationTables['dept_jiaoyu.schools'];

function toSchool(row: SchoolRow): School {
  return {
    code: row.code,
    name: row.name,
    cityCode: row.city_code as School['cityCode'],
    regionCode: row.region_code,
    districtName: row.district_name,
    address: row.address,
    stage: row.stage,
    stageName: STAGE_NAMES[row.stage],
    ownership: row.ownership,
    ownershipName: OWNERSHIP_NAMES[row.ownership],
    phone: row.phone,
  };
}

/** LIKE pattern for a substring typed by a person: %, _ and \ are literal. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The embedded sandbox of the education systems, answering from schema dept_jiaoyu only. Passwords are
 * verified here and never leave; a wrong password and an unknown number give the same `null`, after the
 * same amount of work.
 */
export class SandboxEducation {
  private readonly db: EducationDb;

  constructor(db: EducationDb) {
    this.db = db;
  }

  async searchSchools(input: z.output<typeof SearchSchoolsInput>) {
    let query = this.db.selectFrom('dept_jiaoyu.schools');
    if (input.cityCode) query = query.where('city_code', '=', input.cityCode);
    if (input.regionCode) query = query.where('region_code', '=', input.regionCode);
    if (input.stage) query = query.where('stage', '=', input.stage);
    if (input.ownership) query = query.where('ownership', '=', input.ownership);
    if (input.name) query = query.where('name', 'like', contains(input.name));
    if (input.address) query = query.where('address', 'like', contains(input.address));
    const [count, rows] = await Promise.all([
      query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      query
        .selectAll()
        .orderBy('code')
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .execute(),
    ]);
    return { total: Number(count.n), page: input.page, pageSize: input.pageSize, schools: rows.map(toSchool) };
  }

  async zhongkaoResult(input: { ticketNumber: string; password: string }) {
    const row = await this.db
      .selectFrom('dept_jiaoyu.zhongkao_candidates as z')
      .innerJoin('dept_jiaoyu.schools as s', 's.code', 'z.school_code')
      .select(['z.ticket_number', 'z.name', 'z.exam_year', 'z.password_hash', 'z.scores', 'z.total'])
      .select(['s.code as school_code', 's.name as school_name'])
      .select(at('z.updated_at').as('updated_at'))
      .where('z.ticket_number', '=', input.ticketNumber)
      .executeTakeFirst();
    if (!(await verifyPassword(input.password, row?.password_hash)) || !row) return { result: null };
    return {
      result: {
        ticketNumber: row.ticket_number,
        name: row.name,
        examYear: row.exam_year,
        school: { code: row.school_code, name: row.school_name },
        scores: row.scores,
        total: row.total,
        fullMarks: row.scores.reduce((s, x) => s + x.fullMarks, 0),
        provider: ZHONGKAO_PROVIDER,
        updatedAt: row.updated_at,
      },
    };
  }

  async gaokaoByIdNumber(input: { idNumber: string }) {
    const rows = await this.selectGaokao()
      .where('g.id_number', '=', input.idNumber)
      .orderBy('g.exam_year', 'desc')
      .execute();
    return { records: rows.map(toGaokao) };
  }

  async gaokaoByCandidateNumber(input: { candidateNumber: string; password: string }) {
    const row = await this.selectGaokao().where('g.candidate_number', '=', input.candidateNumber).executeTakeFirst();
    if (!(await verifyPassword(input.password, row?.password_hash)) || !row) return { record: null };
    return { record: toGaokao(row) };
  }

  async employmentCertificate(input: { idNumber: string }) {
    const row = await this.selectGraduate().where('id_number', '=', input.idNumber).executeTakeFirst();
    if (!row) return { certificate: null };
    return {
      certificate: {
        certificateNumber: row.certificate_number,
        name: row.name,
        graduationYear: row.graduation_year,
        institution: row.institution,
        authority: row.authority,
        major: row.major,
        level: row.level,
        levelName: EDUCATION_LEVEL_NAMES[row.level],
        reportTo: row.report_to,
        provider: GRADUATE_PROVIDER,
        updatedAt: row.updated_at,
      },
    };
  }

  async archiveWhereabouts(input: { idNumber: string }) {
    const row = await this.selectGraduate().where('id_number', '=', input.idNumber).executeTakeFirst();
    if (!row) return { archive: null };
    return {
      archive: {
        certificateNumber: row.certificate_number,
        graduationYear: row.graduation_year,
        destination: row.archive_destination,
        destinationName: ARCHIVE_DESTINATION_NAMES[row.archive_destination],
        receiver: row.archive_receiver,
        address: row.archive_address,
        sentOn: row.sent_on,
        method: row.archive_method,
        methodName: ARCHIVE_METHOD_NAMES[row.archive_method],
        trackingNumber: row.archive_tracking_number,
        receivedOn: row.received_on,
        provider: GRADUATE_PROVIDER,
        updatedAt: row.updated_at,
      },
    };
  }

  async verifyEmploymentCertificate(input: { certificateNumber: string }) {
    const row = await this.selectGraduate()
      .where('certificate_number', '=', input.certificateNumber)
      .executeTakeFirst();
    if (!row) return { valid: false as const };
    return {
      valid: true as const,
      certificateNumber: row.certificate_number,
      holderNameMasked: maskName(row.name),
      institution: row.institution,
      graduationYear: row.graduation_year,
      levelName: EDUCATION_LEVEL_NAMES[row.level],
    };
  }

  private selectGaokao() {
    return this.db
      .selectFrom('dept_jiaoyu.gaokao_candidates as g')
      .innerJoin('dept_jiaoyu.schools as s', 's.code', 'g.exam_centre_code')
      .selectAll('g')
      .select(['s.name as centre_name', 's.address as centre_address'])
      .select(at('g.updated_at').as('updated_at'));
  }

  private selectGraduate() {
    return this.db
      .selectFrom('dept_jiaoyu.graduates')
      .select([
        'certificate_number',
        'name',
        'graduation_year',
        'institution',
        'authority',
        'major',
        'level',
        'report_to',
        'archive_destination',
        'archive_receiver',
        'archive_address',
        'archive_method',
        'archive_tracking_number',
      ])
      .select(day('archive_sent_on').as('sent_on'))
      .select(day('archive_received_on').as('received_on'))
      .select(at('updated_at').as('updated_at'));
  }
}

type GaokaoRow = Omit<EducationTables['dept_jiaoyu.gaokao_candidates'], 'updated_at' | 'scores' | 'subjects'> & {
  scores: { subject: string; score: number; fullMarks: number }[] | null;
  subjects: string[];
  centre_name: string;
  centre_address: string;
  updated_at: string;
};

function toGaokao(row: GaokaoRow): GaokaoRecord {
  const track = row.track as GaokaoTrack;
  return {
    candidateNumber: row.candidate_number,
    admissionTicketNumber: row.ticket_number,
    name: row.name,
    idNumberMasked: maskIdNumber(row.id_number),
    examYear: row.exam_year,
    track,
    trackName: TRACK_NAMES[track],
    examCentre: { code: row.exam_centre_code, name: row.centre_name, address: row.centre_address },
    timetable: gaokaoTimetable(row.exam_year, row.subjects, track),
    scores: row.scores,
    total: row.total,
    fullMarks: 750,
    admission: {
      status: row.admission_status,
      statusName: ADMISSION_STATUS_NAMES[row.admission_status],
      institution: row.admission_institution,
      major: row.admission_major,
      level: row.admission_level,
      levelName: row.admission_level ? ADMISSION_LEVEL_NAMES[row.admission_level] : null,
    },
    provider: GAOKAO_PROVIDER,
    updatedAt: row.updated_at,
  };
}

/** The sandbox as the contract's operations. */
export function educationSandbox<DB extends EducationTables>(db: Kysely<DB>): DepartmentImplementation<EducationSpec> {
  const s = new SandboxEducation(educationDb(db));
  return {
    searchSchools: (input) => s.searchSchools(input),
    zhongkaoResult: (input) => s.zhongkaoResult(input),
    gaokaoByIdNumber: (input) => s.gaokaoByIdNumber(input),
    gaokaoByCandidateNumber: (input) => s.gaokaoByCandidateNumber(input),
    employmentCertificate: (input) => s.employmentCertificate(input),
    archiveWhereabouts: (input) => s.archiveWhereabouts(input),
    verifyEmploymentCertificate: (input) => s.verifyEmploymentCertificate(input),
  };
}
