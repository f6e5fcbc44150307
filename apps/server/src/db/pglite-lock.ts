import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';

/**
 * PGlite allows one process per data folder: a second process (a second `npm start`, or the CLI's backup or
 * restore while the platform runs) would corrupt it. So the folder gets a lock file beside it, `<folder>.lock`,
 * holding the owner's pid and host; a lock whose process is gone is taken over. Another process of this host
 * still alive is refused with a message that says what to do.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${pid} 使用（嵌入式数据库同一时间只能由一个进程打开）。` +
        '请先停止正在运行的平台；运行中的平台可在控制台“数据备份”中立即备份。' +
        `若该进程已不存在，请删除 ${dataDir}.lock 后重试。`,
    );
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the folder's lock; returns the release function. Re-entrant within one process (tests reopen folders). */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  const mine = `${process.pid}@${os.hostname()}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, mine);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === mine) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = '';
    try {
      owner = readFileSync(file, 'utf8');
    } catch {
      continue; // released meanwhile: try again
    }
    const [pidText, host] = owner.split('@');
    const pid = Number(pidText);
    const sameHost = host === os.hostname();
    if (owner === mine) return () => undefined; // this process holds it already: the first opener releases it
    if (Number.isInteger(pid) && pid > 0 && (!sameHost || alive(pid))) throw new DataDirLockedError(dataDir, pid);
    rmSync(file, { force: true }); // a lock left by a process that ended
  }
  throw new Error(`could not lock ${dataDir}`);
}
