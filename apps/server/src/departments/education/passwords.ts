import { createHash, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Candidate passwords (中考 and 高考 查询密码) as the exam systems keep them: salted scrypt, never the password.
 * Stored as `scrypt$N$r$p$salt$hash` (base64), so that the verifier reads the cost from the record.
 *
 * The sandbox uses a low cost (N = 2^8, a fraction of a millisecond): the generator hashes one password per
 * candidate (about 190,000 for a province of 1,000,000 people, 40 in the demo seed that runs at every test
 * app's start) and must stay fast. A real exam system sets its own cost; the format carries it, and the
 * verifier accepts any N up to 2^17.
 */
const N = 256;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );
}

/**
 * Hashes already computed in this process, by salt and password: the demo province is seeded again at every
 * test app's start with the same salts, and a hash is a pure function of them. Keyed by a digest (no
 * password is kept); bounded, for large seeds.
 */
const memo = new Map<string, string>();

/** Hash with the given 16-byte salt (the generator draws it from its seeded stream: same seed, same rows). */
export async function hashPassword(password: string, salt: Buffer): Promise<string> {
  const memoKey = createHash('sha256').update(salt).update(password).digest('base64');
  const known = memo.get(memoKey);
  if (known) return known;
  const key = await derive(password, salt, N, R, P);
  const hash = `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
  if (memo.size >= 5_000) memo.clear();
  memo.set(memoKey, hash);
  return hash;
}

/** A stored hash no password matches: verified against when the number is unknown, so both take as long. */
const DECOY = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = (stored ?? DECOY).split('$');
  if (scheme !== 'scrypt' || !salt || !hash || !(Number(n) <= 131_072 && Number(r) <= 16 && Number(p) <= 4)) {
    return false;
  }
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return stored !== undefined && key.length === expected.length && timingSafeEqual(key, expected);
}
