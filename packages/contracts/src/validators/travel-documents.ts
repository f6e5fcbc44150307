/**
 * Numbers of exit-entry documents (出入境证件). Sources: the formats as publicly described by the National
 * Immigration Administration's service pages and in wide public use (forms, airline and hotel systems); none
 * of these numbers is published with a check-digit algorithm, so none is checked — only the shape is.
 * Where a format is an assumption rather than documented, it says so.
 *
 * | kind                          | document                         | number                                     |
 * | ----------------------------- | -------------------------------- | ------------------------------------------ |
 * | passport                      | 普通护照 (electronic, 2012–)     | E + 8 digits; E + letter (not I/O) + 7 digits once E-numbers ran out |
 * | passport (legacy)             | 普通护照 (before the e-passport) | G + 8 digits (all expired by now; kept for records)              |
 * | passport-diplomatic           | 外交护照                         | DE + 7 digits (assumption: as commonly reported)                 |
 * | passport-service              | 公务护照                         | SE + 7 digits (assumption: as commonly reported)                 |
 * | passport-public-affairs       | 公务普通护照                     | PE + 7 digits (assumption: as commonly reported)                 |
 * | hk-macao-permit               | 往来港澳通行证 (card, 2014–)     | C + 8 digits; legacy booklet: W + 8 digits                       |
 * | taiwan-permit                 | 往来台湾通行证 (card, 2016–)     | L + 8 digits; legacy booklet: T + 8 digits                       |
 * | hk-macao-resident-permit      | 港澳居民来往内地通行证 (回乡证)  | H (Hong Kong) / M (Macao) + 8 digits; legacy: + 10 digits (the last two count the renewals) |
 * | taiwan-resident-permit        | 台湾居民来往大陆通行证 (台胞证)  | 8 digits (card, 2015–)                                           |
 *
 * Input is trimmed, upper-cased and stripped of spaces. Callers that know which document they expect pass it
 * (`parseTravelDocument(number, 'passport')`); otherwise the number's shape decides — an 8-digit number can
 * only be a 台胞证, a leading H/M only a 回乡证, and so on: the shapes do not overlap.
 */

export type TravelDocumentKind =
  | 'passport'
  | 'passport-diplomatic'
  | 'passport-service'
  | 'passport-public-affairs'
  | 'hk-macao-permit'
  | 'taiwan-permit'
  | 'hk-macao-resident-permit'
  | 'taiwan-resident-permit';

export const TRAVEL_DOCUMENT_NAMES: Readonly<Record<TravelDocumentKind, string>> = {
  passport: '普通护照',
  'passport-diplomatic': '外交护照',
  'passport-service': '公务护照',
  'passport-public-affairs': '公务普通护照',
  'hk-macao-permit': '往来港澳通行证',
  'taiwan-permit': '往来台湾通行证',
  'hk-macao-resident-permit': '港澳居民来往内地通行证',
  'taiwan-resident-permit': '台湾居民来往大陆通行证',
};

interface Shape {
  kind: TravelDocumentKind;
  pattern: RegExp;
  legacy: boolean;
  /** For 回乡证: which region issued it. */
  region?: 'hong-kong' | 'macao';
}

const SHAPES: readonly Shape[] = [
  { kind: 'passport', pattern: /^E\d{8}$/, legacy: false },
  { kind: 'passport', pattern: /^E[A-HJ-NP-Z]\d{7}$/, legacy: false },
  { kind: 'passport', pattern: /^G\d{8}$/, legacy: true },
  { kind: 'passport-diplomatic', pattern: /^DE\d{7}$/, legacy: false },
  { kind: 'passport-service', pattern: /^SE\d{7}$/, legacy: false },
  { kind: 'passport-public-affairs', pattern: /^PE\d{7}$/, legacy: false },
  { kind: 'hk-macao-permit', pattern: /^C\d{8}$/, legacy: false },
  { kind: 'hk-macao-permit', pattern: /^W\d{8}$/, legacy: true },
  { kind: 'taiwan-permit', pattern: /^L\d{8}$/, legacy: false },
  { kind: 'taiwan-permit', pattern: /^T\d{8}$/, legacy: true },
  { kind: 'hk-macao-resident-permit', pattern: /^H\d{8}$/, legacy: false, region: 'hong-kong' },
  { kind: 'hk-macao-resident-permit', pattern: /^M\d{8}$/, legacy: false, region: 'macao' },
  { kind: 'hk-macao-resident-permit', pattern: /^H\d{10}$/, legacy: true, region: 'hong-kong' },
  { kind: 'hk-macao-resident-permit', pattern: /^M\d{10}$/, legacy: true, region: 'macao' },
  { kind: 'taiwan-resident-permit', pattern: /^\d{8}$/, legacy: false },
];

