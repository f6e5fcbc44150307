import { type CityCode, isCityCode } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { ALL_SERVICES, DEPARTMENTS, FAQS } from '../../services/index.js';
import { CatalogSnapshot } from './catalog-snapshot.js';
import { loadCatalogRows, upsertReferenceData } from './repository.js';

/** Seed the reference data (cities, departments, services, FAQ) from the definitions; idempotent. */
export async function seedCatalog(db: Db): Promise<{ services: number; faqs: number; departments: number }> {
  await upsertReferenceData(db, { departments: DEPARTMENTS, services: ALL_SERVICES, faqs: FAQS });
  return { services: ALL_SERVICES.length, faqs: FAQS.length, departments: DEPARTMENTS.length };
}

/** Holds the current catalog snapshot; `reload()` after the catalog changes in the database. */
export class CatalogService {
  private snapshot: CatalogSnapshot | undefined;

  constructor(private readonly db: Db) {}

  async reload(): Promise<CatalogSnapshot> {
    this.snapshot = new CatalogSnapshot(await loadCatalogRows(this.db));
    return this.snapshot;
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
