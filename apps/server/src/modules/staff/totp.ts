import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps use it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
/** One step either side: clocks drift, and people type a code just as it changes. */
const WINDOW = 1;

function totp(secretBase32: string, issuer = '', label = '') {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random 160-bit secret (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, issuer: string, label: string): string {
  return totp(secretBase32, issuer, label).toString();
}

/**
 * The time step a code belongs to, within the window around `now`, or null when it matches none. The
 * caller refuses a step not newer than the last one accepted (no replay).
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code (the demo-only helper endpoint and tests). */
export function totpNow(secretBase32: string, now = Date.now()): { code: string; secondsLeft: number } {
  const seconds = Math.floor(now / 1000);
  return { code: totp(secretBase32).generate({ timestamp: now }), secondsLeft: PERIOD - (seconds % PERIOD) };
}
