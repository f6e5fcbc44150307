import { CREDENTIAL_TYPES, type CredentialType } from '@yss/contracts';
import { DEPARTMENTS } from '../../services/departments.js';

/**
 * The issuers: each department system that issues certificates signs them with its own keys. An issuer's id
 * is its catalog department id (the department of the type's 我的证照 service); its code is the small integer
 * carried in the QR credential (never reused, never renumbered).
 */
export const ISSUER_CODES = {
  'gd-public-security': 1, // 居民身份电子凭证, 居住证
  'gd-traffic-police': 2, // 驾驶证, 行驶证
  'gd-exit-entry': 3, // 护照, 港澳通行证, 台湾通行证
  'housing-fund-centres': 4, // 公积金
  'gd-hrss': 5, // 社保卡
  'gd-disabled-persons-federation': 6, // 残疾人证
  'gd-health': 7, // 出生医学证明
  'gd-civil-affairs': 8, // 结婚证, 离婚证
  'gd-education': 9, // 高校毕业生就业报到证
  'gd-natural-resources': 10, // 不动产登记证明, 不动产权证书
  'gd-volunteers': 11, // 注册志愿者证
} as const;
export type IssuerId = keyof typeof ISSUER_CODES;

export interface Issuer {
  id: IssuerId;
  code: number;
  name: string;
  /** The catalog department's English name. */
  nameEn: string;
  types: CredentialType[];
}

const departmentOf = (id: string) => DEPARTMENTS.find((d) => d.id === id);

export const ISSUERS: readonly Issuer[] = (Object.keys(ISSUER_CODES) as IssuerId[]).map((id) => ({
  id,
  code: ISSUER_CODES[id],
  name: departmentOf(id)?.name ?? id,
  nameEn: departmentOf(id)?.nameEn ?? id,
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
