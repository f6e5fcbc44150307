import { parseArgs } from 'node:util';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { migrate } from './db/migrate.js';
import { AuditLog } from './modules/audit/index.js';
import { ALL_SEALED_COLUMNS } from './modules/privacy/all-sealed-columns.js';
import {
  censusOfIndexes,
  censusOfKeys,
  cipherOf,
  DataKeyError,
  type DataKeySet,
  establishIndexKey,
  type FieldCipher,
  forgetDemoDecryptionKeys,
  holdServerCopiesOut,
  INDEXED_COLUMNS,
  keysStillInUse,
  rekey,
  resolveDataKeys,
  rotateDemoKeyFiles,
  rotateIndexKey,
} from './modules/privacy/index.js';

/**
 * The data-key commands of the CLI (docs/data-keys.md):
 * - `rekey [--check]`: re-encrypt every sealed value under DATA_ENCRYPTION_KEY (opening older ones with
 *   DATA_DECRYPTION_KEYS); --check only counts, per column, what each key sealed.
 * - `rotate-data-key`: demo installations (key files under DATA_DIR/keys): a new key, then the re-encryption,
 *   then the old key forgotten when nothing needs it any more.
 * - `rotate-index-key [--check]`: every server copy stopped, a new index key wraps every stored blind index;
 *   --check only counts, per column, which index key made the stored indexes.
 */

type WithDatabase = <T>(fn: (d: DatabaseHandle) => Promise<T>) => Promise<T>;

/** A key id as the census prints it: the current one marked, 'v1' (values from before key ids) explained. */
const keyLabel = (id: string, current: string) =>
  id === current ? `${id}（当前）` : id === 'v1' ? 'v1（轮换功能之前写入，未标明密钥）' : id;

/** Per column, how many values each key made (the key named by `label`, the current one marked). */
function printCensus(
  census: readonly { table: string; column: string; byKey: Record<string, number> }[],
  current: string,
  label: (id: string, current: string) => string = keyLabel,
) {
  for (const c of census) {
    const counts = Object.entries(c.byKey)
      .map(([id, n]) => `${label(id, current)} ${n.toLocaleString('en')}`)
      .join('，');
    if (counts) console.log(`  ${c.table}.${c.column}: ${counts}`);
  }
}

