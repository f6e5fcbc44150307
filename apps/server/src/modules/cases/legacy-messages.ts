import type { Db } from '../../db/database.js';
import { clearQuoteUnchecked, listQuoteUnchecked, settleQuoteUnchecked } from '../notifications/repository.js';
import { maskNumbersInText } from '../privacy/index.js';

/**
 * 消息 written before migrations/0075 quote a step's note as it was typed, so a phone or ID number in a 补正原因 or
 * 不予办理原因 is still in clear in the applicant's inbox (and in the notifications table). Migration 0077 marked
 * every case 消息 written before it; this masks them the way messages.ts masks a quote today.
 *
 * The whole body is masked, not just the quote: the note as stored may not be found verbatim in an old message
 * (messages.ts trims a final 。 and its wording changed over time), and what else a case 消息 says — the service,
 * the department, a collection point — holds no phone or ID pattern. The one thing that does is the 办件编号 itself
 * (20 digits: the day, the city code and 6 more, which reads as an ID number), so it is kept as it is.
 */
const CASE_NUMBER = /(办件编号：[0-9A-Za-z-]+)/u;

export function maskLegacyCaseMessage(body: string): string {
  return body
    .split(CASE_NUMBER)
    .map((part, i) => (i % 2 === 1 ? part : maskNumbersInText(part)))
    .join('');
}

/**
 * Run at every start before the platform serves (prepareDatabase), after the notes themselves are sealed: a no-op
 * once every marked message is done (an empty partial index). Returns how many bodies changed.
 */
export async function maskLegacyCaseMessages(db: Db, batch = 500): Promise<number> {
  let changed = 0;
  let afterId: string | undefined;
  for (;;) {
    const rows = await listQuoteUnchecked(db, afterId, batch);
    // Most old messages quote no number: their marks go in one statement, only the rewritten bodies one by one.
    const unchanged: string[] = [];
    for (const row of rows) {
      const masked = maskLegacyCaseMessage(row.body);
      if (masked === row.body) {
        unchanged.push(row.id);
        continue;
      }
      changed++;
      await settleQuoteUnchecked(db, row.id, row.body, masked);
    }
    await clearQuoteUnchecked(db, unchanged);
    afterId = rows.at(-1)?.id;
    if (rows.length < batch) return changed;
  }
}
