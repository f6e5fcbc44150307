import type { CatalogEntry } from '@yss/contracts';

/** The frequent services of the home grid, by the names the guide gives them. */
export const FREQUENT_SERVICE_NAMES = [
  '社保缴费明细',
  '公积金缴存信息',
  '违法查询',
  '个税计算器',
  '取名查询',
  '学校查询',
  '信用查询',
  '燃气缴费',
] as const;

/** Finds each wanted name in the catalog: the exact name first, else the closest containing match. */
export function findByNames(catalog: readonly CatalogEntry[], names: readonly string[]): CatalogEntry[] {
  const found: CatalogEntry[] = [];
  for (const wanted of names) {
    const hit =
      catalog.find((s) => s.name === wanted) ??
      catalog
        .filter((s) => s.name.includes(wanted) || wanted.includes(s.name))
        .sort((a, b) => Math.abs(a.name.length - wanted.length) - Math.abs(b.name.length - wanted.length))[0];
    if (hit && !found.some((f) => f.id === hit.id)) found.push(hit);
  }
  return found;
}

/** Available services first (keeping the catalog order within each half). */
export function availableFirst<T extends { available: boolean }>(services: readonly T[]): T[] {
  return [...services.filter((s) => s.available), ...services.filter((s) => !s.available)];
}
