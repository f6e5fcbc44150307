import { randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { findCity, type StaffProfile, type StaffTotpEnrolment } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import { type FieldCipher, sessionTokenHash } from '../privacy/index.js';
import * as repo from './repository.js';
import {
  type Grant,
  grantAllows,
  grantCovers,
  isStaffRole,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Scope,
} from './roles.js';
import type { StaffSettings } from './settings.js';
import { newTotpSecret, totpNow, totpStep, totpUri } from './totp.js';

/** Who is calling from the console, resolved from the staff session cookie. */
export interface StaffContext {
  sessionId: string;
  accountId: string;
  username: string;
  passwordChangeRequired: boolean;
  grants: Grant[];
  requestId: string;
}

export interface StaffDeps {
  db: Db;
  cipher: FieldCipher;
  audit: AuditLog;
  settings: StaffSettings;
  catalog: CatalogService;
}

// Argon2id with the OWASP minimum parameters, as for citizens' PINs (identity-service.ts).
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
// Verified against when the username has no account, so the answer takes as long either way.
const DUMMY_PASSWORD_HASH = await argon2Hash('dummy-staff-password', ARGON2);
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;
/** The associated data of every staff TOTP secret (confirmed or pending enrolment): the same for every account. */
export const TOTP_AAD = 'staff.totp_secret';

const LOGIN_FAILED = '用户名或密码不正确，请重试。';
const NOT_LOGGED_IN = '请先登录工作台后再继续。';
const PENDING_LAPSED = '登录已超时，请重新输入用户名和密码。';

export function hashStaffPassword(password: string) {
  return argon2Hash(password, ARGON2);
}

function lockedMessage(until: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `登录失败次数过多，账号已锁定，请${minutes}分钟后再试。`;
}

export class StaffService {
  constructor(private readonly d: StaffDeps) {}

  // ---- login: password, then TOTP ----

  /**
   * Step 1. Unknown usernames, disabled accounts and wrong passwords get the same answer after the same
   * Argon2 work, and count towards the same lockout (per username, known or not).
   */
  async login(usernameInput: string, password: string, requestId: string) {
    const s = this.d.settings;
    const username = usernameInput.trim().toLowerCase();
    const account = await repo.findAccountByUsername(this.d.db, username);
    const lock = account
      ? account.locked_until && account.locked_until.getTime() > Date.now()
        ? account.locked_until
        : null
      : await repo.findUsernameLock(this.d.db, username);
    if (lock) {
      await this.auditAnonymous('staff.login.password', 'denied', account?.id, { locked: true }, requestId);
      throw new AppError('ACCOUNT_LOCKED', lockedMessage(lock));
    }
    const ok = await argon2Verify(account?.password_hash ?? DUMMY_PASSWORD_HASH, password);
    if (!account || account.disabled || !ok) {
      const lockedNow = account
        ? await repo.recordAccountFailure(this.d.db, account.id, s.maxFailures, s.lockMs)
        : await repo.recordUsernameFailure(this.d.db, username, s.maxFailures, s.lockMs);
      await this.auditAnonymous(
        'staff.login.password',
        'failure',
        account?.id,
        { locked: lockedNow !== null },
        requestId,
      );
      if (lockedNow) throw new AppError('ACCOUNT_LOCKED', lockedMessage(lockedNow));
      throw new AppError('LOGIN_FAILED', LOGIN_FAILED);
    }
    // The password alone opens nothing: a pending session that only the TOTP step accepts.
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + s.pendingMs);
    await repo.insertSession(this.d.db, {
      accountId: account.id,
      tokenHash: sessionTokenHash(token),
      state: 'pending',
      expiresAt,
    });
    const next = account.totp_confirmed ? ('totp' as const) : ('enrol' as const);
    await this.auditAnonymous('staff.login.password', 'success', account.id, { next }, requestId);
    return { token, expiresAt, next, expiresInSeconds: s.pendingMs / 1000 };
  }

  /** The pending login behind a token, with its account; 401 when there is none or it lapsed. */
  private async pending(token: string | undefined) {
    if (!token) throw new AppError('UNAUTHENTICATED', PENDING_LAPSED);
    const row = await repo.findSession(this.d.db, sessionTokenHash(token));
    if (row?.state !== 'pending' || row.ended_at || row.disabled) {
      throw new AppError('UNAUTHENTICATED', PENDING_LAPSED);
    }
    if (row.expires_at.getTime() < Date.now()) {
      await repo.endSession(this.d.db, row.id, 'expired');
      throw new AppError('UNAUTHENTICATED', PENDING_LAPSED);
    }
    const account = await repo.findAccount(this.d.db, row.account_id);
    if (!account) throw new AppError('UNAUTHENTICATED', PENDING_LAPSED);
    if (account.locked_until && account.locked_until.getTime() > Date.now()) {
      await repo.endSession(this.d.db, row.id, 'locked');
      throw new AppError('ACCOUNT_LOCKED', lockedMessage(account.locked_until));
    }
    return { session: row, account };
  }

  /** First login: the secret to put in an authenticator app (kept until confirmed by a valid code). */
  async enrol(token: string | undefined, requestId: string): Promise<StaffTotpEnrolment> {
    const { account } = await this.pending(token);
    if (account.totp_confirmed) {
      throw new AppError('FORBIDDEN', '动态验证码已绑定。如需更换验证器，请联系管理员重置。');
    }
    // Showing the same unconfirmed secret again lets a reload of the page keep working.
    let secret = account.totp_secret_encrypted ? this.d.cipher.decrypt(account.totp_secret_encrypted, TOTP_AAD) : null;
    if (!secret) {
      secret = newTotpSecret();
      await repo.setPendingTotpSecret(this.d.db, account.id, this.d.cipher.encrypt(secret, TOTP_AAD));
    }
    const uri = totpUri(secret, this.d.settings.totpIssuer, account.username);
    await this.auditAnonymous('staff.totp.enrol.start', 'success', account.id, {}, requestId);
    return {
      uri,
      secret,
      qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 }),
    };
  }

  /**
   * Step 2. A code of the current step ±1, and a step newer than the last one accepted (a code works once).
   * Completes an enrolment too. The pending session ends and a new token is issued: the token that
   * travelled with the password never becomes a full session.
   */
  async completeWithTotp(token: string | undefined, code: string, requestId: string) {
    const s = this.d.settings;
    const { session, account } = await this.pending(token);
    if (!account.totp_secret_encrypted) {
      throw new AppError('TOTP_NOT_ENROLLED', '请先绑定动态验证码（扫描二维码），再输入验证码。');
    }
    const enrolment = !account.totp_confirmed;
    const secret = this.d.cipher.decrypt(account.totp_secret_encrypted, TOTP_AAD);
    const step = totpStep(secret, code);
    const accepted = step !== null && (await repo.acceptTotpStep(this.d.db, account.id, step));
    if (!accepted) {
      const reason = step === null ? 'wrong' : 'replay';
      const lockedNow = await repo.recordAccountFailure(this.d.db, account.id, s.maxFailures, s.lockMs);
      await this.auditAnonymous(
        'staff.login.totp',
        'failure',
        account.id,
        { reason, locked: lockedNow !== null },
        requestId,
      );
      if (lockedNow) {
        await repo.endSession(this.d.db, session.id, 'locked');
        throw new AppError('ACCOUNT_LOCKED', lockedMessage(lockedNow));
      }
      throw new AppError(
        'TOTP_INVALID',
        reason === 'replay'
          ? '该动态验证码已使用过，请等待验证器显示新的验证码后再试。'
          : '动态验证码不正确，请核对验证器上的6位数字后重试。',
      );
    }
    if (!(await repo.endSession(this.d.db, session.id, 'completed'))) {
      throw new AppError('UNAUTHENTICATED', PENDING_LAPSED);
    }
    const newToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + s.sessionAbsoluteMs);
    await repo.insertSession(this.d.db, {
      accountId: account.id,
      tokenHash: sessionTokenHash(newToken),
      state: 'active',
      expiresAt,
    });
    await this.auditStaff(account.id, 'staff.login', 'success', { factor: 'totp', enrolment }, requestId);
    return { token: newToken, expiresAt };
  }

  // ---- sessions and authorisation ----

  /** Resolve an active staff session (a pending one is not a session); the precise 401 otherwise. */
  async authenticate(token: string | undefined, requestId: string): Promise<StaffContext> {
    if (!token) throw new AppError('UNAUTHENTICATED', NOT_LOGGED_IN);
    const row = await repo.findSession(this.d.db, sessionTokenHash(token));
    if (row?.state !== 'active' || row.end_reason === 'logout' || row.end_reason === 'completed') {
      throw new AppError('UNAUTHENTICATED', NOT_LOGGED_IN);
    }
    const now = Date.now();
    if (row.disabled || (row.locked_until && row.locked_until.getTime() > now)) {
      await repo.endSession(this.d.db, row.id, row.disabled ? 'disabled' : 'locked');
      throw new AppError('UNAUTHENTICATED', NOT_LOGGED_IN);
    }
    const idle = now - row.last_seen_at.getTime() > this.d.settings.sessionIdleMs;
    if (row.ended_at || row.expires_at.getTime() < now || idle) {
      await repo.endSession(this.d.db, row.id, 'expired');
      throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录工作台。');
    }
    // Refresh the idle clock at most once a minute, as for citizens.
    if (now - row.last_seen_at.getTime() > 60_000) await repo.touchSession(this.d.db, row.id);
    const grants = (await repo.listGrants(this.d.db, row.account_id)).flatMap((g): Grant[] =>
      // a role removed from the map grants nothing, whatever rows still name it
      isStaffRole(g.role) ? [{ role: g.role, departmentId: g.department_id, cityCode: g.city_code }] : [],
    );
    return {
      sessionId: row.id,
      accountId: row.account_id,
      username: row.username,
      passwordChangeRequired: row.password_change_required,
      grants,
      requestId,
    };
  }

  /**
   * The one authorisation check of every console route: an active staff session (401 otherwise), a first
   * password changed, and a grant whose role has `permission` and covers the scope (department and city)
   * the route touches; a refusal is audited and answered 403 FORBIDDEN. Returns the caller with the grants
   * that allow the permission, so list routes can restrict their query to those scopes.
   */
  async requireStaff(
    request: FastifyRequest,
    permission: Permission,
    scope: Scope = {},
  ): Promise<StaffContext & { allowed: Grant[] }> {
    const ctx = await this.authenticate(request.cookies[this.d.settings.cookieName], request.id);
    const deny = async (reason: string) => {
      await this.auditStaff(
        ctx.accountId,
        'access.denied.staff',
        'denied',
        { permission, reason, route: request.routeOptions.url, ...scope },
        request.id,
      );
    };
    if (ctx.passwordChangeRequired) {
      await deny('password-change-required');
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '这是首次登录，请先修改初始密码后再继续。');
    }
    const allowed = ctx.grants.filter((g) => grantAllows(g, permission) && grantCovers(g, scope));
    if (allowed.length === 0) {
      await deny('no-grant');
      throw new AppError('FORBIDDEN', '您没有权限执行此操作。如需开通，请联系本部门管理员。');
    }
    return { ...ctx, allowed };
  }

  async logout(token: string | undefined, requestId: string) {
    if (!token) return;
    const row = await repo.findSession(this.d.db, sessionTokenHash(token));
    if (!row || row.ended_at) return;
    await repo.endSession(this.d.db, row.id, 'logout');
    await this.auditStaff(row.account_id, 'staff.logout', 'success', undefined, requestId);
  }

  async profile(ctx: StaffContext): Promise<StaffProfile> {
    const account = await repo.findAccount(this.d.db, ctx.accountId);
    if (!account) throw new AppError('UNAUTHENTICATED', NOT_LOGGED_IN);
    const departments = new Map(this.d.catalog.current.meta.departments.map((d) => [d.id, d.name]));
    return {
      username: account.username,
      displayName: account.display_name,
      passwordChangeRequired: account.password_change_required,
      grants: ctx.grants.map((g) => ({
        role: g.role,
        roleName: ROLES[g.role].name,
        permissions: ROLES[g.role].permissions.map((p) => ({ id: p, name: PERMISSIONS[p] })),
        departmentId: g.departmentId,
        departmentName: departments.get(g.departmentId) ?? g.departmentId,
        cityCode: g.cityCode,
        cityName: g.cityCode ? (findCity(g.cityCode)?.name ?? g.cityCode) : '全省',
      })),
    };
  }

  /** Replace the password (the CLI's one-time password first of all); other sessions of the account end. */
  async changePassword(ctx: StaffContext, current: string, next: string) {
    const s = this.d.settings;
    const account = await repo.findAccount(this.d.db, ctx.accountId);
    if (!account) throw new AppError('UNAUTHENTICATED', NOT_LOGGED_IN);
    if (!(await argon2Verify(account.password_hash, current))) {
      const lockedNow = await repo.recordAccountFailure(this.d.db, account.id, s.maxFailures, s.lockMs);
      await this.auditStaff(
        account.id,
        'staff.password.change',
        'failure',
        { locked: lockedNow !== null },
        ctx.requestId,
      );
      if (lockedNow) throw new AppError('ACCOUNT_LOCKED', lockedMessage(lockedNow));
      throw new AppError('LOGIN_FAILED', '当前密码不正确，请重试。');
    }
    if (current === next) {
      throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同。', [
        { path: 'newPassword', message: '新密码不能与当前密码相同' },
      ]);
    }
    await repo.setPassword(this.d.db, account.id, await hashStaffPassword(next));
    await repo.clearAccountFailures(this.d.db, account.id);
    await repo.endOtherSessions(this.d.db, account.id, ctx.sessionId);
    await this.auditStaff(account.id, 'staff.password.change', 'success', undefined, ctx.requestId);
  }

  /** Demo mode only (the sandbox helper): the code an authenticator app would show now. */
  async currentCode(username: string) {
    const account = await repo.findAccountByUsername(this.d.db, username.trim().toLowerCase());
    if (!account?.totp_secret_encrypted) {
      throw new AppError('NOT_FOUND', '没有该工作人员账号，或该账号尚未开始绑定动态验证码。');
    }
    return totpNow(this.d.cipher.decrypt(account.totp_secret_encrypted, TOTP_AAD));
  }

  auditStaff(
    accountId: string,
    action: string,
    result: 'success' | 'denied' | 'failure',
    detail: Record<string, unknown> | undefined,
    requestId: string,
    /** The citizen account whose data the action concerned (their 我的访问记录 shows it), if any. */
    subjectAccountId?: string | null,
  ) {
    return this.d.audit.record({
      action,
      result,
      actorKind: 'staff',
      actorAccountId: accountId,
      subjectAccountId: subjectAccountId ?? null,
      detail,
      requestId,
    });
  }

  /** Staff members' display names by account id (the console names who took each step of a case). */
  async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await repo.findDisplayNames(this.d.db, [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /**
   * The active staff whose grants give `permission` for a department in a city (a grant of the city or the whole
   * province): e.g. the reviewers a case can be handed to (办件分派), by username.
   */
  async staffReaching(
    permission: Permission,
    scope: { departmentId: string; cityCode: string },
  ): Promise<{ id: string; username: string; displayName: string }[]> {
    const roles = (Object.keys(ROLES) as (keyof typeof ROLES)[]).filter((r) =>
      ROLES[r].permissions.includes(permission),
    );
    const rows = await repo.listAccountsReaching(this.d.db, roles, scope.departmentId, scope.cityCode);
    return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
  }

  /** Before the second factor nobody is logged in: the attempt concerns the account, if there is one. */
  private auditAnonymous(
    action: string,
    result: 'success' | 'denied' | 'failure',
    accountId: string | undefined,
    detail: Record<string, unknown>,
    requestId: string,
  ) {
    return this.d.audit.record({
      action,
      result,
      actorKind: 'anonymous',
      subjectAccountId: accountId ?? null,
      detail: { ...detail, kind: 'staff' },
      requestId,
    });
  }
}

/** Encrypt a TOTP secret as the service stores it (demo seed). */
export function encryptTotpSecret(cipher: FieldCipher, secret: string) {
  return cipher.encrypt(secret, TOTP_AAD);
}
