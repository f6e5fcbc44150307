import { createCipheriv, createDecipheriv, createHmac, hash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Authenticated encryption of personal data at rest (AES-256-GCM), with the key kept outside the
 * database: DATA_ENCRYPTION_KEY in production; in demo mode a key file under DATA_DIR/keys is created
 * on first start so that `npm start` works on a fresh clone.
 *
 * Ciphertext format: "v1.<iv b64url>.<tag b64url>.<ciphertext b64url>" — versioned for key rotation.
 */
export class FieldCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('FieldCipher needs a 32-byte key');
  }

  encrypt(plaintext: string, associatedData = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
      '.',
    );
  }

  decrypt(token: string, associatedData = ''): string {
    const [version, iv, tag, body] = token.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unrecognised ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * The same AES-256-GCM for bytes (uploaded files), without the base64 text's third more: version byte 1, the
   * 12-byte IV, the 16-byte tag, then the ciphertext. Bind it to its row with `associatedData` (e.g. the id).
   */
  encryptBytes(plaintext: Uint8Array, associatedData = ''): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.of(1), iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(sealed: Uint8Array, associatedData = ''): Buffer {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (bytes.length < 29 || bytes[0] !== 1) throw new Error('unrecognised ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(1, 13));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(bytes.subarray(13, 29));
    return Buffer.concat([decipher.update(bytes.subarray(29)), decipher.final()]);
  }

  /** Keyed lookup index (HMAC-SHA256) so equal values can be found without decrypting. */
  blindIndex(value: string, purpose: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${value}`).digest('base64url');
  }
}

/** The configured key, or (demo mode only) a key file created under DATA_DIR/keys on first use. */
export function resolveDataKey(configured: Buffer | undefined, dataDir: string, allowGenerated: boolean): Buffer {
  if (configured) return configured;
  if (!allowGenerated) throw new Error('DATA_ENCRYPTION_KEY is required');
  const file = path.join(dataDir, 'keys', 'data-encryption.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/**
 * What is stored of a session token (citizen or staff): its SHA-256 (base64url), so that a read of the sessions
 * table gives no token that could be used. One-shot `hash`, not a Hash object: it runs on every request.
 */
export function sessionTokenHash(token: string): string {
  return hash('sha256', token, 'base64url');
}
