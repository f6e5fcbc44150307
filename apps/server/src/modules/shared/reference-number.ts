import { randomInt } from 'node:crypto';

/** China time is UTC+8 all year (no daylight saving): the day a number carries is the day the citizen reads. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * A reference number read out at a counter (办件编号, 预约号): the day in China time (yyyymmdd), then `prefix`
 * (the city code), then 6 random digits — 20 digits for a 6-digit city code.
 */
export function referenceNumber(prefix: string, now: Date, random: () => number = () => randomInt(0, 1_000_000)) {
  const day = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
  return `${day}${prefix}${String(random()).padStart(6, '0')}`;
}

/**
 * Draw reference numbers until one is free: `claim` tries to store a record under the number and answers
 * undefined when the number is taken already (a unique key refused it); another number is then drawn, at most
 * `attempts` in all. Two records drawing the same number the same day in the same city is rare (10⁻⁶ a pair).
 */
export async function withReferenceNumber<T>(
  o: { prefix: string; now: Date; attempts: number; random?: () => number },
  claim: (number: string) => Promise<T | undefined>,
): Promise<T> {
  for (let attempt = 0; attempt < o.attempts; attempt++) {
    const claimed = await claim(referenceNumber(o.prefix, o.now, o.random));
    if (claimed !== undefined) return claimed;
  }
  throw new Error(`could not draw a free reference number in ${o.attempts} attempts`);
}
