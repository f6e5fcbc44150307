import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, maskContact, maskIdNumber, maskName, maskPhone } from './index.js';

describe('masking', () => {
  it('masks as the UI guide shows', () => {
    expect(maskIdNumber('44010619900307123X')).toBe('440***********123X');
    expect(maskPhone('13800000000')).toBe('138****0000');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskContact('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskContact('138 0013 8000')).toBe('138****8000');
  });
});

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32));
  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('13800138000', 'ctx');
    const b = cipher.encrypt('13800138000', 'ctx');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a, 'ctx')).toBe('13800138000');
  });
  it('detects tampering and a wrong context', () => {
    const token = cipher.encrypt('13800138000', 'ctx');
    const parts = token.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'ctx')).toThrow();
    expect(() => cipher.decrypt(token, 'other')).toThrow();
    expect(() => new FieldCipher(randomBytes(32)).decrypt(token, 'ctx')).toThrow();
  });
  it('makes a stable keyed blind index', () => {
    expect(cipher.blindIndex('x', 'phone')).toBe(cipher.blindIndex('x', 'phone'));
    expect(cipher.blindIndex('x', 'phone')).not.toBe(cipher.blindIndex('x', 'id'));
  });
});
