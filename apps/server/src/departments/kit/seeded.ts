import { createHash } from 'node:crypto';

/**
 * Deterministic "random" numbers for the computed sandboxes (weather, road network, railway): the same parts give
 * the same number on every machine and every run, so a test can assert what a page will show.
 */
export function unit(...parts: (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('|')).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/** An integer in [min, max] drawn from `parts`. */
export function intBetween(min: number, max: number, ...parts: (string | number)[]): number {
  return min + Math.floor(unit(...parts) * (max - min + 1));
}

/** One of `items` drawn from `parts`. */
export function pickOf<T>(items: readonly T[], ...parts: (string | number)[]): T {
  return items[Math.floor(unit(...parts) * items.length)] as T;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China date (UTC+8) of an instant: 2026-03-02. */
export function chinaDateOf(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since China midnight of an instant. */
export function chinaMinuteOf(at: Date): number {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

/** The instant of a China date and a minute of that day (may run past midnight). */
export function chinaInstant(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + minute * 60_000);
}

/** HH:MM of a minute of the day (wrapping past midnight). */
export function clock(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function addChinaDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function chinaDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
