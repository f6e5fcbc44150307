import type { ConsoleCatalogItem } from '@yss/contracts';

/** Solid tags with white text, dark enough for WCAG AA (as on 号源管理). */
export const STANDING_COLORS = { open: '#007a4d', paused: '#a35200', absent: '#5f6b7a' } as const;

/** How citizens of the city see a service: 可办理, 暂停办理 (and why, by whom), or 本市不提供 (the guide's words). */
export function standingOf(item: ConsoleCatalogItem): {
  kind: keyof typeof STANDING_COLORS;
  label: string;
  detail: string | null;
} {
  if (!item.offeredByDefinition) return { kind: 'absent', label: '本市不提供', detail: item.unavailableReason };
  if (item.paused) {
    return {
      kind: 'paused',
      label: item.pausedScope === 'province' ? '全省暂停办理' : '暂停办理',
      detail: item.pauseReason,
    };
  }
  return { kind: 'open', label: '可办理', detail: null };
}
