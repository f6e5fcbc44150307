import { type CityCode, isCityCode } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { ALL_SERVICES, DEPARTMENTS, FAQS } from '../../services/index.js';
import { CatalogSnapshot } from './catalog-snapshot.js';
import { loadCatalogRows, readCatalogVersion, upsertReferenceData } from './repository.js';

/** Seed the reference data (cities, departments, services, FAQ) from the definitions; idempotent. */
export async function seedCatalog(db: Db): Promise<{ services: number; faqs: number; departments: number }> {
  await upsertReferenceData(db, { departments: DEPARTMENTS, services: ALL_SERVICES, faqs: FAQS });
  return { services: ALL_SERVICES.length, faqs: FAQS.length, departments: DEPARTMENTS.length };
}

/**
 * Holds the current catalog snapshot. `reload()` after a change in this copy; `startPolling()` makes the copy
 * notice changes made by the others (catalog_state.version moves in every change's transaction).
 */
export class CatalogService {
  private snapshot: CatalogSnapshot | undefined;
  private reloading: Promise<CatalogSnapshot> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {}

  /**
   * Rebuild the snapshot from the database. A call made while a rebuild runs makes that rebuild read once more
   * before it settles, so every caller sees its own change and rebuilds never pile up.
   */
  reload(): Promise<CatalogSnapshot> {
    if (this.reloading) {
      // the running rebuild reads once more before it settles (it may have read before the caller's commit)
      this.again = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      try {
        do {
          this.again = false;
          this.snapshot = new CatalogSnapshot(await loadCatalogRows(this.db));
        } while (this.again);
        return this.snapshot;
      } finally {
        this.reloading = undefined;
      }
    })();
    return this.reloading;
  }

  /** Rebuild when another copy (or this one) changed the catalog since the snapshot was read. */
  async refreshIfChanged(): Promise<boolean> {
    const version = await readCatalogVersion(this.db);
    if (this.snapshot && version === this.snapshot.version) return false;
    await this.reload();
    return true;
  }

  /** Poll catalog_state every `intervalMs` (0: never); stopped by stopPolling (the app's onClose). */
  startPolling(intervalMs: number, onError: (err: unknown) => void): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.refreshIfChanged().catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get current(): CatalogSnapshot {
    if (!this.snapshot) throw new AppError('NOT_READY', '服务正在启动，请稍后再试。');
    return this.snapshot;
  }

  get ready(): boolean {
    return this.snapshot !== undefined;
  }
}

/** Resolve a city code from a request, or answer CITY_UNKNOWN in the citizen's words. */
export function requireCity(code: string): CityCode {
  if (isCityCode(code)) return code;
  const shown = [...code].slice(0, 12).join('');
  throw new AppError('CITY_UNKNOWN', `城市代码“${shown}”不是广东省的地级市，请从广东省21个地市中重新选择。`, [
    { path: 'city', message: '请选择广东省的地级市' },
  ]);
}
