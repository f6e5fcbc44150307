import type { LoginMethod } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import * as repo from './repository.js';

export type SessionEndReason = 'logout' | 'replaced' | 'expired';

/** A session that may still act (subject to the idle and absolute limits the service checks). */
export interface LiveSession {
  /** Opaque id, unique per store (a UUID in the database, the token hash in Redis); never shown to anyone. */
  id: string;
  accountId: string;
  method: LoginMethod;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  verifiedAt: Date | null;
  enrolmentVerifiedAt: Date | null;
  endReason: null;
}

/** What is left of an ended session: only why it ended, so the device gets the precise 401. */
export interface EndedSession {
  endReason: SessionEndReason;
}

/** Enough to address a session for an update: the store's id and its account. */
export interface SessionRef {
  id: string;
  accountId: string;
}

/**
 * Everything the identity service does with sessions. Two implementations: the database (default) and
 * Redis (when REDIS_URL is set, so that several server copies share one truth without a database round trip
 * per request). Tokens never reach a store: only their SHA-256 hash.
 */
export interface SessionStore {
  /**
   * Whether an in-process cache in front of this store is worth having. True for the database (a query per
   * request otherwise); false for Redis, which is itself the fast shared truth — a cache there would only
   * reopen the window in which another copy serves a replaced session.
   */
  readonly cacheable: boolean;
  /**
   * Create a session and make it the account's only live one, atomically across server copies: every other
   * live session of the account ends as 'replaced'. Returns how many were replaced.
   */
  createExclusive(s: {
    accountId: string;
    tokenHash: string;
    method: LoginMethod;
    expiresAt: Date;
    verified: boolean;
  }): Promise<{ session: LiveSession; replaced: number }>;
  /** The session of a token hash: live (and the account's active one), ended (with the reason) or unknown. */
  find(tokenHash: string): Promise<LiveSession | EndedSession | undefined>;
  /** Refresh the idle clock (the caller limits this to about once a minute). */
  touch(session: LiveSession): Promise<void>;
  /** End a session (logout, or found expired). Ending an ended or unknown session does nothing. */
  end(session: SessionRef, reason: 'logout' | 'expired'): Promise<void>;
  /** A passkey/PIN verification happened in this session now. */
  markVerified(session: SessionRef, method: string): Promise<void>;
  /** An SMS re-check of the own phone happened in this session now (enrolment of a first authenticator). */
  markEnrolmentVerified(session: SessionRef): Promise<void>;
  /** How many live sessions the account has (0 or 1; for tests and checks). */
  countLive(accountId: string): Promise<number>;
}

/** Sessions as rows of identity_sessions, with identity_accounts.active_session_id (the SQL is in repository.ts). */
export class DatabaseSessionStore implements SessionStore {
  readonly cacheable = true;

  constructor(private readonly db: Db) {}

  async createExclusive(s: Parameters<SessionStore['createExclusive']>[0]) {
    const { session, replaced } = await repo.createExclusiveSession(this.db, s);
    return {
      replaced,
      session: {
        id: session.id,
        accountId: session.account_id,
        method: session.login_method,
        createdAt: session.created_at,
        lastSeenAt: session.last_seen_at,
        expiresAt: session.expires_at,
        verifiedAt: session.verified_at,
        enrolmentVerifiedAt: session.enrolment_verified_at,
        endReason: null,
      } satisfies LiveSession,
    };
  }

  async find(tokenHash: string): Promise<LiveSession | EndedSession | undefined> {
    const row = await repo.findSessionWithAccount(this.db, tokenHash);
    if (!row) return undefined;
    if (row.end_reason) return { endReason: row.end_reason };
    if (row.ended_at) return { endReason: 'expired' };
    // Not ended, but the account points at another session: a login elsewhere replaced it.
    if (row.active_session_id !== row.id) return { endReason: 'replaced' };
    return {
      id: row.id,
      accountId: row.account_id,
      method: row.login_method,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      verifiedAt: row.verified_at,
      enrolmentVerifiedAt: row.enrolment_verified_at,
      endReason: null,
    };
  }

  touch(session: LiveSession) {
    return repo.touchSession(this.db, session.id);
  }

  end(session: SessionRef, reason: 'logout' | 'expired') {
    return repo.endSession(this.db, session.id, reason);
  }

  markVerified(session: SessionRef, method: string) {
    return repo.markSessionVerified(this.db, session.id, method);
  }

  markEnrolmentVerified(session: SessionRef) {
    return repo.markEnrolmentVerified(this.db, session.id);
  }

  countLive(accountId: string) {
    return repo.countLiveSessions(this.db, accountId);
  }
}
