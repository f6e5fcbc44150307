export { FieldCipher, resolveDataKey, sessionTokenHash } from './crypto.js';
export { maskContact, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.js';
