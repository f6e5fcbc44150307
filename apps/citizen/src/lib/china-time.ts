/**
 * An instant as the platform's clock shows it — China time (UTC+8), whatever the phone's own time zone — in the
 * reader's language (2026/11/28 21:47 in Chinese); null for an invalid date.
 */
export function chinaDateTime(at: string | Date, lang: string): string | null {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return null;
  return d.toLocaleString(lang, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
