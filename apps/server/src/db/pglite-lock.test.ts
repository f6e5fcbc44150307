import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { DataDirLockedError, lockDataDir } from './pglite-lock.js';

describe('one process per embedded data folder', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yss-lock-'));
    dirs.push(dir);
    return path.join(dir, 'pglite');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('opening takes the lock and closing gives it back', async () => {
    const dir = folder();
    const db = await openDatabase({ pgliteDataDir: dir });
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(`${process.pid}@${os.hostname()}`);
    await db.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  }, 60_000);

  it('a folder held by another live process of this host is refused, saying what to do', () => {
    const dir = folder();
    // pid 1 is always alive (init of the machine or container).
    writeFileSync(`${dir}.lock`, `1@${os.hostname()}`);
    const err = (() => {
      try {
        lockDataDir(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain('请先停止正在运行的平台');
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(`1@${os.hostname()}`);
  });

  it('a lock left by a process that ended is taken over', () => {
    const dir = folder();
    writeFileSync(`${dir}.lock`, `2147483646@${os.hostname()}`);
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(`${process.pid}@${os.hostname()}`);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
