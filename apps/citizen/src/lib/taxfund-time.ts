/** 2026-01-15 12:00: an instant as Beijing time, whatever the phone's zone. */
export function formatBeijing(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
}
