import type { Delegation } from '@yss/contracts';

/** antd-mobile Tag colours for a delegation's status. */
export const STATUS_COLOR: Record<Delegation['status'], 'success' | 'warning' | 'default' | 'danger'> = {
  active: 'success',
  pending: 'warning',
  declined: 'default',
  revoked: 'default',
  expired: 'danger',
};

/** A date for people (2026年11月26日 / 26 Nov 2026). */
export function formatDate(iso: string | null, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(lang, { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
}
