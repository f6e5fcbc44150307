import {
  type ConsoleWorkCalendarEntry,
  HOLIDAY_NOTICES,
  type HolidayName,
  type HolidayNotice,
  isWeekend,
  nextDate,
  noticeEntries,
  PROVISIONAL_NOTES,
  type PutWorkCalendarDayInput,
  provisionalArrangements,
  STATUTORY_DAYS_BY_LAW,
  WORK_CALENDAR_MAX_DAYS,
  type WorkCalendarDay,
  type WorkCalendarEntryKind,
  type WorkCalendarRange,
  workCalendarDay,
} from '@yss/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';

/** A stored exception to the weekday rule (a row of work_calendar_days). */
export interface WorkCalendarEntry {
  date: string;
  kind: WorkCalendarEntryKind;
  holidayName: HolidayName;
  statutory: boolean;
  note: string | null;
  source: 'notice' | 'operator';
  updatedBy: string | null;
  updatedAt: Date;
}

/** What the rest of the server needs of the calendar: synchronous reads of the snapshot in memory. */
export interface WorkingDays {
  day(date: string): WorkCalendarDay;
  isWorkingDay(date: string): boolean;
  addWorkingDays(date: string, n: number): string;
}

export interface WorkCalendarDeps {
  db: Db;
  /** How old the snapshot may be before fresh() asks whether another server copy changed the calendar. */
  refreshMs?: number;
  /** The clock of the refresh (tests). */
  clock?: () => number;
}

const DAY_MS = 86_400_000;
const isRealDate = (d: string) => {
  const at = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === d;
};
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * 工作日历: the weekday rule plus the stored exceptions (holidays, 调休上班), held in memory. Every server copy
 * loads the table at start; a change made here reloads at once, and fresh() (called by the routes and the slot
 * publication before they read) reloads when work_calendar_state's version moved — another copy's change is seen
 * within refreshMs. Reads (day, isWorkingDay, addWorkingDays) are synchronous over the snapshot.
 */
