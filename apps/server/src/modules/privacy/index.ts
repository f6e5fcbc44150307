export {
  dataKeyId,
  FieldCipher,
  indexKeyId,
  sessionTokenHash,
  UnknownDataKeyError,
  UnknownIndexKeyError,
} from './crypto.js';
export {
  cipherOf,
  DataKeyError,
  type DataKeySet,
  establishIndexKey,
  forgetDemoDecryptionKeys,
  INDEX_KEY_COLUMN,
  resolveDataKey,
  resolveDataKeys,
  rotateDemoKeyFiles,
} from './data-keys.js';
export { containsPersonalNumbers, maskNumbersInText } from './free-text.js';
export {
  censusOfIndexes,
  holdAsServerCopy,
  holdServerCopiesOut,
  type IndexColumnCensus,
  type IndexKeyRotation,
  type RotatedColumn,
  rotateIndexKey,
  SERVER_COPIES_LOCK,
} from './index-rotation.js';
export { INDEXED_COLUMNS, type IndexedColumn } from './indexed-columns.js';
export { maskAddress, maskContact, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.js';
export {
  type ColumnKeys,
  censusOfKeys,
  keysStillInUse,
  type RekeyedColumn,
  rekey,
} from './rekey.js';
export type { SealedColumn } from './sealed-column.js';
