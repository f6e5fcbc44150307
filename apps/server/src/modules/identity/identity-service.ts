import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import {
  type AccountProfile,
  type LoginMethod,
  parseResidentId,
  type RevealedIdentity,
  type SmsSendReceipt,
} from '@yss/contracts';
import type { SmsGateway } from '../../connectors/sms/contract.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import { type FieldCipher, maskIdNumber, maskName, maskPhone, sessionTokenHash } from '../privacy/index.js';
import { pinWeakness } from './pin-policy.js';
import type { IdentityProofing } from './proofing.js';
import * as repo from './repository.js';
import { SessionCache } from './session-cache.js';
import type { LiveSession, SessionStore } from './session-store.js';
import type { IdentitySettings } from './settings.js';
import type { SmsPurpose } from './tables.js';

/** Who is calling, resolved from the session cookie. */
export interface AuthContext {
  sessionId: string;
  accountId: string;
  method: LoginMethod;
  verifiedAt: Date | null;
  /** Last SMS re-check of the own phone (enrolment of a first authenticator only). */
  enrolmentVerifiedAt: Date | null;
  sessionCreatedAt: Date;
  requestId: string;
}

/** Tells other server copies to forget cached sessions of an account (Redis pub/sub when configured). */
export interface SessionInvalidation {
  publish(accountId: string): Promise<void>;
  subscribe(onDrop: (accountId: string) => void): Promise<void>;
}

export interface IdentityDeps {
  /** Where sessions live: the database by default, Redis when configured (app.ts chooses). */
  sessions: SessionStore;
  invalidation?: SessionInvalidation;
  db: Db;
  cipher: FieldCipher;
  sms: SmsGateway;
  proofing: IdentityProofing;
  audit: AuditLog;
  settings: IdentitySettings;
}

// Argon2id with the OWASP minimum parameters (19 MiB, t=2, p=1): ~30 ms here, per login attempt.
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
// Verified against when the phone has no account or no PIN, so that the answer takes as long either way.
const DUMMY_PIN_HASH = await argon2Hash('000000-dummy', ARGON2);

/**
 * The associated data an account's sealed fields are bound to (FieldCipher): the same for every account. Exported for
 * the registry of sealed columns (privacy/sealed-columns.ts), which re-encrypts them under a new data key.
 */
export const PHONE_AAD = 'account.phone';
export const NAME_AAD = 'account.name';
export const ID_NUMBER_AAD = 'account.id_number';

/** Refresh a session's idle clock at most this often (a write per active user per minute, not per request). */
const TOUCH_EVERY_MS = 60_000;

/**
 * How long a bound real identity is kept in memory. Every personal lookup needs the caller's identity, and
 * reading the account row for it was one of the few database round trips a lookup makes (issue 5 benchmark).
 * A binding changes only by binding again, which drops the entry here and, with Redis, in every copy; without
 * Redis a copy that did not see the re-binding may use the previous binding of the same account this long.
 */
const IDENTITY_CACHE_MS = 60_000;

/** A bound identity as stored: still encrypted in memory, decrypted per use. */
interface BoundIdentity {
  accountId: string;
  nameEncrypted: string;
  idNumberEncrypted: string;
  personId: string;
  nameMasked: string;
}

export class IdentityService {
  /** In-process cache of live sessions, only in front of a store that benefits from one (the database). */
  private readonly sessions: SessionCache<LiveSession>;
  /** Bound real identities by account id (see IDENTITY_CACHE_MS); unbound accounts are never cached. */
  private readonly identities = new SessionCache<BoundIdentity>(IDENTITY_CACHE_MS);
  private readonly touchEveryMs: number;

  constructor(private readonly d: IdentityDeps) {
    this.sessions = new SessionCache(d.sessions.cacheable ? d.settings.sessionCacheMs : 0);
    // With the test-only short idle limits a minute would be longer than the limit itself.
    this.touchEveryMs = Math.min(TOUCH_EVERY_MS, d.settings.sessionIdleMs / 4);
  }

  /** Listen for other copies' logins/logouts so their replaced sessions are not served from this cache. */
  async start() {
    await this.d.invalidation?.subscribe((accountId) => {
      this.sessions.dropAccount(accountId);
      this.identities.dropAccount(accountId);
    });
  }

  /** Drop an account's cached sessions and identity here and, through Redis, in every other copy. */
  private async dropCached(accountId: string) {
    this.sessions.dropAccount(accountId);
    this.identities.dropAccount(accountId);
    await this.d.invalidation?.publish(accountId);
  }

