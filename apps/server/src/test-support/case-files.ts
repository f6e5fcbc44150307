import { randomBytes, randomUUID } from 'node:crypto';

/** A file of the given kind for the 办件 tests: its magic bytes, random bytes, and a marker to look for at rest. */
export function caseFile(kind: 'jpeg' | 'png' | 'pdf', marker = `PLAIN-${randomUUID()}`) {
  const head = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pdf: [...Buffer.from('%PDF-1.7\n')],
  }[kind];
  return { bytes: Buffer.concat([Buffer.from(head), randomBytes(2048), Buffer.from(marker)]), marker };
}

export const CASE_FILE_TYPES = { jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' } as const;
