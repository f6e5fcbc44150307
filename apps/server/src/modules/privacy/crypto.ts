import { createCipheriv, createDecipheriv, createHmac, hash, randomBytes } from 'node:crypto';

/** The associated data of the first lookup-index key's sealed copy (table data_index_keys, data-keys.ts). */
export const INDEX_KEY_AAD = 'data_index_key';

/**
 * A data key's public name: 6 bytes of an HMAC of the key (8 base64url characters). It tells which key sealed a
 * value without telling anything of the key.
 */
export function dataKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('yss data key id').digest().subarray(0, 6).toString('base64url');
}

/**
 * An index key's public name (8 base64url characters), the prefix of every blind index made through it after a
 * rotation (`<id>.<digest>`). Labelled apart from dataKeyId, so the same bytes never get the same name in both.
 */
export function indexKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('yss index key id').digest().subarray(0, 6).toString('base64url');
}

/** Which layer of the index-key chain made a stored blind index (FieldCipher.reindex). */
export class UnknownIndexKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`blind index made with index key ${keyId}, which this database does not hold`);
  }
}

export interface FieldCipherOptions {
  /**
   * Keys that only open (key rotation): the previous data key while the stored values are re-encrypted under the
   * new one (`npm run rekey`), or the next one before every server copy has been given it.
   */
  decryptionKeys?: readonly Buffer[];
  /** The key of the blind indexes (default: `key`); the platform keeps its chain in data_index_keys (data-keys.ts). */
  indexKey?: Buffer;
}

/**
 * Authenticated encryption of personal data at rest (AES-256-GCM), with the keys kept outside the database:
 * DATA_ENCRYPTION_KEY in production; in demo mode a key file under DATA_DIR/keys is created on first start so
 * that `npm start` works on a fresh clone.
 *
 * Key rotation: every value names the key that sealed it, and the cipher opens with any key it was given
 * (`decryptionKeys`) while it seals with the current one only. Formats:
 * - text "v2.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts); "v1.<iv>.<tag>.<ciphertext>" (before key ids:
 *   opened by trying each key, GCM's tag tells the right one);
 * - bytes: 2, the 6-byte key id, the 12-byte IV, the 16-byte tag, the ciphertext; version 1 had no key id.
 * Blind indexes (HMAC) use the index key, which does not change with the data key: see data-keys.ts.
 */
export class FieldCipher {
  /** The id of the key that seals (dataKeyId). */
  readonly keyId: string;
  private readonly keyIdBytes: Buffer;
  private readonly keys = new Map<string, Buffer>();
  /**
   * The index-key chain (data-keys.ts, docs/data-keys.md): the first key makes the digest, each later one wraps
   * the digest of the one before. A rotation adds a key and wraps the stored indexes without their values.
   */
  private indexLayers: { id: string; key: Buffer }[];

  constructor(
    private readonly key: Buffer,
    options: FieldCipherOptions = {},
  ) {
    for (const k of [key, ...(options.decryptionKeys ?? [])]) {
      if (k.length !== 32) throw new Error('FieldCipher needs 32-byte keys');
      this.keys.set(dataKeyId(k), k);
    }
    this.keyId = dataKeyId(key);
    this.keyIdBytes = Buffer.from(this.keyId, 'base64url');
    this.indexLayers = [];
    this.useIndexKeys([options.indexKey ?? key]);
  }

  /** The ids of every key this cipher opens with, the sealing one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plaintext: string, associatedData = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v2',
      this.keyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  decrypt(token: string, associatedData = ''): string {
    const parts = token.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, kid, iv, tag, body] = parts as [string, string, string, string, string];
      return openText(this.keyNamed(kid), iv, tag, body, associatedData);
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, iv, tag, body] = parts as [string, string, string, string];
      return this.tryEachKey((key) => openText(key, iv, tag, body, associatedData));
    }
    throw new Error('unrecognised ciphertext');
  }

  /**
   * The same AES-256-GCM for bytes (uploaded files), without the base64 text's third more. Bind it to its row
   * with `associatedData` (e.g. the id).
   */
  encryptBytes(plaintext: Uint8Array, associatedData = ''): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.of(2), this.keyIdBytes, iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(sealed: Uint8Array, associatedData = ''): Buffer {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (bytes[0] === 2 && bytes.length >= 35) {
      const key = this.keyNamed(bytes.subarray(1, 7).toString('base64url'));
      return openBytes(key, bytes.subarray(7), associatedData);
    }
    if (bytes[0] === 1 && bytes.length >= 29) {
      return this.tryEachKey((key) => openBytes(key, bytes.subarray(1), associatedData));
    }
    throw new Error('unrecognised ciphertext');
  }