  private phoneIndex(phone: string) {
    return this.d.cipher.blindIndex(phone, 'phone');
  }

  private smsCodeHash(id: string, code: string) {
    return this.d.cipher.blindIndex(`${id}:${code}`, 'sms-code');
  }

  // ---- SMS codes ----

  /** Send a code; the same answer whether or not the phone has an account (no enumeration). */
  async sendSmsCode(
    phone: string,
    purpose: SmsPurpose,
    requestId: string,
    /** For consent codes: what the code agrees to, so a person tricked into reading it out sees what it does. */
    consentFor?: string,
  ): Promise<SmsSendReceipt> {
    const s = this.d.settings;
    const index = this.phoneIndex(phone);
    const recent = await repo.lastSmsCodes(this.d.db, index, new Date(Date.now() - 24 * 3_600_000));
    const last = recent[0];
    if (last && Date.now() - last.created_at.getTime() < s.smsResendMs) {
      const wait = Math.ceil((s.smsResendMs - (Date.now() - last.created_at.getTime())) / 1000);
      throw new AppError('SMS_TOO_FREQUENT', `验证码已发送，请${wait}秒后再重新获取。`);
    }
    if (recent.length >= s.smsDailyMax) {
      throw new AppError('SMS_TOO_FREQUENT', '今天获取验证码的次数已达上限，请明天再试或使用其他登录方式。');
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await repo.insertSmsCode(this.d.db, {
      phoneIndex: index,
      purpose,
      codeHash: (id) => this.smsCodeHash(id, code),
      expiresAt: new Date(Date.now() + s.smsCodeTtlMs),
    });
    await this.d.sms.send({
      phone,
      text: consentFor
        ? `【粤省事】${consentFor}验证码为${code}，${s.smsCodeTtlMs / 60_000}分钟内有效。如您不同意，请勿将验证码告诉任何人。`
        : `【粤省事】您的验证码为${code}，${s.smsCodeTtlMs / 60_000}分钟内有效。请勿将验证码告诉他人。`,
    });
    await this.d.audit.record({
      action: 'auth.sms.send',
      result: 'success',
      actorKind: 'anonymous',
      detail: { phone: maskPhone(phone), purpose },
      requestId,
    });
    return {
      message: `验证码已发送至${maskPhone(phone)}，请注意查收。`,
      resendAfterSeconds: s.smsResendMs / 1000,
      expiresInSeconds: s.smsCodeTtlMs / 1000,
    };
  }

  /** Check and consume a code (single use, limited tries, expiry). */
  private async consumeSmsCode(phone: string, purpose: SmsPurpose, code: string): Promise<void> {
    const row = await repo.latestOpenSmsCode(this.d.db, this.phoneIndex(phone), purpose);
    if (!row || row.expires_at.getTime() < Date.now() || row.attempts >= this.d.settings.smsMaxAttempts) {
      throw new AppError('SMS_CODE_EXPIRED', '验证码已失效，请重新获取验证码。');
    }
    const expected = Buffer.from(row.code_hash);
    const given = Buffer.from(this.smsCodeHash(row.id, code));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      await repo.countSmsAttempt(this.d.db, row.id);
      const left = this.d.settings.smsMaxAttempts - row.attempts - 1;
      throw new AppError(
        'SMS_CODE_INVALID',
        left > 0 ? `验证码不正确，您还可以尝试${left}次。` : '验证码不正确，请重新获取验证码。',
      );
    }
    if (!(await repo.consumeSmsCode(this.d.db, row.id))) {
      throw new AppError('SMS_CODE_EXPIRED', '验证码已使用，请重新获取验证码。');
    }
  }

  // ---- login ----

  async loginWithSms(phone: string, code: string, requestId: string) {
    await this.consumeSmsCode(phone, 'login', code);
    const account = await repo.findOrCreateAccount(this.d.db, {
      index: this.phoneIndex(phone),
      encrypted: this.d.cipher.encrypt(phone, PHONE_AAD),
      masked: maskPhone(phone),
    });
    // SMS proves the phone, not the person: it never unlocks personal data (no verification).
    return this.startSession(account.id, 'sms', false, requestId);
  }