/** The kinds that are passports of one sort or another (for "any passport" checks). */
export const PASSPORT_KINDS: readonly TravelDocumentKind[] = [
  'passport',
  'passport-diplomatic',
  'passport-service',
  'passport-public-affairs',
];

export type TravelDocumentFailure = 'format' | 'kind';

export type ParsedTravelDocument =
  | {
      ok: true;
      /** Normalised number. */
      number: string;
      kind: TravelDocumentKind;
      /** Chinese name of the document, e.g. 往来港澳通行证. */
      name: string;
      /** An older format, no longer issued (the document may still be valid, or only on record). */
      legacy: boolean;
      /** For 港澳居民来往内地通行证: issued to a Hong Kong or a Macao resident. */
      region?: 'hong-kong' | 'macao';
    }
  | { ok: false; reason: TravelDocumentFailure; message: string };

const FORMAT_MESSAGES: Readonly<Record<TravelDocumentKind, string>> = {
  passport: '护照号码格式不正确（如 E12345678）',
  'passport-diplomatic': '外交护照号码格式不正确',
  'passport-service': '公务护照号码格式不正确',
  'passport-public-affairs': '公务普通护照号码格式不正确',
  'hk-macao-permit': '往来港澳通行证号码格式不正确（如 C12345678）',
  'taiwan-permit': '往来台湾通行证号码格式不正确（如 L12345678）',
  'hk-macao-resident-permit': '港澳居民来往内地通行证号码格式不正确（如 H12345678）',
  'taiwan-resident-permit': '台湾居民来往大陆通行证号码应为8位数字',
};

export const TRAVEL_DOCUMENT_MESSAGES = {
  format: '证件号码格式不正确，请核对后重新输入',
  kind: '证件号码与所选证件类型不符',
} as const satisfies Record<TravelDocumentFailure, string>;

export function normalizeTravelDocumentNumber(input: string): string {
  return input.normalize('NFKC').replace(/\s/gu, '').toUpperCase();
}

/**
 * Validate a document number, optionally of an expected kind (or one of several, e.g. PASSPORT_KINDS). With an
 * expected kind, a number of another document's shape fails with `kind`, and a shapeless one with `format`
 * and that document's own message.
 */
export function parseTravelDocument(
  input: string,
  expected?: TravelDocumentKind | readonly TravelDocumentKind[],
): ParsedTravelDocument {
  const number = typeof input === 'string' ? normalizeTravelDocumentNumber(input) : '';
  const wanted = expected === undefined ? undefined : typeof expected === 'string' ? [expected] : expected;
  const shape = SHAPES.find((s) => s.pattern.test(number));
  if (!shape) {
    const only = wanted?.length === 1 ? (wanted[0] as TravelDocumentKind) : undefined;
    return { ok: false, reason: 'format', message: only ? FORMAT_MESSAGES[only] : TRAVEL_DOCUMENT_MESSAGES.format };
  }
  if (wanted && !wanted.includes(shape.kind)) {
    return { ok: false, reason: 'kind', message: TRAVEL_DOCUMENT_MESSAGES.kind };
  }
  const result: ParsedTravelDocument = {
    ok: true,
    number,
    kind: shape.kind,
    name: TRAVEL_DOCUMENT_NAMES[shape.kind],
    legacy: shape.legacy,
  };
  if (shape.region) result.region = shape.region;
  return result;
}

/** Whether the number is a valid document number (of the expected kind, if given). */
export function isValidTravelDocument(
  input: string,
  expected?: TravelDocumentKind | readonly TravelDocumentKind[],
): boolean {
  return parseTravelDocument(input, expected).ok;
}
