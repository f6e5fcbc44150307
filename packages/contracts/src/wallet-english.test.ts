import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_TYPES,
  type CredentialType,
  credentialTypeSpec,
  WALLET_PURPOSES,
  type WalletPurpose,
} from './wallet.js';

/**
 * The wallet in English mode: every name the citizen app shows from the contracts has an English twin. A new
 * type, claim, enum value or purpose without one fails here (the type's signature already asks for
 * `nameEn` and `labelsEn`; this also catches an empty string, a Chinese leftover and a missing value name).
 */
const HAN = /\p{Script=Han}/u;
const english = (s: unknown) => typeof s === 'string' && s.trim().length > 0 && !HAN.test(s);

describe('wallet contracts in English', () => {
  const types = Object.keys(CREDENTIAL_TYPES) as CredentialType[];

  it.each(types)('%s has an English name and an English label for every claim', (type) => {
    const spec = credentialTypeSpec(type);
    expect(english(spec.nameEn), `${type} nameEn`).toBe(true);
    const claims = Object.keys(spec.claims.shape);
    const labelsEn = spec.labelsEn as Record<string, string>;
    expect(Object.keys(labelsEn).sort()).toEqual([...claims].sort());
    for (const claim of claims) expect(english(labelsEn[claim]), `${type}.${claim}`).toBe(true);
  });

  it.each(types)('%s names every enum value in English that it names in Chinese', (type) => {
    const spec = credentialTypeSpec(type);
    const zh = (spec.valueNames ?? {}) as Record<string, Record<string, string>>;
    const en = (spec.valueNamesEn ?? {}) as Record<string, Record<string, string>>;
    for (const [claim, names] of Object.entries(zh)) {
      expect(Object.keys(en[claim] ?? {}).sort(), `${type}.${claim}`).toEqual(Object.keys(names).sort());
    }
    // an enum claim whose values are Chinese words themselves (用途 住宅 …) needs English names for each value
    for (const [claim, schema] of Object.entries(spec.claims.shape)) {
      const options = (schema as { options?: unknown[] }).options;
      if (!Array.isArray(options) || !options.some((o) => typeof o === 'string' && HAN.test(o))) continue;
      expect(Object.keys(en[claim] ?? {}).sort(), `${type}.${claim}`).toEqual((options as string[]).slice().sort());
    }
    for (const names of Object.values(en)) for (const v of Object.values(names)) expect(english(v), v).toBe(true);
  });

  it('uses the official English titles of the identity and travel documents', () => {
    expect(CREDENTIAL_TYPES['resident-id'].nameEn).toBe('Resident Identity Card e-credential');
    expect(CREDENTIAL_TYPES['driving-licence'].nameEn).toBe('Driving Licence');
    expect(CREDENTIAL_TYPES['vehicle-licence'].nameEn).toBe('Vehicle Licence');
    expect(CREDENTIAL_TYPES.passport.nameEn).toBe('Passport');
    expect(CREDENTIAL_TYPES['hk-macao-permit'].nameEn).toBe(
      'Exit-Entry Permit for Travelling to and from Hong Kong and Macao',
    );
    expect(CREDENTIAL_TYPES['taiwan-permit'].nameEn).toBe('Exit-Entry Permit for Travelling to and from Taiwan');
  });

  it('gives every purpose an English name, all different', () => {
    const purposes = Object.keys(WALLET_PURPOSES) as WalletPurpose[];
    for (const p of purposes) expect(english(WALLET_PURPOSES[p].nameEn), p).toBe(true);
    expect(new Set(purposes.map((p) => WALLET_PURPOSES[p].nameEn)).size).toBe(purposes.length);
  });

  it('keeps the English type names apart from each other', () => {
    expect(new Set(types.map((t) => CREDENTIAL_TYPES[t].nameEn)).size).toBe(types.length);
  });
});
