import { addDays, addYears } from '../kit/dates.js';

/**
 * The scoring cycle (记分周期) of a licence: twelve months from the anniversary of the first issue date
 * (初次领证日期), the one containing `today`. Both the sandbox (points shown) and the generator (points
 * kept under the limit) use it.
 */
export function scoringCycle(firstIssuedOn: string, today: string): { start: string; end: string } {
  let years = Number(today.slice(0, 4)) - Number(firstIssuedOn.slice(0, 4));
  let start = addYears(firstIssuedOn, years);
  while (start > today) {
    years -= 1;
    start = addYears(firstIssuedOn, years);
  }
  return { start, end: addDays(addYears(firstIssuedOn, years + 1), -1) };
}
