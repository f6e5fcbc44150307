export { FieldCipher, resolveDataKey, sessionTokenHash } from './crypto.js';
export { containsPersonalNumbers, maskNumbersInText } from './free-text.js';
export { maskContact, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.js';
