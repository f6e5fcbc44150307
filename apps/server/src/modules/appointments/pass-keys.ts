import { APPOINTMENT_PASS_PREFIX } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { FieldCipher } from '../privacy/index.js';
import { type SignedCodeCheck, SignedCodeKeys } from '../shared/signed-codes.js';
import * as repo from './repository.js';

/** What a 预约码 says: which booking (its id; nothing personal), signed until `exp`. */
export interface PassClaims extends Record<string, string> {
  aid: string;
}

export type PassCheck = SignedCodeCheck<PassClaims>;

/** The prefix of a stored key's associated data (`appointment-pass-key:<kid>`, signingKeyAad). */
export const PASS_KEY_AAD_PREFIX = 'appointment-pass-key';

/** How long one 预约码 is valid: the app fetches a new one every minute while it is shown. */
export const PASS_LIFETIME_MS = 5 * 60_000;

/**
 * The 预约码's ES256 key (`YSSA1:` + a compact JWS of the booking id), in appointment_pass_keys: the same
 * SignedCodeKeys as the coach e-ticket. Only the platform checks these codes (the counter's console posts them), so
 * no JWKS is published.
 */
export class AppointmentPassKeys extends SignedCodeKeys<PassClaims> {
  constructor(db: Db, cipher: FieldCipher) {
    super({ list: () => repo.listPassKeys(db), insertFirst: (row) => repo.insertFirstPassKey(db, row) }, cipher, {
      prefix: APPOINTMENT_PASS_PREFIX,
      issuer: 'yss:appointments',
      typ: 'yss-appointment-pass+jwt',
      aadPrefix: PASS_KEY_AAD_PREFIX,
      claims: ['aid'],
    });
  }
}
