/**
 * A unique violation of the named constraint or index (PostgreSQL and PGlite both report code 23505; PGlite may
 * name the constraint only in the message). Repositories use it to turn a lost race (the same submissionId twice,
 * a number drawn twice) into an answer; it was written out in each of them, and lives here once.
 */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code !== '23505') return false;
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}
