import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.js';
import { FieldCipher, INDEX_KEY_AAD, UnknownDataKeyError } from './crypto.js';
import type { SealedColumn } from './sealed-column.js';

/**
 * The data keys of an installation (docs/data-keys.md): the one that seals (DATA_ENCRYPTION_KEY) and those that
 * only open (DATA_DECRYPTION_KEYS, during a rotation). In demo mode, without DATA_ENCRYPTION_KEY, they are files
 * under DATA_DIR/keys — data-encryption.key (created on first start, so that `npm start` works on a fresh clone)
 * and data-decryption.keys (one key a line, written by `npm run rotate-data-key`).
 */
export interface DataKeySet {
  current: Buffer;
  decryptionKeys: Buffer[];
}

export interface DataKeyConfig {
  dataEncryptionKey: Buffer | undefined;
  dataDecryptionKeys: Buffer[];
  dataDir: string;
  mode: 'demo' | 'production';
}

/** A data-key problem the platform cannot start with; the message says what to do, in Chinese. */
export class DataKeyError extends Error {}

export const demoKeyFiles = (dataDir: string) => ({
  current: path.join(dataDir, 'keys', 'data-encryption.key'),
  decryption: path.join(dataDir, 'keys', 'data-decryption.keys'),
});

const readKeyLines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => Buffer.from(l, 'base64'))
    : [];

/**
 * The configured keys; in demo mode without DATA_ENCRYPTION_KEY the key files (the current one created if
 * `create`, as the platform's first start does; a restore or a re-encryption never creates one: a new key could
 * open nothing).
 */
export function resolveDataKeys(config: DataKeyConfig, o: { create?: boolean } = {}): DataKeySet {
  if (config.dataEncryptionKey) {
    return { current: config.dataEncryptionKey, decryptionKeys: config.dataDecryptionKeys };
  }
  if (config.mode !== 'demo') throw new DataKeyError('需要数据密钥：请设置 DATA_ENCRYPTION_KEY。');
  const files = demoKeyFiles(config.dataDir);
  let current: Buffer;
  if (existsSync(files.current)) current = Buffer.from(readFileSync(files.current, 'utf8').trim(), 'base64');
  else if (o.create !== false) {
    mkdirSync(path.dirname(files.current), { recursive: true, mode: 0o700 });
    current = randomBytes(32);
    writeFileSync(files.current, current.toString('base64'), { mode: 0o600 });
  } else {
    throw new DataKeyError(`需要数据密钥：请设置 DATA_ENCRYPTION_KEY，或把原来的密钥文件放到 ${files.current}。`);
  }
  for (const k of [current, ...readKeyLines(files.decryption)]) {
    if (k.length !== 32) throw new DataKeyError(`${path.dirname(files.current)} 中的数据密钥不是32字节的base64。`);
  }
  return { current, decryptionKeys: [...config.dataDecryptionKeys, ...readKeyLines(files.decryption)] };
}

/** The sealing key alone (tests open what a test app sealed): resolveDataKeys' current key. */
export function resolveDataKey(configured: Buffer | undefined, dataDir: string, allowGenerated: boolean): Buffer {
  const mode = allowGenerated ? 'demo' : 'production';
  return resolveDataKeys({ dataEncryptionKey: configured, dataDecryptionKeys: [], dataDir, mode }).current;
}

/** The cipher of a key set (its index key still to be read from the database: establishIndexKey). */
export function cipherOf(keys: DataKeySet): FieldCipher {
  return new FieldCipher(keys.current, { decryptionKeys: keys.decryptionKeys });
}

/**
 * Demo rotation (`npm run rotate-data-key`, embedded installations): a new current key file, the old key kept in
 * data-decryption.keys so that everything stays readable until re-encrypted. Production rotates by its
 * configuration instead (docs/data-keys.md). Returns the new key set.
 */
export function rotateDemoKeyFiles(dataDir: string): DataKeySet {
  const files = demoKeyFiles(dataDir);
  if (!existsSync(files.current)) throw new DataKeyError(`没有找到数据密钥文件 ${files.current}。`);
  const old = readFileSync(files.current, 'utf8').trim();
  const kept = readKeyLines(files.decryption).map((k) => k.toString('base64'));
  writeFileSync(files.decryption, `${[old, ...kept.filter((k) => k !== old)].join('\n')}\n`, { mode: 0o600 });
  const next = randomBytes(32);
  writeFileSync(files.current, next.toString('base64'), { mode: 0o600 });
  return { current: next, decryptionKeys: readKeyLines(files.decryption) };
}

