import type { CatalogTables } from '../modules/catalog/tables.js';
import type { FeedbackTables } from '../modules/feedback/tables.js';

/** The whole database as Kysely sees it: the union of every module's own tables. */
export interface Database extends CatalogTables, FeedbackTables {
  schema_migrations: { version: string; checksum: string; applied_at: Date };
}
