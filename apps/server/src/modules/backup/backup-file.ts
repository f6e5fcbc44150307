import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * The backup file (`*.yssbak`), one format for PGlite and PostgreSQL alike, so that a backup of the embedded
 * default restores into PostgreSQL (the way from a trial to production) and back:
 *
 *   `YSSBAK1 <header JSON>\n`  in clear: what it is, when, from which engine and migrations, the key fingerprint
 *   AES-256-GCM( gzip( lines ) )  the data, one line per record (see backup-records.ts)
 *   16 bytes                   the GCM tag, over the data and (as associated data) the header line
 *
 * The data key (DATA_ENCRYPTION_KEY) is the one secret: each file's key is derived from it with HKDF and a salt of
 * the file's own, so a backup is no use to whoever takes it without that key — and restoring needs that key
 * anyway, since the personal fields inside are encrypted with it.
 */

export const BACKUP_MAGIC = 'YSSBAK1 ';
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 1 << 20;

export interface BackupHeader {
  format: 'yss-backup';
  version: 1;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  /** The migrations the database had, [version, checksum], in order. */
  migrations: Array<[string, string]>;
  /** Which data key the file is for (HKDF of the key: tells a wrong key apart before reading anything). */
  keyFingerprint: string;
  salt: string;
  iv: string;
}

export type BackupErrorCode =
  | 'BACKUP_NOT_A_BACKUP'
  | 'BACKUP_WRONG_KEY'
  | 'BACKUP_DAMAGED'
  | 'RESTORE_TARGET_NOT_EMPTY'
  | 'RESTORE_NEWER_BACKUP'
  | 'RESTORE_SCHEMA_MISMATCH'
  | 'RESTORE_VERIFY_FAILED';

/** A backup or restore that cannot go on, with a stable code and a message for the operator. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export function keyFingerprint(dataKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'yss-backup-key-fingerprint-v1', 16)).toString('hex');
}

function fileKey(dataKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, salt, 'yss-backup-v1', 32));
}

/** Writes a backup line by line; the file appears under its name only once complete (written as `.partial`). */
export class BackupWriter {
  private bytesIn = 0;

  private constructor(
    private readonly path: string,
    private readonly gzip: ReturnType<typeof createGzip>,
    private readonly done: Promise<void>,
  ) {}

  static async create(
    path: string,
    dataKey: Buffer,
    meta: Pick<BackupHeader, 'createdAt' | 'engine' | 'migrations'>,
  ): Promise<BackupWriter> {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const header: BackupHeader = {
      format: 'yss-backup',
      version: 1,
      ...meta,
      keyFingerprint: keyFingerprint(dataKey),
      salt: salt.toString('base64url'),
      iv: iv.toString('base64url'),
    };
    const headerLine = Buffer.from(`${BACKUP_MAGIC}${JSON.stringify(header)}\n`);
    const out = createWriteStream(`${path}.partial`, { mode: 0o600 });
    const cipher = createCipheriv('aes-256-gcm', fileKey(dataKey, salt), iv);
    cipher.setAAD(headerLine);
    const gzip = createGzip({ level: 6 });
    out.write(headerLine);
    gzip.pipe(cipher).pipe(out, { end: false });
    const done = (async () => {
      await Promise.race([
        once(cipher, 'end'),
        once(out, 'error').then(([err]) => Promise.reject(err)),
        once(gzip, 'error').then(([err]) => Promise.reject(err)),
      ]);
      out.end(cipher.getAuthTag());
      await once(out, 'finish');
    })();
    done.catch(() => undefined); // awaited in finish(); a failure before then must not go unhandled
    return new BackupWriter(path, gzip, done);
  }

  /** One record (no newline inside: JSON text has none). Waits when the file lags behind. */
  async line(text: string): Promise<void> {
    this.bytesIn += text.length + 1;
    if (!this.gzip.write(`${text}\n`)) await once(this.gzip, 'drain');
  }

  /** Close the file and give it its name; returns its size. */
  async finish(): Promise<number> {
    this.gzip.end();
    await this.done;
    await rename(`${this.path}.partial`, this.path);
    return (await stat(this.path)).size;
  }