/**
 * Demo, after a re-encryption left nothing sealed with them: forget the keys that only open (the file emptied).
 */
export function forgetDemoDecryptionKeys(dataDir: string): void {
  const { decryption } = demoKeyFiles(dataDir);
  if (existsSync(decryption)) writeFileSync(decryption, '', { mode: 0o600 });
}

/**
 * The associated data of an index key's sealed copy: the first key keeps the one it was sealed with before
 * rotation existed (migrations/0076); each later key is bound to its place in the chain.
 */
export const indexKeyAad = (position: number) => (position === 0 ? INDEX_KEY_AAD : `${INDEX_KEY_AAD}:${position}`);

/** The index keys' sealed copies, re-sealed by the re-encryption like the personal data. */
export const INDEX_KEY_COLUMN: SealedColumn = {
  table: 'data_index_keys',
  column: 'key_encrypted',
  kind: 'text',
  key: ['position'],
  aad: (row) => indexKeyAad(Number(row.position)),
};

export interface EstablishIndexKeyOptions {
  /**
   * Accept a key still being rolled out (state 'pending'): only the index-key rotation itself, which finishes
   * what an interrupted run began. A server refuses: part of the indexes would be made with a key it skips.
   */
  includePending?: boolean;
}

/**
 * Give the cipher the installation's index-key chain (blind indexes), kept in data_index_keys sealed by the data
 * key. The first start after migrations/0076 stores the data key of that moment — the key every index so far was
 * made with — so that a later rotation of the data key changes no index; `npm run rotate-index-key` adds keys
 * (index-rotation.ts). Run after migrating, before anything computes an index (the demo seeds do). Returns the
 * chain's length and whether its last key is still pending.
 */
export async function establishIndexKey(
  db: Db,
  cipher: FieldCipher,
  o: EstablishIndexKeyOptions = {},
): Promise<{ keys: number; pending: boolean }> {
  let rows = await readIndexKeys(db);
  if (rows.length === 0) {
    if (cipher.keyIds.length > 1) {
      // With another key configured, which one made the indexes cannot be told: refuse rather than guess.
      throw new DataKeyError(
        '首次启动密钥轮换功能时，只能配置原来的数据密钥（DATA_ENCRYPTION_KEY），不能同时配置 DATA_DECRYPTION_KEYS：请先用原密钥启动一次。',
      );
    }
    await db
      .insertInto('data_index_keys')
      .values({
        position: 0,
        key_encrypted: cipher.encrypt(cipher.indexKeyToSeal().toString('base64'), indexKeyAad(0)),
      })
      .onConflict((oc) => oc.column('position').doNothing())
      .execute();
    rows = await readIndexKeys(db);
  }
  const pending = rows.some((r) => r.state === 'pending');
  if (pending && !o.includePending) {
    throw new DataKeyError(
      '索引密钥的轮换还没有完成（npm run rotate-index-key 被中断）：请先再次运行 npm run rotate-index-key，完成后再启动服务。',
    );
  }
  const keys = rows.map((row) => {
    try {
      return Buffer.from(cipher.decrypt(row.key_encrypted, indexKeyAad(row.position)), 'base64');
    } catch (err) {
      if (err instanceof UnknownDataKeyError) {
        throw new DataKeyError(
          `数据库中的数据是用另一把数据密钥（${err.keyId}）加密的，本机没有配置这把密钥：请在 DATA_DECRYPTION_KEYS 中加入它（配置的密钥：${cipher.keyIds.join('、')}）。`,
        );
      }
      throw new DataKeyError(
        '无法用配置的数据密钥打开数据库中的索引密钥：请检查 DATA_ENCRYPTION_KEY 是否为本数据库的密钥。',
      );
    }
  });
  cipher.useIndexKeys(keys);
  return { keys: keys.length, pending };
}

/** The chain, oldest first; a pending key can only be the last (a rotation adds one at a time). */
function readIndexKeys(db: Db) {
  return db.selectFrom('data_index_keys').select(['position', 'key_encrypted', 'state']).orderBy('position').execute();
}
