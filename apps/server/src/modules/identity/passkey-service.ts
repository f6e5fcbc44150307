import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { PasskeySummary } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuthContext, IdentityService } from './identity-service.js';
import * as repo from './repository.js';
import type { IdentitySettings } from './settings.js';

const CHALLENGE_TTL_MS = 5 * 60_000;

/** The challenge a browser signed, read from clientDataJSON (verified again by the library). */
function challengeOf(response: { response: { clientDataJSON: string } }): string {
  try {
    const client = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'));
    if (typeof client.challenge === 'string') return client.challenge;
  } catch {
    // fall through
  }
  throw new AppError('PASSKEY_FAILED', '验证数据无效，请重试。');
}

function summary(p: repo.PasskeyRow): PasskeySummary {
  return {
    id: p.id,
    nickname: p.nickname,
    createdAt: p.created_at.toISOString(),
    lastUsedAt: p.last_used_at?.toISOString() ?? null,
  };
}

/**
 * 刷脸登录: passkeys (WebAuthn) with user verification required, so the phone's face or fingerprint check
 * is what unlocks them. Challenges are single use and expire; the signature counter is checked.
 */
export class PasskeyService {
  constructor(
    private readonly db: Db,
    private readonly identity: IdentityService,
    private readonly s: IdentitySettings,
  ) {}

  /** Keep a challenge for one use within its lifetime, then hand the options to the browser. */
  private async remember<T extends { challenge: string }>(
    options: T,
    purpose: 'register' | 'login' | 'verify',
    accountId: string | null,
  ): Promise<T> {
    await repo.saveChallenge(this.db, {
      challenge: options.challenge,
      purpose,
      account_id: accountId,
      expires_at: new Date(Date.now() + CHALLENGE_TTL_MS),
    });
    return options;
  }

  async registrationOptions(ctx: AuthContext) {
    const account = await this.identity.requireEnrolmentRight(ctx, 'passkey.register');
    const existing = await repo.listPasskeys(this.db, ctx.accountId);
    const options = await generateRegistrationOptions({
      rpName: this.s.rpName,
      rpID: this.s.rpId,
      userName: account.phone_masked,
      userDisplayName: account.name_masked ?? account.phone_masked,
      userID: new TextEncoder().encode(account.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports as never })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      timeout: CHALLENGE_TTL_MS,
    });
    return this.remember(options, 'register', ctx.accountId);
  }

  async register(ctx: AuthContext, response: RegistrationResponseJSON, nickname: string | undefined) {
    const challenge = await repo.takeChallenge(this.db, challengeOf(response));
    if (challenge?.purpose !== 'register' || challenge.account_id !== ctx.accountId) {
      await this.identity.audit(ctx, 'identity.passkey.register', 'failure', { reason: 'challenge' });
      throw new AppError('PASSKEY_FAILED', '验证已过期，请重新添加刷脸登录。');
    }
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: this.s.origins,
        expectedRPID: this.s.rpId,
        requireUserVerification: true,
      });
    } catch {
      verification = { verified: false } as never;
    }
    if (!verification.verified || !verification.registrationInfo) {
      await this.identity.audit(ctx, 'identity.passkey.register', 'failure', { reason: 'verification' });
      throw new AppError('PASSKEY_FAILED', '添加刷脸登录未成功，请重试。');
    }
    const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
    if (await repo.findPasskeyByCredentialId(this.db, credential.id)) {
      throw new AppError('PASSKEY_FAILED', '该设备已添加过刷脸登录。');
    }
    const row = await repo.insertPasskey(this.db, {
      account_id: ctx.accountId,
      credential_id: credential.id,
      public_key: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      device_type: credentialDeviceType,
      backed_up: credentialBackedUp,
      nickname: nickname?.trim() || '我的手机',
    });
    // 刷脸 becomes the default way in once the account has it (the guide: 刷脸即可登录).
    const account = await this.identity.getAccount(ctx.accountId);
    if (account.default_login_method !== 'passkey') await repo.setDefaultLoginMethod(this.db, ctx.accountId, 'passkey');
    // Registering with user verification is itself a verification.
    await this.identity.markVerified(ctx, 'passkey');
    await this.identity.audit(ctx, 'identity.passkey.register', 'success');
    return summary(row);
  }

  /** Options for a login without a username (discoverable credentials). */
  async loginOptions() {
    const options = await generateAuthenticationOptions({
      rpID: this.s.rpId,
      userVerification: 'required',
      timeout: CHALLENGE_TTL_MS,
    });
    return this.remember(options, 'login', null);
  }

  async verifyOptions(ctx: AuthContext) {
    return this.verifyOptionsFor(ctx.accountId);
  }

  /** Whether an account has any passkey (a principal may then confirm a delegation by 刷脸). */
  async hasPasskey(accountId: string) {
    return (await repo.listPasskeys(this.db, accountId)).length > 0;
  }

  /**
   * Options asking a given account's passkeys to verify: the caller's own (step-up), or a principal's on
   * the agent's phone (cross-device 刷脸, confirming a delegation). checkAssertion(…, 'verify', accountId)
   * then accepts only that account's credentials.
   */
  async verifyOptionsFor(accountId: string) {
    const passkeys = await repo.listPasskeys(this.db, accountId);
    if (passkeys.length === 0) throw new AppError('PASSKEY_FAILED', '您还没有添加刷脸登录，请使用密码验证。');
    const options = await generateAuthenticationOptions({
      rpID: this.s.rpId,
      userVerification: 'required',
      allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: p.transports as never })),
      timeout: CHALLENGE_TTL_MS,
    });
    return this.remember(options, 'verify', accountId);
  }

  /** Check an assertion for a purpose; returns the account it proves. */
  async checkAssertion(
    response: AuthenticationResponseJSON,
    purpose: 'login' | 'verify',
    accountId: string | null,
  ): Promise<string | null> {
    const challenge = await repo.takeChallenge(this.db, challengeOf(response));
    if (!challenge || challenge.purpose !== purpose || (accountId && challenge.account_id !== accountId)) return null;
    const passkey = await repo.findPasskeyByCredentialId(this.db, response.id);
    if (!passkey || (accountId && passkey.account_id !== accountId)) return null;
    try {
      const result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: this.s.origins,
        expectedRPID: this.s.rpId,
        requireUserVerification: true,
        credential: {
          id: passkey.credential_id,
          publicKey: new Uint8Array(passkey.public_key),
          counter: Number(passkey.counter),
          transports: passkey.transports as never,
        },
      });
      if (!result.verified) return null;
      await repo.updatePasskeyUse(this.db, passkey.id, result.authenticationInfo.newCounter);
      return passkey.account_id;
    } catch {
      // a bad signature, a replayed (non-increasing) counter, a wrong origin or RP id: all just "no"
      return null;
    }
  }

  async list(ctx: AuthContext) {
    return (await repo.listPasskeys(this.db, ctx.accountId)).map(summary);
  }

  async rename(ctx: AuthContext, id: string, nickname: string) {
    if (!(await repo.renamePasskey(this.db, ctx.accountId, id, nickname))) {
      throw new AppError('NOT_FOUND', '找不到该刷脸登录设备。');
    }
    await this.identity.audit(ctx, 'identity.passkey.rename', 'success');
  }

  async remove(ctx: AuthContext, id: string) {
    await this.identity.requireFreshVerification(ctx, 'passkey.remove');
    if (!(await repo.deletePasskey(this.db, ctx.accountId, id)))
      throw new AppError('NOT_FOUND', '找不到该刷脸登录设备。');
    await this.identity.audit(ctx, 'identity.passkey.remove', 'success');
  }
}
