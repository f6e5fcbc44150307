/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015:
 *
 *   A  K  RRRRRR  OOOOOOOOC  X
 *   |  |  region  org code   check character
 *   |  机构类别代码 (kind of organisation, valid per authority)
 *   登记管理部门代码 (registration authority)
 *
 * - Alphabet: the 31 characters 0-9 A-H J-N P-R T-U W-Y (no I, O, Z, S, V), valued 0–30 in that order.
 * - Region (3rd–8th): the GB/T 2260 code of the registering authority; 100000 for national-level registrations.
 *   Only the province prefix is checked (counties are renamed and re-coded over time; codes stay).
 * - Organisation code (9th–17th): the GB 11714-1997 organisation code (8 body characters + its own check
 *   character, MOD 11 with weights 3 7 9 10 5 8 4 2; 10 → X, 11 → 0). Validated too.
 * - Check character (18th): weights 3^(i-1) mod 31 for positions 1–17; C18 = 31 − (Σ mod 31), 31 → 0.
 *
 * The authority/kind table is the one of GB 32100-2015 (Appendix A) with the later additions for the Central
 * Military Commission's organisation office (A) and agriculture (N, rural collective economic organisations), as
 * they are commonly reproduced; a pair not in the table is refused (`category`).
 */
import { RESIDENT_ID_PROVINCE_PREFIXES } from './resident-id.js';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** 登记管理部门 → its name and the 机构类别 it may assign. */
export const USCC_AUTHORITIES: Readonly<Record<string, { name: string; kinds: Readonly<Record<string, string>> }>> = {
  '1': {
    name: '机构编制',
    kinds: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', kinds: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    kinds: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', kinds: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', kinds: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    kinds: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', kinds: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', kinds: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', kinds: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', kinds: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    kinds: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', kinds: { '1': '其他' } },
};

export type UsccFailure = 'format' | 'category' | 'region' | 'org-code' | 'check-digit';

export type ParsedUscc =
  | {
      ok: true;
      /** Trimmed, upper-case. */
      code: string;
      /** 登记管理部门代码 and its name, e.g. '9', '工商'. */
      authority: string;
      authorityName: string;
      /** 机构类别代码 and its name, e.g. '1', '企业'. */
      kind: string;
      kindName: string;
      /** Six-digit region code of the registering authority, e.g. 440300. */
      regionCode: string;
      /** The GB 11714 organisation code (9 characters, its check character last), e.g. 19220382-1 as 192203821. */
      orgCode: string;
    }
  | { ok: false; reason: UsccFailure; message: string };

export const USCC_MESSAGES = {
  format: '请输入18位统一社会信用代码（数字或大写字母，不含I、O、Z、S、V）',
  category: '统一社会信用代码的登记管理部门或机构类别代码不正确',
  region: '统一社会信用代码的行政区划码不正确',
  'org-code': '统一社会信用代码中的组织机构代码校验位不正确',
  'check-digit': '统一社会信用代码校验位不正确，请核对后重新输入',
} as const satisfies Record<UsccFailure, string>;

const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The GB 32100 check character (18th) for the first 17 characters. Throws on characters outside the alphabet. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('usccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i] as string);
    if (value < 0) throw new Error(`usccCheckChar: '${first17[i]}' is not in the USCC alphabet`);
    sum += value * (WEIGHTS[i] as number);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** Value of an organisation-code character: 0–9, A=10 … Z=35. */
function orgValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

/** The GB 11714 check character (0–9 or X) for an organisation code's 8 body characters (digits, A–Z). */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error('orgCodeCheckChar needs 8 digits or capital letters');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8[i] as string) * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Validate and decode a unified social credit code. Checks run format → authority/kind → region →
 * organisation-code check character → check character. Surrounding spaces and lower case are accepted.
 */
export function parseUscc(input: string): ParsedUscc {
  const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (!FORMAT.test(code)) return fail('format');
  const authority = code[0] as string;
  const kind = code[1] as string;
  const entry = USCC_AUTHORITIES[authority];
  const kindName = entry?.kinds[kind];
  if (!entry || !kindName) return fail('category');
  const regionCode = code.slice(2, 8);
  if (regionCode !== '100000' && !MAINLAND_PREFIXES.has(regionCode.slice(0, 2))) return fail('region');
  const orgCode = code.slice(8, 17);
  if (orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode[8]) return fail('org-code');
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return fail('check-digit');
  return { ok: true, code, authority, authorityName: entry.name, kind, kindName, regionCode, orgCode };
}

/** Whether the code is a valid unified social credit code (see parseUscc). */
export function isValidUscc(code: string): boolean {
  return parseUscc(code).ok;
}

/** Province prefixes of the mainland (Taiwan, Hong Kong and Macao have no GB 32100 registrations). */
const MAINLAND_PREFIXES: ReadonlySet<string> = new Set(
  [...RESIDENT_ID_PROVINCE_PREFIXES].filter((p) => !['71', '81', '82', '83'].includes(p)),
);

/**
 * Build a valid code (generators, tests), either from its first 17 characters (the check character is appended)
 * or from its parts: `orgCode` is then the organisation code's 8 body characters (its check character is
 * computed) or all 9 (the check character is verified). Body characters must be in the USCC alphabet. Throws on
 * input that cannot make a valid code.
 */
export function makeUscc(
  first17OrParts: string | { authority: string; kind: string; regionCode: string; orgCode: string },
): string {
  let first17: string;
  if (typeof first17OrParts === 'string') {
    first17 = first17OrParts;
  } else {
    const { authority, kind, regionCode, orgCode } = first17OrParts;
    if (!USCC_AUTHORITIES[authority]?.kinds[kind])
      throw new Error(`makeUscc: unknown authority/kind ${authority}${kind}`);
    if (!/^\d{6}$/.test(regionCode)) throw new Error(`makeUscc: region must be 6 digits, got ${regionCode}`);
    if (!/^[0-9A-HJ-NPQRTUWXY]{8,9}$/.test(orgCode)) {
      throw new Error(`makeUscc: organisation code must be 8 or 9 USCC-alphabet characters, got ${orgCode}`);
    }
    const org9 = makeOrgCode(orgCode.slice(0, 8));
    if (orgCode.length === 9 && org9 !== orgCode)
      throw new Error(`makeUscc: wrong organisation-code check in ${orgCode}`);
    first17 = `${authority}${kind}${regionCode}${org9}`;
  }
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) throw new Error(`makeUscc: need 17 USCC-alphabet characters`);
  const code = first17 + usccCheckChar(first17);
  const parsed = parseUscc(code);
  if (!parsed.ok) throw new Error(`makeUscc: ${code} is not valid (${parsed.reason})`);
  return code;
}

/** Append the GB 11714 check character to 8 body characters: '19220382' → '192203821'. */
export function makeOrgCode(body8: string): string {
  return body8 + orgCodeCheckChar(body8);
}

function fail(reason: UsccFailure): ParsedUscc {
  return { ok: false, reason, message: USCC_MESSAGES[reason] };
}
