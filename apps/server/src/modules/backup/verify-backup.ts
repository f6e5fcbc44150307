import { createHash } from 'node:crypto';
import { BackupError, type BackupHeader, openBackup } from './backup-file.js';
import type { BackupRecord } from './write-backup.js';

export interface VerifiedBackup {
  header: BackupHeader;
  tables: number;
  rows: number;
}

/**
 * Read a whole backup without a database: decrypt it (the GCM tag covers header and data), and check that its
 * records are in order and every table's rows match the count and SHA-256 written after them. A restore does
 * this first, so it never loads data that later turns out to be damaged; the console's 校验 does only this.
 */
export async function verifyBackup(file: string, dataKeys: Buffer | readonly Buffer[]): Promise<VerifiedBackup> {
  const { header, lines } = await openBackup(file, dataKeys);
  let table: string | undefined;
  let hash = createHash('sha256');
  let tableRows = 0;
  let tables = 0;
  let rows = 0;
  let closing: ['Z', number, number] | undefined;
  for await (const line of lines) {
    if (closing) throw new BackupError('BACKUP_DAMAGED', '备份文件在结束标记之后还有内容。');
    if (line.startsWith('{')) {
      if (!table) throw new BackupError('BACKUP_DAMAGED', '备份文件中有不属于任何表的数据行。');
      hash.update(line).update('\n');
      tableRows++;
      continue;
    }
    let record: BackupRecord;
    try {
      record = JSON.parse(line);
    } catch {
      throw new BackupError('BACKUP_DAMAGED', '备份文件中有无法识别的记录。');
    }
    switch (record[0]) {
      case 'T':
        if (table) throw new BackupError('BACKUP_DAMAGED', `备份文件中表 ${table} 没有结束标记。`);
        table = record[1];
        hash = createHash('sha256');
        tableRows = 0;
        break;
      case 'E':
        if (table !== record[1] || tableRows !== record[2] || hash.digest('hex') !== record[3]) {
          throw new BackupError('BACKUP_DAMAGED', `备份文件中表 ${record[1]} 的数据与其校验值不符。`);
        }
        tables++;
        rows += tableRows;
        table = undefined;
        break;
      case 'S':
        break;
      case 'Z':
        closing = record;
        break;
      default:
        throw new BackupError('BACKUP_DAMAGED', '备份文件中有无法识别的记录。');
    }
  }
  // Reaching here means the whole file was read and its GCM tag matched.
  if (!closing || table || closing[1] !== tables || closing[2] !== rows) {
    throw new BackupError('BACKUP_DAMAGED', '备份文件不完整（缺少结束标记或数目不符）。');
  }
  return { header, tables, rows };
}
