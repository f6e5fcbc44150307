/**
 * Identifiers of the education systems (中考 准考证号, 高考 考生号 and 准考证号, 就业报到证编号), built from the
 * candidate's resident ID number so that they are unique without a global counter (the generator works
 * batch by batch, 1,000,000 people): within one region code and one cohort, (day of birth in the cohort,
 * ID sequence) is unique, because the ID number is. The unique key then goes through a bijection of the
 * digit space (x·A + B mod 10^n, A coprime to 10) so that the number does not show the birth date.
 */

const DAY_MS = 86_400_000;

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** x·a + b mod 10^digits: a bijection of [0, 10^digits) when a is odd and not a multiple of 5. */
export function scramble(x: number, digits: number, a: bigint, b: bigint): string {
  const space = 10n ** BigInt(digits);
  if (x < 0 || BigInt(x) >= space) throw new Error(`scramble: ${x} does not fit ${digits} digits`);
  return ((BigInt(x) * a + b) % space).toString().padStart(digits, '0');
}

/**
 * The unique key of an ID number among those with the same region code and a birth date at most
 * `maxDays` days after `from`: days since `from` × 1000 + the three-digit sequence. Undefined when the
 * birth date is outside the window.
 */
export function cohortKey(idNumber: string, birthDate: string, from: string, maxDays: number): number | undefined {
  const days = dayNumber(birthDate) - dayNumber(from);
  if (days < 0 || days >= maxDays) return undefined;
  return days * 1000 + Number(idNumber.slice(14, 17));
}

/** 440106198805120311 → 440106********0311 (the form an exam slip prints). */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
}

/** 张伟 → *伟, 欧阳娜娜 → ***娜: what a stranger may see of a name. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return '*'.repeat(Math.max(0, chars.length - 1)) + (chars.at(-1) ?? '');
}
