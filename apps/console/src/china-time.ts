/**
 * Times in the console are China time (UTC+8, no daylight saving), whatever the time zone of the staff member's
 * computer: the citizen app, the 消息, the 办结时限 and the 工作日历 all count in China time, and a reviewer comparing
 * "提交时间" with what the applicant says on the phone must see the same clock.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** An instant (ISO timestamp) as China time: 2025-03-03 09:05, or with seconds 2025-03-03 09:05:07; '—' if none. */
export function chinaDateTime(iso: string | null | undefined, o: { seconds?: boolean } = {}): string {
  const t = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(t)) return '—';
  return new Date(t + CHINA_OFFSET_MS)
    .toISOString()
    .slice(0, o.seconds ? 19 : 16)
    .replace('T', ' ');
}
