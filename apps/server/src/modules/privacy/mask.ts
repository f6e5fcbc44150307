/**
 * Masking of personal data for display and logs (UI.md: 440***********123X, 138****0000, 张*).
 * Masking is for people; it is not protection at rest (see crypto.ts).
 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * An address up to its district (区, 县, county-level 市, 镇 or 街道), the rest hidden: 广东省广州市天河区****,
 * 广州市天河区**** — enough to say which place it is, not where the door is. Without a district, its first 6
 * characters.
 */
export function maskAddress(address: string): string {
  const m = address.trim().match(/^((?:广东省)?[^市省]{1,6}市)?(.{1,10}?(?:区|县|市|镇|街道))/u);
  return `${m ? `${m[1] ?? ''}${m[2] ?? ''}` : Array.from(address.trim()).slice(0, 6).join('')}****`;
}

const PHONE = /^\+?\d[\d\s-]{6,19}$/;

/** Mask free-form contact details: a phone number or an e-mail address; anything else is fully masked. */
export function maskContact(contact: string): string {
  if (contact.includes('@')) return maskEmail(contact);
  if (PHONE.test(contact)) return maskPhone(contact.replace(/[\s-]/g, ''));
  return `${[...contact][0] ?? ''}***`;
}
