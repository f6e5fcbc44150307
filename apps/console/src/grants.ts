import { CITIES, type StaffGrant, type StaffProfile } from '@yss/contracts';

/** The permission ids the console asks for (apps/server/src/modules/staff/roles.ts). */
export type ConsolePermission =
  | 'application.review'
  | 'slot.manage'
  | 'feedback.read'
  | 'wallet.status'
  | 'catalog.edit'
  | 'faq.edit'
  | 'audit.read'
  | 'platform.backup'
  | 'verifier.manage';

/** The staff member's grants that give `permission` (a grant is one role in one department and city). */
export function grantsWith(profile: StaffProfile, permission: ConsolePermission): StaffGrant[] {
  return profile.grants.filter((g) => g.permissions.some((p) => p.id === permission));
}

export function hasPermission(profile: StaffProfile, permission: ConsolePermission): boolean {
  return grantsWith(profile, permission).length > 0;
}

/** The cities these grants cover, in the official order: all 21 when one of them is province-wide (全省). */
export function citiesOf(grants: readonly StaffGrant[]): { value: string; label: string }[] {
  const all = grants.some((g) => g.cityCode === null);
  const codes = new Set(grants.map((g) => g.cityCode));
  return CITIES.filter((c) => all || codes.has(c.code)).map((c) => ({ value: c.code, label: c.name }));
}