  /** Give up: the partial file goes. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => undefined);
    await rm(`${this.path}.partial`, { force: true });
  }
}

/** Reads the clear header only (listing, checking the key) without decrypting anything. */
export async function readBackupHeader(path: string): Promise<{ header: BackupHeader; headerBytes: number }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(MAX_HEADER_BYTES, (await handle.stat()).size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    const text = end > 0 ? buffer.subarray(0, end).toString('utf8') : '';
    if (!text.startsWith(BACKUP_MAGIC)) throw new BackupError('BACKUP_NOT_A_BACKUP', '这不是粤省事的备份文件。');
    let header: BackupHeader;
    try {
      header = JSON.parse(text.slice(BACKUP_MAGIC.length));
    } catch {
      throw new BackupError('BACKUP_NOT_A_BACKUP', '备份文件的文件头无法读取。');
    }
    if (header.format !== 'yss-backup' || header.version !== 1) {
      throw new BackupError('BACKUP_NOT_A_BACKUP', '备份文件的格式版本不受支持。');
    }
    return { header, headerBytes: end + 1 };
  } finally {
    await handle.close();
  }
}

/**
 * The records of a backup, line by line. The GCM tag is checked when the last line has been read: a reader must
 * not act on what it read (commit a restore, call a file sound) before the iteration has ended without an error.
 */
export async function openBackup(
  path: string,
  dataKeys: Buffer | readonly Buffer[],
): Promise<{ header: BackupHeader; lines: AsyncIterable<string> }> {
  const { header, headerBytes } = await readBackupHeader(path);
  // After a key rotation the file may be of the previous key, which the installation still holds to open.
  const dataKey = (Array.isArray(dataKeys) ? dataKeys : [dataKeys as Buffer]).find(
    (k) => keyFingerprint(k) === header.keyFingerprint,
  );
  if (!dataKey) {
    throw new BackupError(
      'BACKUP_WRONG_KEY',
      '这份备份是用另一把数据密钥加密的：请使用备份时的 DATA_ENCRYPTION_KEY（轮换后可放在 DATA_DECRYPTION_KEYS；演示模式为 DATA_DIR/keys 下的密钥文件）。',
    );
  }
  const size = (await stat(path)).size;
  if (size < headerBytes + TAG_BYTES) throw new BackupError('BACKUP_DAMAGED', '备份文件不完整。');
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await open(path, 'r');
  try {
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const headerLine = Buffer.alloc(headerBytes);
  const h2 = await open(path, 'r');
  try {
    await h2.read(headerLine, 0, headerBytes, 0);
  } finally {
    await h2.close();
  }
  const decipher = createDecipheriv(
    'aes-256-gcm',
    fileKey(dataKey, Buffer.from(header.salt, 'base64url')),
    Buffer.from(header.iv, 'base64url'),
  );
  decipher.setAAD(headerLine);
  decipher.setAuthTag(tag);
  const source = createReadStream(path, { start: headerBytes, end: size - TAG_BYTES - 1 });
  const gunzip = createGunzip();
  const damaged = (err: unknown) =>
    new BackupError('BACKUP_DAMAGED', `备份文件已损坏或被改动（${(err as Error).message}）。`);
  // A failure of any stage (a short read, a wrong tag at the end, bad gzip) ends the iteration with an error:
  // the last stage is destroyed with it, and iterating a destroyed stream rejects.
  source.on('error', (err) => gunzip.destroy(err));
  decipher.on('error', (err) => gunzip.destroy(err));
  source.pipe(decipher).pipe(gunzip);
  gunzip.setEncoding('utf8');
  async function* lines(): AsyncGenerator<string> {
    let rest = '';
    try {
      for await (const chunk of gunzip as AsyncIterable<string>) {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        yield* parts;
      }
    } catch (err) {
      throw damaged(err);
    } finally {
      source.destroy();
    }
    if (rest !== '') throw damaged(new Error('the last record has no end'));
  }
  return { header, lines: lines() };
}