  /**
   * PIN login. Failures and the lockout are counted per phone, registered or not, and the Argon2 check
   * runs either way: neither the words, the timing nor the lockout tell whether the phone has an account.
   */
  async loginWithPin(phone: string, pin: string, requestId: string) {
    const s = this.d.settings;
    const index = this.phoneIndex(phone);
    const locked = await repo.findLoginLock(this.d.db, index);
    if (locked) throw new AppError('PIN_LOCKED', lockedMessage(locked));
    const account = await repo.findAccountByPhoneIndex(this.d.db, index);
    const ok = await argon2Verify(account?.pin_hash ?? DUMMY_PIN_HASH, pin);
    if (!account?.pin_hash || !ok) {
      const lockedNow = await repo.recordLoginFailure(this.d.db, index, s.pinMaxFailures, s.pinLockMs);
      await this.d.audit.record({
        action: 'auth.login.pin',
        result: 'failure',
        actorKind: 'anonymous',
        subjectAccountId: account?.id ?? null,
        detail: { locked: lockedNow !== null },
        requestId,
      });
      if (lockedNow) throw new AppError('PIN_LOCKED', lockedMessage(lockedNow));
      throw new AppError('LOGIN_FAILED', LOGIN_FAILED_MESSAGE);
    }
    await repo.clearLoginFailures(this.d.db, index);
    return this.startSession(account.id, 'pin', true, requestId);
  }

  /** Verify the logged-in account's PIN (step-up, PIN change) with lockout; throws PIN_LOCKED or PIN_INVALID. */
  private async checkPin(account: repo.AccountRow, pin: string, requestId: string) {
    if (account.pin_locked_until && account.pin_locked_until.getTime() > Date.now()) {
      throw new AppError('PIN_LOCKED', lockedMessage(account.pin_locked_until));
    }
    if (!account.pin_hash || !(await argon2Verify(account.pin_hash, pin))) {
      const { lockedUntil, remaining } = await repo.recordPinFailure(
        this.d.db,
        account.id,
        this.d.settings.pinMaxFailures,
        this.d.settings.pinLockMs,
      );
      await this.d.audit.record({
        action: 'auth.pin',
        result: 'failure',
        actorKind: 'citizen',
        actorAccountId: account.id,
        subjectAccountId: account.id,
        detail: { locked: lockedUntil !== null },
        requestId,
      });
      if (lockedUntil) throw new AppError('PIN_LOCKED', lockedMessage(lockedUntil));
      throw new AppError('PIN_INVALID', `密码不正确，您还可以尝试${remaining}次。`);
    }
    await repo.clearPinFailures(this.d.db, account.id);
  }

