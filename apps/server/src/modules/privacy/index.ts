export { dataKeyId, FieldCipher, sessionTokenHash, UnknownDataKeyError } from './crypto.js';
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
export { maskContact, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.js';
export {
  type ColumnKeys,
  censusOfKeys,
  keysStillInUse,
  type RekeyedColumn,
  rekey,
} from './rekey.js';
export type { SealedColumn } from './sealed-column.js';
