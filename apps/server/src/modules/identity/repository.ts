import type { LoginMethod } from '@yss/contracts';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { IdentityTables, SmsPurpose } from './tables.js';

export type AccountRow = Selectable<IdentityTables['identity_accounts']>;
export type SessionRow = Selectable<IdentityTables['identity_sessions']>;
export type PasskeyRow = Selectable<IdentityTables['identity_passkeys']>;

// ---- accounts ----

export function findAccountByPhoneIndex(db: Db, phoneIndex: string) {
  return db.selectFrom('identity_accounts').selectAll().where('phone_index', '=', phoneIndex).executeTakeFirst();
}

/** The account bound (实名) to a population-register person, if any. */
export function findAccountByPersonId(db: Db, personId: string) {
  return db.selectFrom('identity_accounts').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export function findAccount(db: Db, id: string) {
  return db.selectFrom('identity_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Find the account for a phone, creating it on first login (sign-up is the first SMS login). */
export async function findOrCreateAccount(
  db: Db,
  phone: { index: string; encrypted: string; masked: string },
): Promise<AccountRow> {
  await db
    .insertInto('identity_accounts')
    .values({ phone_index: phone.index, phone_encrypted: phone.encrypted, phone_masked: phone.masked })
    .onConflict((oc) => oc.column('phone_index').doNothing())
    .execute();
  const row = await findAccountByPhoneIndex(db, phone.index);
  if (!row) throw new Error('account vanished after insert');
  return row;
}

export async function bindRealName(
  db: Db,
  accountId: string,
  v: {
    nameEncrypted: string;
    idNumberEncrypted: string;
    idNumberIndex: string;
    nameMasked: string;
    idNumberMasked: string;
    hukouCityCode: string | null;
    personId: string;
  },
): Promise<'bound' | 'taken'> {
  const taken = await db
    .selectFrom('identity_accounts')
    .select('id')
    .where('id_number_index', '=', v.idNumberIndex)
    .where('id', '!=', accountId)
    .executeTakeFirst();
  if (taken) return 'taken';
  await db
    .updateTable('identity_accounts')
    .set({
      real_name_encrypted: v.nameEncrypted,
      id_number_encrypted: v.idNumberEncrypted,
      id_number_index: v.idNumberIndex,
      name_masked: v.nameMasked,
      id_number_masked: v.idNumberMasked,
      hukou_city_code: v.hukouCityCode,
      person_id: v.personId,
      real_name_verified_at: sql`now()`,
    })
    .where('id', '=', accountId)
    .execute();
  return 'bound';
}

export async function setPinHash(db: Db, accountId: string, hash: string) {
  await db
    .updateTable('identity_accounts')
    .set({ pin_hash: hash, pin_failed_attempts: 0, pin_locked_until: null })
    .where('id', '=', accountId)
    .execute();
}

/** Count a wrong PIN; lock for `lockMs` once `maxFailures` is reached. Returns the lock end, if locked now. */
export async function recordPinFailure(db: Db, accountId: string, maxFailures: number, lockMs: number) {
  const row = await db
    .updateTable('identity_accounts')
    .set((eb) => ({ pin_failed_attempts: eb('pin_failed_attempts', '+', 1) }))
    .where('id', '=', accountId)
    .returning(['pin_failed_attempts'])
    .executeTakeFirstOrThrow();
  if (row.pin_failed_attempts < maxFailures)
    return { lockedUntil: null, remaining: maxFailures - row.pin_failed_attempts };
  const lockedUntil = new Date(Date.now() + lockMs);
  await db
    .updateTable('identity_accounts')
    .set({ pin_failed_attempts: 0, pin_locked_until: lockedUntil })
    .where('id', '=', accountId)
    .execute();
  return { lockedUntil, remaining: 0 };
}

export async function clearPinFailures(db: Db, accountId: string) {
  await db
    .updateTable('identity_accounts')
    .set({ pin_failed_attempts: 0, pin_locked_until: null })
    .where('id', '=', accountId)
    .execute();
}

/** PIN-login lock of a phone (registered or not), if any. */
export async function findLoginLock(db: Db, phoneIndex: string): Promise<Date | null> {
  const row = await db
    .selectFrom('identity_login_throttle')
    .select('locked_until')
    .where('phone_index', '=', phoneIndex)
    .executeTakeFirst();
  return row?.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until : null;
}

/** Count a failed PIN login for a phone; lock it once `maxFailures` is reached. Returns the lock end if locked now. */
export async function recordLoginFailure(db: Db, phoneIndex: string, maxFailures: number, lockMs: number) {
  const row = await db
    .insertInto('identity_login_throttle')
    .values({ phone_index: phoneIndex, failures: 1, locked_until: null })
    .onConflict((oc) =>
      oc.column('phone_index').doUpdateSet((eb) => ({ failures: eb('identity_login_throttle.failures', '+', 1) })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures < maxFailures) return null;
  const lockedUntil = new Date(Date.now() + lockMs);
  await db
    .updateTable('identity_login_throttle')
    .set({ failures: 0, locked_until: lockedUntil })
    .where('phone_index', '=', phoneIndex)
    .execute();
  return lockedUntil;
}

export async function clearLoginFailures(db: Db, phoneIndex: string) {
  await db.deleteFrom('identity_login_throttle').where('phone_index', '=', phoneIndex).execute();
}

export async function setDefaultLoginMethod(db: Db, accountId: string, method: LoginMethod) {
  await db.updateTable('identity_accounts').set({ default_login_method: method }).where('id', '=', accountId).execute();
}

// ---- sessions ----

/**
 * Create a session and make it the account's only live one, atomically: the account row is locked, every
 * other open session is ended as 'replaced', and `active_session_id` points at the new one. Concurrent
 * logins therefore leave exactly one live session (the last to commit).
 */
export async function createExclusiveSession(
  db: Db,
  s: { accountId: string; tokenHash: string; method: LoginMethod; expiresAt: Date; verified: boolean },
): Promise<{ session: SessionRow; replaced: number }> {
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('identity_accounts').select('id').where('id', '=', s.accountId).forUpdate().execute();
    const session = await tx
      .insertInto('identity_sessions')
      .values({
        account_id: s.accountId,
        token_hash: s.tokenHash,
        login_method: s.method,
        expires_at: s.expiresAt,
        verified_at: s.verified ? sql<Date>`now()` : null,
        verified_method: s.verified ? s.method : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const replaced = await tx
      .updateTable('identity_sessions')
      .set({ ended_at: sql`now()`, end_reason: 'replaced' })
      .where('account_id', '=', s.accountId)
      .where('id', '!=', session.id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    await tx
      .updateTable('identity_accounts')
      .set({ active_session_id: session.id })
      .where('id', '=', s.accountId)
      .execute();
    return { session, replaced: Number(replaced.numUpdatedRows) };
  });
}

export function findSessionWithAccount(db: Db, tokenHash: string) {
  return db
    .selectFrom('identity_sessions as s')
    .innerJoin('identity_accounts as a', 'a.id', 's.account_id')
    .select([
      's.id',
      's.account_id',
      's.login_method',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.verified_at',
      's.enrolment_verified_at',
      's.ended_at',
      's.end_reason',
      'a.active_session_id',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string) {
  await db.updateTable('identity_sessions').set({ last_seen_at: sql`now()` }).where('id', '=', sessionId).execute();
}

export async function endSession(db: Db, sessionId: string, reason: 'logout' | 'expired') {
  await db
    .updateTable('identity_sessions')
    .set({ ended_at: sql`now()`, end_reason: reason })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function markSessionVerified(db: Db, sessionId: string, method: string) {
  await db
    .updateTable('identity_sessions')
    .set({ verified_at: sql`now()`, verified_method: method })
    .where('id', '=', sessionId)
    .execute();
}

export async function markEnrolmentVerified(db: Db, sessionId: string) {
  await db
    .updateTable('identity_sessions')
    .set({ enrolment_verified_at: sql`now()` })
    .where('id', '=', sessionId)
    .execute();
}

export async function countLiveSessions(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('identity_sessions as s')
    .innerJoin('identity_accounts as a', 'a.id', 's.account_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.account_id', '=', accountId)
    .where('s.ended_at', 'is', null)
    .whereRef('a.active_session_id', '=', 's.id')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- SMS codes ----

export async function lastSmsCodes(db: Db, phoneIndex: string, since: Date) {
  return db
    .selectFrom('identity_sms_codes')
    .select(['id', 'created_at'])
    .where('phone_index', '=', phoneIndex)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertSmsCode(
  db: Db,
  v: { phoneIndex: string; purpose: SmsPurpose; codeHash: (id: string) => string; expiresAt: Date },
) {
  const row = await db
    .insertInto('identity_sms_codes')
    .values({ phone_index: v.phoneIndex, purpose: v.purpose, code_hash: 'pending', expires_at: v.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('identity_sms_codes')
    .set({ code_hash: v.codeHash(row.id) })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

export function latestOpenSmsCode(db: Db, phoneIndex: string, purpose: SmsPurpose) {
  return db
    .selectFrom('identity_sms_codes')
    .selectAll()
    .where('phone_index', '=', phoneIndex)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countSmsAttempt(db: Db, id: string) {
  await db
    .updateTable('identity_sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Consume a code once: true only for the first caller. */
export async function consumeSmsCode(db: Db, id: string): Promise<boolean> {
  const r = await db
    .updateTable('identity_sms_codes')
    .set({ consumed_at: sql`now()` })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- passkeys and WebAuthn challenges ----

export function listPasskeys(db: Db, accountId: string) {
  return db
    .selectFrom('identity_passkeys')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}

export function findPasskeyByCredentialId(db: Db, credentialId: string) {
  return db.selectFrom('identity_passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

export function insertPasskey(
  db: Db,
  v: Omit<IdentityTables['identity_passkeys'], 'id' | 'created_at' | 'last_used_at'>,
) {
  return db.insertInto('identity_passkeys').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function updatePasskeyUse(db: Db, id: string, counter: number) {
  await db.updateTable('identity_passkeys').set({ counter, last_used_at: sql`now()` }).where('id', '=', id).execute();
}

export async function renamePasskey(db: Db, accountId: string, id: string, nickname: string) {
  const r = await db
    .updateTable('identity_passkeys')
    .set({ nickname })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deletePasskey(db: Db, accountId: string, id: string) {
  const r = await db
    .deleteFrom('identity_passkeys')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function saveChallenge(db: Db, v: IdentityTables['identity_webauthn_challenges']) {
  await db.deleteFrom('identity_webauthn_challenges').where('expires_at', '<', new Date()).execute();
  await db.insertInto('identity_webauthn_challenges').values(v).execute();
}

/** Take a challenge out (single use); undefined when unknown, already used or expired. */
export async function takeChallenge(db: Db, challenge: string) {
  const row = await db
    .deleteFrom('identity_webauthn_challenges')
    .where('challenge', '=', challenge)
    .returningAll()
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() < Date.now()) return undefined;
  return row;
}

/** Real-name accounts in id order after `afterId`, a page at a time (background jobs that ask a department about each). */
export async function realNameAccountsAfter(db: Db, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('identity_accounts')
    .select(['id', 'person_id', 'id_number_encrypted'])
    .where('id_number_encrypted', 'is not', null)
    .where('person_id', 'is not', null)
    .orderBy('id')
    .limit(limit);
  if (afterId) q = q.where('id', '>', afterId);
  return q.execute();
}