  /**
   * The id of the key a stored value was sealed with: a key id, 'v1' for a value from before key ids, undefined
   * for something that is not a sealed value. (Re-encryption skips values sealed with `keyId` already.)
   */
  static sealedWith(value: string | Uint8Array): string | undefined {
    if (typeof value === 'string') {
      const parts = value.split('.');
      if (parts[0] === 'v2' && parts.length === 5) return parts[1];
      return parts[0] === 'v1' && parts.length === 4 ? 'v1' : undefined;
    }
    if (value[0] === 2 && value.length >= 35) return Buffer.from(value.subarray(1, 7)).toString('base64url');
    return value[0] === 1 && value.length >= 29 ? 'v1' : undefined;
  }

  /**
   * Keyed lookup index (HMAC-SHA256) so equal values can be found without decrypting. With one index key it is
   * the digest itself (what every installation stored before index-key rotation); after a rotation each later key
   * wraps the digest of the one before, and the value names the last key: `<index key id>.<digest>`.
   */
  blindIndex(value: string, purpose: string): string {
    const first = this.indexLayers[0] as { key: Buffer };
    return this.wrapFrom(1, createHmac('sha256', first.key).update(`${purpose}\u0000${value}`).digest('base64url'));
  }

  /**
   * A stored blind index as the current chain makes it, computed from the stored value alone (no personal data):
   * what the index-key rotation writes back. Unchanged when it is current already; UnknownIndexKeyError when a
   * key this cipher does not hold made it.
   */
  reindex(stored: string): string {
    const dot = stored.indexOf('.');
    if (dot < 0) return this.wrapFrom(1, stored);
    const id = stored.slice(0, dot);
    const layer = this.indexLayers.findIndex((l, i) => i > 0 && l.id === id);
    if (layer < 0) throw new UnknownIndexKeyError(id);
    return this.wrapFrom(layer + 1, stored.slice(dot + 1));
  }

  /** The id of the key that makes blind indexes now ('' while the first key is the only one: no prefix). */
  get indexKeyId(): string {
    return this.indexLayers.length > 1 ? (this.indexLayers[this.indexLayers.length - 1] as { id: string }).id : '';
  }

  /** The first index key's bytes, only to be sealed into data_index_keys on the first start (data-keys.ts). */
  indexKeyToSeal(): Buffer {
    return Buffer.from((this.indexLayers[0] as { key: Buffer }).key);
  }

  /** Use the installation's index-key chain, oldest first (read from data_index_keys at start, data-keys.ts). */
  useIndexKeys(keys: readonly Buffer[]): void {
    if (keys.length === 0) throw new Error('FieldCipher needs an index key');
    for (const k of keys) if (k.length !== 32) throw new Error('FieldCipher needs 32-byte index keys');
    this.indexLayers = keys.map((key) => ({ id: indexKeyId(key), key }));
  }

  /** Wrap a digest of layer `from - 1` with layers `from` … last; prefixed with the last key's id if it wrapped. */
  private wrapFrom(from: number, digest: string): string {
    if (from >= this.indexLayers.length) return from === 1 ? digest : `${this.indexKeyId}.${digest}`;
    let d = digest;
    for (let i = from; i < this.indexLayers.length; i++) {
      const layer = this.indexLayers[i] as { key: Buffer };
      d = createHmac('sha256', layer.key).update(`yss index layer\u0000${d}`).digest('base64url');
    }
    return `${this.indexKeyId}.${d}`;
  }

  private keyNamed(kid: string): Buffer {
    const key = this.keys.get(kid);
    if (!key) throw new UnknownDataKeyError(kid);
    return key;
  }

  private tryEachKey<T>(open: (key: Buffer) => T): T {
    let failure: unknown;
    for (const key of this.keys.values()) {
      try {
        return open(key);
      } catch (err) {
        failure = err;
      }
    }
    throw failure;
  }
}

/** A value sealed with a data key this server was not given (a retired key removed too early, another site's). */
export class UnknownDataKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`sealed with data key ${keyId}, which is not configured (DATA_ENCRYPTION_KEY / DATA_DECRYPTION_KEYS)`);
  }
}

function openText(key: Buffer, iv: string, tag: string, body: string, associatedData: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** IV (12), tag (16), ciphertext. */
function openBytes(key: Buffer, rest: Buffer, associatedData: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, rest.subarray(0, 12));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(rest.subarray(12, 28));
  return Buffer.concat([decipher.update(rest.subarray(28)), decipher.final()]);
}

/**
 * What is stored of a session token (citizen or staff): its SHA-256 (base64url), so that a read of the sessions
 * table gives no token that could be used. One-shot `hash`, not a Hash object: it runs on every request.
 */
export function sessionTokenHash(token: string): string {
  return hash('sha256', token, 'base64url');
}
