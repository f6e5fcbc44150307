import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { StaffTables } from './tables.js';

export type StaffAccountRow = Selectable<StaffTables['staff_accounts']>;
export type StaffSessionRow = Selectable<StaffTables['staff_sessions']>;

// ---- accounts and grants ----

export function findAccountByUsername(db: Db, username: string) {
  return db.selectFrom('staff_accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findAccount(db: Db, id: string) {
  return db.selectFrom('staff_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDisplayNames(db: Db, ids: string[]) {
  return db.selectFrom('staff_accounts').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

export function countAccounts(db: Db) {
  return db
    .selectFrom('staff_accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Create an account with its grants in one transaction; 'taken' when the username exists. */
export async function insertAccount(
  db: Db,
  a: {
    username: string;
    displayName: string;
    passwordHash: string;
    passwordChangeRequired: boolean;
    totpSecretEncrypted: string | null;
    totpConfirmed: boolean;
  },
  grants: { role: string; departmentId: string; cityCode: string | null }[],
): Promise<{ id: string } | 'taken'> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('staff_accounts')
      .values({
        username: a.username,
        display_name: a.displayName,
        password_hash: a.passwordHash,
        password_change_required: a.passwordChangeRequired,
        totp_secret_encrypted: a.totpSecretEncrypted,
        totp_confirmed: a.totpConfirmed,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return 'taken' as const;
    if (grants.length) {
      await tx
        .insertInto('staff_role_grants')
        .values(
          grants.map((g) => ({
            account_id: row.id,
            role: g.role,
            department_id: g.departmentId,
            city_code: g.cityCode,
          })),
        )
        .execute();
    }
    return row;
  });
}

/**
 * Active accounts with a grant of one of `roles` in the department that reaches the city (a grant of that city, or
 * province-wide): who a case of that department and city can be handed to (办件分派).
 */
export function listAccountsReaching(db: Db, roles: readonly string[], departmentId: string, cityCode: string) {
  if (roles.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staff_accounts as a')
    .select(['a.id', 'a.username', 'a.display_name'])
    .where('a.disabled', '=', false)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_role_grants as g')
          .select('g.id')
          .whereRef('g.account_id', '=', 'a.id')
          .where('g.role', 'in', [...roles])
          .where('g.department_id', '=', departmentId)
          .where((w) => w.or([w('g.city_code', 'is', null), w('g.city_code', '=', cityCode)])),
      ),
    )
    .orderBy('a.username')
    .execute();
}

export function listGrants(db: Db, accountId: string) {
  return db
    .selectFrom('staff_role_grants')
    .select(['role', 'department_id', 'city_code'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('role')
    .execute();
}

export async function setPassword(db: Db, accountId: string, hash: string) {
  await db
    .updateTable('staff_accounts')
    .set({ password_hash: hash, password_change_required: false })
    .where('id', '=', accountId)
    .execute();
}

/** Keep an enrolment secret (not yet confirmed); a confirmed secret is never replaced this way. */
export async function setPendingTotpSecret(db: Db, accountId: string, encrypted: string) {
  await db
    .updateTable('staff_accounts')
    .set({ totp_secret_encrypted: encrypted })
    .where('id', '=', accountId)
    .where('totp_confirmed', '=', false)
    .execute();
}

/**
 * Accept a TOTP time step once: only when it is newer than the last step accepted for the account, in one
 * conditional update, so two requests with the same code cannot both pass. Also confirms an enrolment.
 */
export async function acceptTotpStep(db: Db, accountId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('staff_accounts')
    .set({ totp_last_step: step, totp_confirmed: true, failed_attempts: 0, locked_until: null })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Count a failed password or TOTP entry; lock once `maxFailures` is reached. Returns the lock end if locked now. */
export async function recordAccountFailure(db: Db, accountId: string, maxFailures: number, lockMs: number) {
  const row = await db
    .updateTable('staff_accounts')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', accountId)
    .returning('failed_attempts')
    .executeTakeFirstOrThrow();
  if (row.failed_attempts < maxFailures) return null;
  const lockedUntil = new Date(Date.now() + lockMs);
  await db
    .updateTable('staff_accounts')
    .set({ failed_attempts: 0, locked_until: lockedUntil })
    .where('id', '=', accountId)
    .execute();
  return lockedUntil;
}

export async function clearAccountFailures(db: Db, accountId: string) {
  await db
    .updateTable('staff_accounts')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', accountId)
    .execute();
}

// ---- unknown usernames: the same failure count and lock ----

export async function findUsernameLock(db: Db, username: string): Promise<Date | null> {
  const row = await db
    .selectFrom('staff_login_throttle')
    .select('locked_until')
    .where('username', '=', username)
    .executeTakeFirst();
  return row?.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until : null;
}

export async function recordUsernameFailure(db: Db, username: string, maxFailures: number, lockMs: number) {
  const row = await db
    .insertInto('staff_login_throttle')
    .values({ username, failures: 1, locked_until: null })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet((eb) => ({ failures: eb('staff_login_throttle.failures', '+', 1) })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures < maxFailures) return null;
  const lockedUntil = new Date(Date.now() + lockMs);
  await db
    .updateTable('staff_login_throttle')
    .set({ failures: 0, locked_until: lockedUntil })
    .where('username', '=', username)
    .execute();
  return lockedUntil;
}

// ---- sessions ----

export function insertSession(
  db: Db,
  s: { accountId: string; tokenHash: string; state: 'pending' | 'active'; expiresAt: Date },
) {
  return db
    .insertInto('staff_sessions')
    .values({ account_id: s.accountId, token_hash: s.tokenHash, state: s.state, expires_at: s.expiresAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_accounts as a', 'a.id', 's.account_id')
    .select([
      's.id',
      's.account_id',
      's.state',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.ended_at',
      's.end_reason',
      'a.username',
      'a.disabled',
      'a.locked_until',
      'a.password_change_required',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string) {
  await db.updateTable('staff_sessions').set({ last_seen_at: sql`now()` }).where('id', '=', sessionId).execute();
}

/** End a session once; true only for the caller that ended it (a pending login completes once). */
export async function endSession(
  db: Db,
  sessionId: string,
  reason: 'logout' | 'expired' | 'completed' | 'locked' | 'disabled',
): Promise<boolean> {
  const r = await db
    .updateTable('staff_sessions')
    .set({ ended_at: sql`now()`, end_reason: reason })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** End every open session of an account except one (after a password change). */
export async function endOtherSessions(db: Db, accountId: string, keepSessionId: string) {
  await db
    .updateTable('staff_sessions')
    .set({ ended_at: sql`now()`, end_reason: 'logout' })
    .where('account_id', '=', accountId)
    .where('id', '!=', keepSessionId)
    .where('ended_at', 'is', null)
    .execute();
}

/**
 * Disable an account and end its open sessions at once (a verifier removed from their organisation): its next
 * request is 401 and its password logs in no more. `db` may be a transaction of the caller's.
 */
export async function disableAccount(db: Db, accountId: string) {
  await db.updateTable('staff_accounts').set({ disabled: true }).where('id', '=', accountId).execute();
  await db
    .updateTable('staff_sessions')
    .set({ ended_at: sql`now()`, end_reason: 'disabled' })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .execute();
}
