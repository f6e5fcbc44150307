import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from '../privacy/index.js';
import { sanitiseFileName, sniffContentType } from './attachments.js';
import { newCaseNumber } from './case-service.js';

describe('办件 materials, pure parts', () => {
  it('knows a file by its first bytes only', () => {
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 1]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffContentType(Buffer.from('%PDF-1.4\n'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffContentType(Buffer.from('%PDF'))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });

  it('makes a display name of the header: no path, no control characters, the real extension, 100 at most', () => {
    expect(sanitiseFileName(encodeURIComponent('身份证正面.JPG'), 'image/jpeg')).toBe('身份证正面.jpg');
    expect(sanitiseFileName(encodeURIComponent('C:\\Users\\张伟\\扫描件.pdf'), 'image/png')).toBe('扫描件.png');
    expect(sanitiseFileName(encodeURIComponent('../../.bashrc'), 'application/pdf')).toBe('bashrc.pdf');
    expect(sanitiseFileName(encodeURIComponent('a\u0000b\u202ec<>.png'), 'image/png')).toBe('abc.png');
    expect(sanitiseFileName('%E0%A4%A', 'image/jpeg')).toBe('材料.jpg');
    expect(sanitiseFileName(undefined, 'application/pdf')).toBe('材料.pdf');
    expect(sanitiseFileName(['a.png'], 'image/png')).toBe('材料.png');
    const long = sanitiseFileName(encodeURIComponent('长'.repeat(300)), 'image/jpeg');
    expect([...long]).toHaveLength(100);
    expect(long.endsWith('.jpg')).toBe(true);
  });

  it('encrypts bytes bound to their row: tampering or another row’s associated data does not decrypt', () => {
    const cipher = new FieldCipher(randomBytes(32));
    const plain = randomBytes(1000);
    const sealed = cipher.encryptBytes(plain, 'row-1');
    expect(sealed.length).toBe(plain.length + 35); // version, key id (6), IV (12), tag (16)
    expect(cipher.decryptBytes(sealed, 'row-1').equals(plain)).toBe(true);
    expect(() => cipher.decryptBytes(sealed, 'row-2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[40] = (tampered[40] ?? 0) ^ 1;
    expect(() => cipher.decryptBytes(tampered, 'row-1')).toThrow();
    expect(() => cipher.decryptBytes(Buffer.from([2, 0, 0]), 'row-1')).toThrow();
  });

  it('numbers a case by its day in China time, its city and 6 random digits', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in China.
    const n = newCaseNumber('440100', new Date('2026-12-31T23:30:00Z'));
    expect(n).toMatch(/^20270101440100\d{6}$/);
  });
});