  /** Start the account's only live session (one device at a time). Returns the opaque token for the cookie. */
  async startSession(accountId: string, method: LoginMethod, verified: boolean, requestId: string) {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.d.settings.sessionAbsoluteMs);
    this.sessions.dropAccount(accountId);
    const { session, replaced } = await this.d.sessions.createExclusive({
      accountId,
      tokenHash: sessionTokenHash(token),
      method,
      expiresAt,
      verified,
    });
    // again after the commit: a request racing the login must not keep the old session cached
    await this.dropCached(accountId);
    await this.d.audit.record({
      action: `auth.login.${method}`,
      result: 'success',
      actorKind: 'citizen',
      actorAccountId: accountId,
      subjectAccountId: accountId,
      detail: { replacedSessions: replaced },
      requestId,
    });
    return { token, session, expiresAt };
  }

  /** Resolve the caller from a session token; throws the precise 401 the web app needs. */
  async authenticate(token: string | undefined, requestId: string): Promise<AuthContext> {
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录后再继续。');
    const tokenHash = sessionTokenHash(token);
    let session = this.sessions.get(tokenHash);
    if (!session) {
      const found = await this.d.sessions.find(tokenHash);
      if (!found || found.endReason === 'logout') throw new AppError('UNAUTHENTICATED', '请先登录后再继续。');
      if (found.endReason === 'replaced') {
        throw new AppError(
          'SESSION_REPLACED',
          '您的账号已在其他设备登录，当前设备已退出。如非本人操作，请尽快修改密码。',
        );
      }
      if (found.endReason !== null) throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录。');
      session = found;
      this.sessions.set(tokenHash, session);
    }
    const now = Date.now();
    const idle = now - session.lastSeenAt.getTime() > this.d.settings.sessionIdleMs;
    if (session.expiresAt.getTime() < now || idle) {
      this.sessions.dropAccount(session.accountId);
      await this.d.sessions.end(session, 'expired');
      throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录。');
    }
    // Refresh the idle clock at most once a minute: one write per active user per minute, not per request.
    if (now - session.lastSeenAt.getTime() > this.touchEveryMs) {
      await this.d.sessions.touch(session);
      session.lastSeenAt = new Date(now);
    }
    return {
      sessionId: session.id,
      accountId: session.accountId,
      method: session.method,
      verifiedAt: session.verifiedAt,
      enrolmentVerifiedAt: session.enrolmentVerifiedAt,
      sessionCreatedAt: session.createdAt,
      requestId,
    };
  }

  /** Personal data and submissions need a recent passkey/PIN verification (the guide: 人脸识别验证 first). */
  async requireFreshVerification(ctx: AuthContext, what: string) {
    const fresh = ctx.verifiedAt && Date.now() - ctx.verifiedAt.getTime() <= this.d.settings.verificationMaxAgeMs;
    if (fresh) return;
    await this.d.audit.record({
      action: 'access.denied.verification',
      result: 'denied',
      actorKind: 'citizen',
      actorAccountId: ctx.accountId,
      subjectAccountId: ctx.accountId,
      detail: { what },
      requestId: ctx.requestId,
    });
    throw new AppError('VERIFICATION_REQUIRED', '为保护您的个人信息，请先完成刷脸或密码验证。');
  }

  async logout(ctx: AuthContext) {
    await this.d.sessions.end({ id: ctx.sessionId, accountId: ctx.accountId }, 'logout');
    await this.dropCached(ctx.accountId);
    await this.d.audit.record({
      action: 'auth.logout',
      result: 'success',
      actorKind: 'citizen',
      actorAccountId: ctx.accountId,
      subjectAccountId: ctx.accountId,
      requestId: ctx.requestId,
    });
  }

  async verifyWithPin(ctx: AuthContext, pin: string) {
    const account = await this.getAccount(ctx.accountId);
    if (!account.pin_hash) throw new AppError('PIN_NOT_SET', '您还没有设置密码，请先在“登录方式”中设置。');
    await this.checkPin(account, pin, ctx.requestId);
    await this.d.sessions.markVerified({ id: ctx.sessionId, accountId: ctx.accountId }, 'pin');
    await this.dropCached(ctx.accountId);
    await this.audit(ctx, 'auth.verify.pin', 'success');
    return this.profile(ctx.accountId, new Date());
  }

  async markVerified(ctx: AuthContext, method: string) {
    await this.d.sessions.markVerified({ id: ctx.sessionId, accountId: ctx.accountId }, method);
    await this.dropCached(ctx.accountId);
    await this.audit(ctx, `auth.verify.${method}`, 'success');
  }

  // ---- account settings ----

  async bindRealName(ctx: AuthContext, name: string, idNumber: string) {
    const parsed = parseResidentId(idNumber);
    if (!parsed.ok)
      throw new AppError('ID_NUMBER_INVALID', parsed.message, [{ path: 'idNumber', message: parsed.message }]);
    const account = await this.getAccount(ctx.accountId);
    const result = await this.d.proofing.check({ name, idNumber });
    const phone = this.d.cipher.decrypt(account.phone_encrypted, PHONE_AAD);
    // The register's phone must be the phone this account proved by SMS: binding a stranger's identity
    // needs their phone too. The message never says which part did not match.
    if (!result.matched || result.registeredPhone !== phone) {
      await this.audit(ctx, 'identity.real-name.bind', 'failure');
      throw new AppError(
        'REAL_NAME_MISMATCH',
        '姓名、身份证号码与登记信息不一致，或当前手机号码不是您在公安机关登记的号码。请核对后重试。',
      );
    }
    const outcome = await repo.bindRealName(this.d.db, ctx.accountId, {
      nameEncrypted: this.d.cipher.encrypt(name, NAME_AAD),
      idNumberEncrypted: this.d.cipher.encrypt(idNumber, ID_NUMBER_AAD),
      idNumberIndex: this.d.cipher.blindIndex(idNumber, 'id-number'),
      nameMasked: maskName(name),
      idNumberMasked: maskIdNumber(idNumber),
      hukouCityCode: result.hukouCityCode,
      personId: result.personId,
    });
    if (outcome === 'taken') {
      await this.audit(ctx, 'identity.real-name.bind', 'denied');
      throw new AppError('REAL_NAME_TAKEN', '该身份已绑定其他账号。如非本人操作，请联系客服处理。');
    }
    await this.dropCached(ctx.accountId);
    await this.audit(ctx, 'identity.real-name.bind', 'success');
    return this.profile(ctx.accountId, ctx.verifiedAt);
  }

  /**
   * Whether this session may enrol an authenticator (passkey or PIN) without a step-up: only the first
   * one, on a real-name account, soon after the SMS login that proved the registered phone.
   */
  async requireEnrolmentRight(ctx: AuthContext, what: string) {
    const account = await this.getAccount(ctx.accountId);
    if (!account.real_name_verified_at) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证。');
    const passkeys = await repo.listPasskeys(this.d.db, ctx.accountId);
    const first = !account.pin_hash && passkeys.length === 0;
    const window = this.d.settings.enrolmentWindowMs;
    const recentLogin = Date.now() - ctx.sessionCreatedAt.getTime() <= window;
    const recentSmsCheck = ctx.enrolmentVerifiedAt !== null && Date.now() - ctx.enrolmentVerifiedAt.getTime() <= window;
    if (first && (recentLogin || recentSmsCheck)) return account;
    await this.requireFreshVerification(ctx, what);
    return account;
  }

  async setPin(ctx: AuthContext, pin: string, currentPin: string | undefined) {
    const account = await this.requireEnrolmentRight(ctx, 'pin.set');
    if (account.pin_hash) {
      if (!currentPin) throw new AppError('PIN_INVALID', '请输入当前密码。');
      await this.checkPin(account, currentPin, ctx.requestId);
    }
    const idNumber = account.id_number_encrypted
      ? this.d.cipher.decrypt(account.id_number_encrypted, ID_NUMBER_AAD)
      : null;
    const parsed = idNumber ? parseResidentId(idNumber) : null;
    const weakness = pinWeakness(pin, parsed?.ok ? parsed.birthDate : null);
    if (weakness) throw new AppError('PIN_WEAK', `${weakness}，请重新设置。`, [{ path: 'pin', message: weakness }]);
    await repo.setPinHash(this.d.db, ctx.accountId, await argon2Hash(pin, ARGON2));
    if (account.default_login_method === 'sms') await repo.setDefaultLoginMethod(this.d.db, ctx.accountId, 'pin');
    await this.audit(ctx, 'identity.pin.set', 'success');
  }

  async setDefaultLoginMethod(ctx: AuthContext, method: LoginMethod) {
    const account = await this.getAccount(ctx.accountId);
    if (method === 'pin' && !account.pin_hash)
      throw new AppError('PIN_NOT_SET', '请先设置密码，再将其设为默认登录方式。');
    if (method === 'passkey' && (await repo.listPasskeys(this.d.db, ctx.accountId)).length === 0) {
      throw new AppError('VALIDATION_FAILED', '请先添加刷脸登录，再将其设为默认登录方式。');
    }
    await repo.setDefaultLoginMethod(this.d.db, ctx.accountId, method);
    await this.audit(ctx, 'identity.default-method.set', 'success');
    return this.profile(ctx.accountId, ctx.verifiedAt);
  }

  async reveal(ctx: AuthContext): Promise<RevealedIdentity> {
    await this.requireFreshVerification(ctx, 'identity.reveal');
    const a = await this.getAccount(ctx.accountId);
    if (!a.real_name_encrypted || !a.id_number_encrypted)
      throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证。');
    await this.audit(ctx, 'identity.reveal', 'success');
    return {
      name: this.d.cipher.decrypt(a.real_name_encrypted, NAME_AAD),
      idNumber: this.d.cipher.decrypt(a.id_number_encrypted, ID_NUMBER_AAD),
      phone: this.d.cipher.decrypt(a.phone_encrypted, PHONE_AAD),
    };
  }

  async accountPhone(accountId: string) {
    const a = await this.getAccount(accountId);
    return this.d.cipher.decrypt(a.phone_encrypted, PHONE_AAD);
  }

  async verifyWithSmsForEnrolment(ctx: AuthContext, code: string) {
    // An SMS code proves the phone again; it counts as enrolment proof, never as personal-data verification.
    await this.consumeSmsCode(await this.accountPhone(ctx.accountId), 'verify', code);
    await this.d.sessions.markEnrolmentVerified({ id: ctx.sessionId, accountId: ctx.accountId });
    await this.dropCached(ctx.accountId);
    await this.audit(ctx, 'auth.verify.sms', 'success');
  }

  async getAccount(accountId: string) {
    const a = await repo.findAccount(this.d.db, accountId);
    if (!a) throw new AppError('UNAUTHENTICATED', '请先登录后再继续。');
    return a;
  }

  async profile(accountId: string, verifiedAt: Date | null): Promise<AccountProfile> {
    const [a, passkeys] = await Promise.all([this.getAccount(accountId), repo.listPasskeys(this.d.db, accountId)]);
    const until = verifiedAt ? new Date(verifiedAt.getTime() + this.d.settings.verificationMaxAgeMs) : null;
    return {
      id: a.id,
      phoneMasked: a.phone_masked,
      realName:
        a.name_masked && a.id_number_masked
          ? { nameMasked: a.name_masked, idNumberMasked: a.id_number_masked, cityCode: a.hukou_city_code }
          : null,
      defaultLoginMethod: a.default_login_method,
      hasPin: a.pin_hash !== null,
      passkeyCount: passkeys.length,
      verifiedUntil: until && until.getTime() > Date.now() ? until.toISOString() : null,
    };
  }

  // ---- for the delegation module: a principal confirms on the agent's device ----

  /** The account's bound identity for other modules' server-side use (never sent as is; not audited here). */
  async realIdentity(accountId: string) {
    const bound = await this.boundIdentity(accountId);
    if (!bound) return null;
    return {
      name: this.d.cipher.decrypt(bound.nameEncrypted, NAME_AAD),
      idNumber: this.d.cipher.decrypt(bound.idNumberEncrypted, ID_NUMBER_AAD),
      personId: bound.personId,
      nameMasked: bound.nameMasked,
    };
  }

  /**
   * What a personal lookup needs of the caller: the ID number the department is asked with, and the masked
   * name shown beside the answer. The name itself stays sealed (one decryption fewer per lookup, and a
   * plain name that is never in memory cannot leak from it).
   */
  /**
   * Real-name accounts in id order, a page at a time, with the ID number (decrypted: for a background job that asks
   * a department about each citizen, e.g. 养老资格认证 reminders; never returned to a browser).
   */
  async realNameAccounts(afterId: string | null, limit: number) {
    const rows = await repo.realNameAccountsAfter(this.d.db, afterId, limit);
    return rows.map((r) => ({
      accountId: r.id,
      personId: r.person_id as string,
      idNumber: this.d.cipher.decrypt(r.id_number_encrypted as string, ID_NUMBER_AAD),
    }));
  }

  async lookupIdentity(accountId: string) {
    const bound = await this.boundIdentity(accountId);
    if (!bound) return null;
    return {
      idNumber: this.d.cipher.decrypt(bound.idNumberEncrypted, ID_NUMBER_AAD),
      personId: bound.personId,
      nameMasked: bound.nameMasked,
    };
  }

  private async boundIdentity(accountId: string) {
    let bound = this.identities.get(accountId);
    if (!bound) {
      const a = await this.getAccount(accountId);
      if (!a.real_name_encrypted || !a.id_number_encrypted || !a.person_id) return null;
      bound = {
        accountId,
        nameEncrypted: a.real_name_encrypted,
        idNumberEncrypted: a.id_number_encrypted,
        personId: a.person_id,
        // Written with the name at binding; an account bound before that column existed masks it here, once.
        nameMasked: a.name_masked ?? maskName(this.d.cipher.decrypt(a.real_name_encrypted, NAME_AAD)),
      };
      this.identities.set(accountId, bound);
    }
    return bound;
  }

  /** The account bound to a register person, if they have one (principal of a delegation). */
  findAccountByPersonId(personId: string) {
    return repo.findAccountByPersonId(this.d.db, personId);
  }

  /** Check a consent code sent to the principal's registered phone (single use, tries, expiry). */
  consumeConsentCode(phone: string, code: string) {
    return this.consumeSmsCode(phone, 'consent', code);
  }

  /** Check another account's PIN (the principal typing it on the agent's phone), with that account's lockout. */
  async checkPrincipalPin(principalAccountId: string, pin: string, requestId: string) {
    const account = await this.getAccount(principalAccountId);
    if (!account.pin_hash) throw new AppError('CONSENT_UNAVAILABLE', '对方尚未设置密码，请使用其他方式确认。');
    await this.checkPin(account, pin, requestId);
  }

  audit(ctx: AuthContext, action: string, result: 'success' | 'denied' | 'failure', detail?: Record<string, unknown>) {
    return this.d.audit.record({
      action,
      result,
      actorKind: 'citizen',
      actorAccountId: ctx.accountId,
      subjectAccountId: ctx.accountId,
      detail,
      requestId: ctx.requestId,
    });
  }
}

const LOGIN_FAILED_MESSAGE = '手机号码或密码不正确，请重试或使用短信验证码登录。';

function lockedMessage(until: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `密码错误次数过多，已锁定，请${minutes}分钟后再试，或使用短信验证码登录。`;
}
