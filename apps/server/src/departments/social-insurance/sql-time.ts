import { type RawBuilder, sql } from 'kysely';

/**
 * How the three sandboxes print times and dates from SQL: China time with its offset, computed without the
 * database's time-zone files (PGlite and PostgreSQL agree on plain interval arithmetic).
 */
export function chinaTimestampSql(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC' + interval '8 hours', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`;
}

export function daySql(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
}

/** A JS time as the sandboxes print it: 2025-12-31T02:00:00+08:00. */
export function chinaTimestamp(time: Date): string {
  return `${new Date(time.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** YYYY-MM-DD plus n months (day kept, clamped to the month's end) minus `minusDays` days. */
export function addMonthsToDay(day: string, n: number, minusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const t = Date.UTC(year, month, Math.min(d, lastDay)) - minusDays * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