export class WorkCalendar implements WorkingDays {
  private entries = new Map<string, WorkCalendarEntry>();
  private provisional = new Set<number>();
  private version = -1;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly d: WorkCalendarDeps) {}

  private now() {
    return (this.d.clock ?? Date.now)();
  }

  /** Seed the notices' years not seeded yet (each year once), then load. */
  async start(): Promise<this> {
    await seedWorkCalendar(this.d.db);
    await this.load();
    return this;
  }

  /** Reload the snapshot from the table. */
  async load(): Promise<void> {
    const [state, rows, provisional] = await Promise.all([
      this.d.db.selectFrom('work_calendar_state').select('version').where('id', '=', 1).executeTakeFirst(),
      this.d.db
        .selectFrom('work_calendar_days')
        .select([
          sql<string>`to_char(local_date, 'YYYY-MM-DD')`.as('date'),
          'kind',
          'holiday_name',
          'statutory',
          'note',
          'source',
          'updated_by',
          'updated_at',
        ])
        .execute(),
      provisionalYears(this.d.db),
    ]);
    this.provisional = new Set(provisional);
    this.entries = new Map(
      rows.map((r) => [
        r.date,
        {
          date: r.date,
          kind: r.kind,
          holidayName: r.holiday_name,
          statutory: r.statutory,
          note: r.note,
          source: r.source,
          updatedBy: r.updated_by,
          updatedAt: r.updated_at,
        },
      ]),
    );
    this.version = Number(state?.version ?? 0);
    this.checkedAt = this.now();
  }

  /** The snapshot, reloaded first if another copy changed the calendar (checked at most every refreshMs). */
  async fresh(): Promise<this> {
    if (this.now() - this.checkedAt < (this.d.refreshMs ?? 30_000)) return this;
    const state = await this.d.db
      .selectFrom('work_calendar_state')
      .select('version')
      .where('id', '=', 1)
      .executeTakeFirst();
    if (Number(state?.version ?? 0) !== this.version) await this.load();
    else this.checkedAt = this.now();
    return this;
  }

  day(date: string): WorkCalendarDay {
    return workCalendarDay(date, this.entries.get(date));
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  /**
   * The date n working days after `date` (n ≥ 0; 0 is the date itself): holidays skipped, 调休上班 weekend days
   * counted. Beyond the known years only the weekday rule applies.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0 (${n})`);
    let d = date;
    for (let left = n; left > 0; ) {
      d = nextDate(d);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** The years with at least one stored exception (a year's notice seeded or entered). */
  knownYears(): number[] {
    return [...new Set([...this.entries.keys()].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  }

  /** Every date of a range (the public read): WORK_CALENDAR_INVALID when reversed, longer than a year or unreal. */
  range(from: string, to: string): WorkCalendarRange {
    for (const d of [from, to]) {
      if (!isRealDate(d)) throw new AppError('WORK_CALENDAR_INVALID', `${d}不是有效的日期。`);
    }
    if (to < from) throw new AppError('WORK_CALENDAR_INVALID', `结束日期${to}早于开始日期${from}，请重新选择。`);
    if (daysBetween(from, to) + 1 > WORK_CALENDAR_MAX_DAYS) {
      throw new AppError('WORK_CALENDAR_INVALID', `一次最多查询${WORK_CALENDAR_MAX_DAYS}天，请缩小日期范围。`);
    }
    const days: WorkCalendarDay[] = [];
    for (let d = from; d <= to; d = nextDate(d)) days.push(this.day(d));
    return { from, to, days, knownYears: this.knownYears() };
  }

  /** Whether the year was seeded from the law alone, its notice awaited. */
  isProvisional(year: number): boolean {
    return this.provisional.has(year);
  }

  /** The stored exceptions of a year, by date (the console). */
  entriesOf(year: number): WorkCalendarEntry[] {
    return [...this.entries.values()]
      .filter((e) => e.date.startsWith(`${year}-`))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  entry(date: string): WorkCalendarEntry | undefined {
    return this.entries.get(date);
  }

  /**
   * Add or change a date's exception (the console). A 调休上班 day must be a Saturday or Sunday (a weekday is a
   * working day already); only a holiday may be statutory. Returns the entry before and after.
   */
  async put(
    date: string,
    input: PutWorkCalendarDayInput,
    staffId: string,
  ): Promise<{ before: WorkCalendarEntry | undefined; after: WorkCalendarEntry }> {
    if (!isRealDate(date)) throw new AppError('WORK_CALENDAR_INVALID', `${date}不是有效的日期。`);
    const statutory = input.statutory ?? false;
    if (input.kind === 'makeup-workday' && !isWeekend(date)) {
      throw new AppError(
        'WORK_CALENDAR_INVALID',
        `${date}是${weekdayName(date)}，本来就是工作日，不能设为调休上班（调休上班只能是周六或周日）。`,
      );
    }
    if (input.kind === 'makeup-workday' && statutory) {
      throw new AppError('WORK_CALENDAR_INVALID', '调休上班日不能是法定节假日。');
    }
    const before = this.entries.get(date);
    const row = {
      kind: input.kind,
      holiday_name: input.holidayName,
      statutory,
      note: input.note?.trim() || null,
      source: 'operator' as const,
      updated_by: staffId,
      updated_at: new Date(),
    };
    await this.d.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('work_calendar_days')
        .values({ local_date: date, ...row })
        .onConflict((oc) => oc.column('local_date').doUpdateSet(row))
        .execute();
      await bumpVersion(tx);
    });
    await this.load();
    return { before, after: this.entries.get(date) as WorkCalendarEntry };
  }

  /** Remove a date's exception: it follows the weekday rule again. WORK_CALENDAR_DAY_NOT_FOUND without one. */
  async remove(date: string): Promise<WorkCalendarEntry> {
    if (!isRealDate(date)) throw new AppError('WORK_CALENDAR_INVALID', `${date}不是有效的日期。`);
    const removed = await this.d.db.transaction().execute(async (tx) => {
      const row = await tx
        .deleteFrom('work_calendar_days')
        .where('local_date', '=', date)
        .returning('local_date')
        .executeTakeFirst();
      if (row) await bumpVersion(tx);
      return row !== undefined;
    });
    const before = this.entries.get(date);
    await this.load();
    if (!removed || !before) {
      throw new AppError(
        'WORK_CALENDAR_DAY_NOT_FOUND',
        `工作日历中没有${date}的安排，该日按周一至周五上班的规则计算。`,
      );
    }
    return before;
  }
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
export const weekdayName = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] as string;

async function bumpVersion(db: Db) {
  await db
    .updateTable('work_calendar_state')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

/** The rows of a year's seed: a notice's days, or the law's provisional ones with their notes. */
function seedRows(year: number, notice: HolidayNotice | undefined) {
  const arrangements = notice?.arrangements ?? provisionalArrangements(year) ?? [];
  return noticeEntries({ arrangements }).map((e) => ({
    local_date: e.date,
    kind: e.kind,
    holiday_name: e.holidayName,
    statutory: e.statutory,
    note: notice ? null : e.statutory ? PROVISIONAL_NOTES.statutory : PROVISIONAL_NOTES.compensatory,
    source: 'notice' as const,
    updated_by: null,
  }));
}

/**
 * Seed each year of the contract never seeded: from its notice (HOLIDAY_NOTICES), or — a year the contract knows
 * only the law's statutory days of (STATUTORY_DAYS_BY_LAW), and only while no day of it is stored — provisionally
 * from the law, marked so. Each year's days are inserted (a date an operator entered first is kept) and the year
 * recorded, in one transaction. A year
 * is seeded once, so an operator's deletion or change of a seeded day survives restarts — except that a
 * provisional year is seeded again once its notice is in the contract: the provisional days (source 'notice')
 * give way to the notice's, the operator's own stay. Returns the years seeded now.
 */
export async function seedWorkCalendar(
  db: Db,
  notices: readonly HolidayNotice[] = HOLIDAY_NOTICES,
  lawYears: readonly number[] = STATUTORY_DAYS_BY_LAW.map((l) => l.year),
): Promise<number[]> {
  const seeded = new Map(
    (await db.selectFrom('work_calendar_seeded_years').select(['year', 'provisional']).execute()).map((r) => [
      r.year,
      r.provisional,
    ]),
  );
  const todo = [
    ...notices.filter((n) => seeded.get(n.year) !== false).map((n) => ({ year: n.year, notice: n })),
    ...lawYears
      .filter((y) => !seeded.has(y) && !notices.some((n) => n.year === y))
      .map((year) => ({ year, notice: undefined })),
  ];
  const done: number[] = [];
  for (const { year, notice } of todo) {
    const added = await db.transaction().execute(async (tx) => {
      const provisional = notice === undefined;
      // The law's days only fill an empty year: where operators have entered days of it already (the notice came
      // out and was typed in), the provisional ones could contradict them.
      if (provisional && (await hasDaysIn(tx, year))) return false;
      // Claim the year (another server copy may be seeding it meanwhile): a new row, or the provisional mark cleared.
      const claimed = seeded.get(year)
        ? await tx
            .updateTable('work_calendar_seeded_years')
            .set({ provisional: false, seeded_at: new Date() })
            .where('year', '=', year)
            .where('provisional', '=', true)
            .returning('year')
            .executeTakeFirst()
        : await tx
            .insertInto('work_calendar_seeded_years')
            .values({ year, provisional })
            .onConflict((oc) => oc.column('year').doNothing())
            .returning('year')
            .executeTakeFirst();
      if (!claimed) return false;
      if (seeded.get(year)) {
        await tx
          .deleteFrom('work_calendar_days')
          .where('source', '=', 'notice')
          .where('local_date', '>=', `${year}-01-01`)
          .where('local_date', '<=', `${year}-12-31`)
          .execute();
      }
      const rows = seedRows(year, notice);
      if (rows.length > 0) {
        await tx
          .insertInto('work_calendar_days')
          .values(rows)
          .onConflict((oc) => oc.column('local_date').doNothing())
          .execute();
      }
      await bumpVersion(tx);
      return true;
    });
    if (added) done.push(year);
  }
  return done;
}

async function hasDaysIn(db: Db, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('work_calendar_days')
    .select('local_date')
    .where('local_date', '>=', `${year}-01-01`)
    .where('local_date', '<=', `${year}-12-31`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The years seeded from the law alone, their notice awaited. */
export async function provisionalYears(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('work_calendar_seeded_years')
    .select('year')
    .where('provisional', '=', true)
    .orderBy('year')
    .execute();
  return rows.map((r) => r.year);
}

/** The console's view of an entry, with the name of the staff member who last changed it. */
export function presentEntry(e: WorkCalendarEntry, names: Map<string, string>): ConsoleWorkCalendarEntry {
  return {
    date: e.date,
    kind: e.kind,
    holidayName: e.holidayName,
    statutory: e.statutory,
    note: e.note,
    source: e.source,
    updatedBy: e.updatedBy ? (names.get(e.updatedBy) ?? null) : null,
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** The weekday rule alone (Monday–Friday), for code that has no calendar (tests, department-side generators). */
export const WEEKDAYS_ONLY: WorkingDays = {
  day: (date) => workCalendarDay(date),
  isWorkingDay: (date) => !isWeekend(date),
  addWorkingDays(date, n) {
    let d = date;
    for (let left = n; left > 0; ) {
      d = nextDate(d);
      if (!isWeekend(d)) left -= 1;
    }
    return d;
  },
};
