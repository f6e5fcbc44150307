/**
 * Every PostgreSQL advisory lock the platform takes, with its key, in one place: two modules that picked the same
 * number would wait on each other for no reason (the index-key rotation's first key collided with the sandbox
 * payment provider's, and a server waited on its own lock connection). `advisory-locks.test.ts` checks they are
 * distinct. PGlite has one connection: the locks cost nothing there and serialise nothing more.
 *
 * One-key locks (`pg_advisory_lock(bigint)`) and two-key ones (`pg_advisory_lock(int, int)`, a namespace and a
 * hash) live in separate key spaces in PostgreSQL; the namespaces are kept distinct from the one-key locks anyway,
 * so that a key read in pg_locks names one thing.
 */
export const ADVISORY_LOCKS = {
  /** migrate.ts: one migrating process at a time (server copies starting together). */
  migrations: 7420117,
  /** audit-log.ts: appends to the hash chain, one at a time. */
  auditAppend: 7420118,
  /** medical-insurance: the first pay-code signing key, stored once. */
  medicalPayCodeKey: 7420126,
  /** credit: namespace of the per-account subscription limit. */
  creditSubscriptions: 7420130,
  /** move-car: namespaces of the per-account and per-plate limits. */
  moveCarAccount: 7420140,
  moveCarPlate: 7420141,
  /** appointments: namespaces of one live booking per account and service, and of non-overlapping slots. */
  appointmentBooking: 7420148,
  appointmentPublish: 7420149,
  /** the sandbox payment provider: its first signing key, stored once. */
  sandboxPayKey: 7420150,
  /** held shared by every running server copy, exclusively by the index-key rotation (privacy/index-rotation.ts). */
  serverCopies: 7420151,
} as const;
