import type { Config } from '../../config.js';

/** The identity rules in one place; values come from the validated config. */
export interface IdentitySettings {
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  verificationMaxAgeMs: number;
  cookieName: string;
  cookieSecure: boolean;
  rpId: string;
  rpName: string;
  origins: string[];
  smsCodeTtlMs: number;
  smsResendMs: number;
  smsDailyMax: number;
  smsMaxAttempts: number;
  pinMaxFailures: number;
  pinLockMs: number;
  /** In-process session cache lifetime (see session-cache.ts); 0 disables it. */
  sessionCacheMs: number;
  /** How long after an SMS login a new account may enrol its first passkey or PIN without step-up. */
  enrolmentWindowMs: number;
}

export function identitySettings(config: Config): IdentitySettings {
  return {
    sessionIdleMs: config.sessionIdleMs,
    sessionAbsoluteMs: config.sessionAbsoluteMs,
    verificationMaxAgeMs: config.verificationMaxAgeMs,
    // __Host- cookies must be Secure, host-only and Path=/: no subdomain can set or read them.
    cookieName: config.cookieSecure ? '__Host-yss_session' : 'yss_session',
    cookieSecure: config.cookieSecure,
    rpId: config.webauthnRpId,
    rpName: '粤省事',
    origins: config.publicOrigins,
    smsCodeTtlMs: 10 * 60_000,
    smsResendMs: config.smsResendMs,
    smsDailyMax: 10,
    smsMaxAttempts: 5,
    pinMaxFailures: 5,
    pinLockMs: 10 * 60_000,
    enrolmentWindowMs: 15 * 60_000,
    sessionCacheMs: config.sessionCacheMs,
  };
}
