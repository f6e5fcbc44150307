/**
 * Concatenates one table of per-batch generator records (e.g. every batch's `titles`), keeping the row type:
 * `records.flatMap((r) => r[key])` on a generic key widens the rows to the union of every table's rows.
 */
export function concatTables<R extends { [P in K]: readonly unknown[] }, K extends keyof R>(
  records: readonly R[],
  key: K,
): R[K][number][] {
  return records.flatMap((r) => r[key]);
}
