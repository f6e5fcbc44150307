// Imported by the CLI only, not by privacy/index: the registry imports the modules' AAD helpers, which import privacy.
import { INDEX_KEY_COLUMN } from './data-keys.js';
import type { SealedColumn } from './sealed-column.js';
import { SEALED_COLUMNS } from './sealed-columns.js';

/** What the re-encryption goes through: the personal data's columns and the index key's sealed copy. */
export const ALL_SEALED_COLUMNS: readonly SealedColumn[] = [...SEALED_COLUMNS, INDEX_KEY_COLUMN];
