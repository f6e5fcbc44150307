import { COACH_TICKET_QR_PREFIX } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { FieldCipher } from '../privacy/index.js';
import { type SignedCodeCheck, SignedCodeKeys } from '../shared/signed-codes.js';
import * as repo from './repository.js';

export type { PublishedKey } from '../shared/signed-codes.js';

/** What an e-ticket QR says: which ticket (id and 票号) on which departure, signed until `exp`. */
export interface TicketClaims extends Record<string, string> {
  tid: string;
  tno: string;
  dep: string;
}

export type QrCheck = SignedCodeCheck<TicketClaims>;

/** The prefix of a stored key's associated data (`coach-ticket-key:<kid>`, signingKeyAad). */
export const TICKET_KEY_AAD_PREFIX = 'coach-ticket-key';

/**
 * The coach module's own ES256 key for e-ticket QR codes (`YSST1:` + a compact JWS), kept in coach_ticket_keys
 * (the shared SignedCodeKeys does the signing, checking and key loading). The public keys are published as a JWKS
 * so a station device can check signatures offline.
 */
export class CoachTicketKeys extends SignedCodeKeys<TicketClaims> {
  constructor(db: Db, cipher: FieldCipher) {
    super({ list: () => repo.listTicketKeys(db), insertFirst: (row) => repo.insertFirstTicketKey(db, row) }, cipher, {
      prefix: COACH_TICKET_QR_PREFIX,
      issuer: 'yss:coach',
      typ: 'yss-coach-ticket+jwt',
      aadPrefix: TICKET_KEY_AAD_PREFIX,
      claims: ['tid', 'tno', 'dep'],
    });
  }
}