/** Re-encrypt under the cipher's current key and report; true when nothing failed. */
async function rekeyAll(db: DatabaseHandle['db'], cipher: FieldCipher): Promise<{ ok: boolean; leftOver: string[] }> {
  const started = Date.now();
  let lastPrinted = 0;
  const report = await rekey(db, cipher, ALL_SEALED_COLUMNS, {
    onBatch: (c) => {
      if (Date.now() - lastPrinted < 2000) return;
      lastPrinted = Date.now();
      console.log(`  … ${c.table}.${c.column}: ${c.resealed.toLocaleString('en')}`);
    },
  });
  const resealed = report.reduce((n, c) => n + c.resealed, 0);
  const failed = report.filter((c) => c.failed > 0);
  console.log(
    `重新加密完成：${resealed.toLocaleString('en')} 个值改用密钥 ${cipher.keyId}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  for (const c of failed) console.error(`  无法打开 ${c.failed} 个值：${c.firstError}`);
  const census = await censusOfKeys(db, ALL_SEALED_COLUMNS);
  const leftOver = keysStillInUse(census, cipher.keyId);
  await new AuditLog(db).record({
    action: 'platform.rekey',
    result: failed.length ? 'failure' : 'success',
    actorKind: 'system',
    detail: { keyId: cipher.keyId, resealed, failed: failed.reduce((n, c) => n + c.failed, 0), leftOver },
  });
  return { ok: failed.length === 0, leftOver };
}

/** Migrated, index key read (it proves the keys open this database), then `fn` with the cipher. */
async function withCipher<T>(
  withDatabase: WithDatabase,
  keys: DataKeySet,
  fn: (d: DatabaseHandle, cipher: FieldCipher) => Promise<T>,
): Promise<T> {
  return withDatabase(async (d) => {
    await migrate(d.db);
    const cipher = cipherOf(keys);
    await establishIndexKey(d.db, cipher);
    return fn(d, cipher);
  });
}

export async function rekeyCommand(config: Config, args: string[], withDatabase: WithDatabase): Promise<number> {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false } }, strict: true });
  const keys = resolveDataKeys(config, { create: false });
  return withCipher(withDatabase, keys, async (d, cipher) => {
    if (values.check) {
      const census = await censusOfKeys(d.db, ALL_SEALED_COLUMNS);
      console.log(`各列加密所用的密钥（当前密钥 ${cipher.keyId}）：`);
      printCensus(census, cipher.keyId);
      const old = keysStillInUse(census, cipher.keyId);
      console.log(
        old.length
          ? `仍在使用的旧密钥：${old.map((id) => keyLabel(id, cipher.keyId)).join('、')}；运行 npm run rekey 改用当前密钥。`
          : '没有值再使用旧密钥。',
      );
      return 0;
    }
    const { ok, leftOver } = await rekeyAll(d.db, cipher);
    if (leftOver.length) {
      console.log(
        `仍有值使用旧密钥：${leftOver.join('、')}（见上面的错误）；在它们被处理之前，请保留 DATA_DECRYPTION_KEYS。`,
      );
    } else {
      console.log(
        cipher.keyIds.length > 1
          ? '所有值都已使用当前密钥：可以从 DATA_DECRYPTION_KEYS 中删除旧密钥，并重启各服务实例。'
          : '所有值都已使用当前密钥。',
      );
    }
    return ok ? 0 : 1;
  });
}

export async function rotateDataKeyCommand(config: Config, withDatabase: WithDatabase): Promise<number> {
  if (config.mode !== 'demo' || config.dataEncryptionKey) {
    throw new DataKeyError(
      'rotate-data-key 只用于演示模式的密钥文件。生产环境请按 docs/data-keys.md 轮换：新密钥先加入 DATA_DECRYPTION_KEYS，再设为 DATA_ENCRYPTION_KEY，然后运行 npm run rekey。',
    );
  }
  const before = resolveDataKeys(config, { create: false });
  // The index key is stored with the old key first, if this database has never been started since 0076.
  await withCipher(withDatabase, before, async () => undefined);
  const after = rotateDemoKeyFiles(config.dataDir);
  console.log(`新的数据密钥 ${cipherOf(after).keyId} 已写入 ${config.dataDir}/keys；旧密钥暂时只用于解密。`);
  return withCipher(withDatabase, after, async (d, cipher) => {
    const { ok, leftOver } = await rekeyAll(d.db, cipher);
    if (ok && leftOver.length === 0) {
      forgetDemoDecryptionKeys(config.dataDir);
      console.log('所有值都已使用新密钥，旧密钥已删除。');
    } else {
      console.log(`旧密钥保留在 ${config.dataDir}/keys/data-decryption.keys 中（仍有值使用它）。`);
    }
    return ok ? 0 : 1;
  });
}

/** An index key's id as the census prints it ('' is the chain's first key, whose indexes carry no prefix). */
const indexKeyLabel = (id: string, current: string) =>
  `${id === '' ? '首个索引密钥（无前缀）' : id}${id === current ? '（当前）' : ''}`;

export async function rotateIndexKeyCommand(
  config: Config,
  args: string[],
  withDatabase: WithDatabase,
): Promise<number> {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false } }, strict: true });
  const keys = resolveDataKeys(config, { create: false });
  return withDatabase(async (d) => {
    await migrate(d.db);
    const cipher = cipherOf(keys);
    if (values.check) {
      const chain = await establishIndexKey(d.db, cipher, { includePending: true });
      console.log(
        `各列索引所用的索引密钥（共 ${chain.keys} 把${chain.pending ? '，最后一把仍在轮换中' : ''}；当前 ${indexKeyLabel(cipher.indexKeyId, '')}）：`,
      );
      printCensus(await censusOfIndexes(d.db, INDEXED_COLUMNS), cipher.indexKeyId, indexKeyLabel);
      return 0;
    }
    const lock = await holdServerCopiesOut(d);
    try {
      const started = Date.now();
      let lastPrinted = started;
      const rotation = await rotateIndexKey(d.db, cipher, INDEXED_COLUMNS, {
        onBatch: (c) => {
          if (Date.now() - lastPrinted < 2000) return;
          lastPrinted = Date.now();
          console.log(`  … ${c.table}.${c.column}: ${c.rewritten.toLocaleString('en')}`);
        },
      });
      const rewritten = rotation.columns.reduce((n, c) => n + c.rewritten, 0);
      const failed = rotation.columns.filter((c) => c.failed > 0);
      console.log(
        `${rotation.resumed ? '继续完成上次中断的轮换：' : ''}${rewritten.toLocaleString('en')} 个索引改用新索引密钥 ${rotation.keyId}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
      );
      for (const c of failed) console.error(`  无法转换 ${c.failed} 个索引：${c.firstError}`);
      await new AuditLog(d.db).record({
        action: 'platform.rotate-index-key',
        result: rotation.activated ? 'success' : 'failure',
        actorKind: 'system',
        detail: {
          keyId: rotation.keyId,
          position: rotation.position,
          resumed: rotation.resumed,
          rewritten,
          failed: failed.reduce((n, c) => n + c.failed, 0),
        },
      });
      console.log(
        rotation.activated
          ? '索引密钥轮换完成：现在可以启动服务。'
          : '有索引无法转换（见上面的错误），新索引密钥仍在轮换中，服务不会启动：处理后请再次运行 npm run rotate-index-key。',
      );
      return rotation.activated ? 0 : 1;
    } finally {
      await lock.release();
    }
  });
}
