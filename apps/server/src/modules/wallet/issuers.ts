import { CREDENTIAL_TYPES, type CredentialType } from '@yss/contracts';
import { DEPARTMENTS } from '../../services/departments.js';

/**
 * The issuers: each department system that issues certificates signs them with its own keys. An issuer's id
 * is its catalog department id; its code is the small integer carried in the QR credential (never reused).
 * The certificates of issue 6 still to come map to: gd-exit-entry (护照, 港澳/台湾通行证), gd-hrss (社保卡),
 * housing-fund-centres (公积金), gd-disabled-persons-federation (残疾人证), gd-health (出生医学证明),
 * gd-civil-affairs (结婚证/离婚证), gd-education (报到证), gd-natural-resources (不动产): add them here
 * with the next free code when their first credential type lands.
 */
export const ISSUER_CODES = {
  'gd-public-security': 1,
  'gd-traffic-police': 2,
  'gd-exit-entry': 3,
} as const;
export type IssuerId = keyof typeof ISSUER_CODES;

export interface Issuer {
  id: IssuerId;
  code: number;
  name: string;
  types: CredentialType[];
}

const nameOf = (id: string) => DEPARTMENTS.find((d) => d.id === id)?.name ?? id;

export const ISSUERS: readonly Issuer[] = (Object.keys(ISSUER_CODES) as IssuerId[]).map((id) => ({
  id,
  code: ISSUER_CODES[id],
  name: nameOf(id),
  types: (Object.keys(CREDENTIAL_TYPES) as CredentialType[]).filter((t) => CREDENTIAL_TYPES[t].issuerDepartment === id),
}));

export function issuerById(id: string): Issuer | undefined {
  return ISSUERS.find((i) => i.id === id);
}

export function issuerByCode(code: unknown): Issuer | undefined {
  return ISSUERS.find((i) => i.code === code);
}

export function issuerOfType(type: CredentialType): Issuer {
  const issuer = ISSUERS.find((i) => i.types.includes(type));
  if (!issuer) throw new Error(`no issuer for credential type ${type}`);
  return issuer;
}
