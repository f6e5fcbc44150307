import { randomUUID } from 'node:crypto';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES, type AttachmentContentType } from '@yss/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { FieldCipher } from '../privacy/index.js';
import * as repo from './repository.js';

/** Uploads not made part of a case within a day are deleted: nobody's ID photo lingers unasked. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

const EXTENSIONS: Record<AttachmentContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

/**
 * What a file is, by its first bytes — never by its name or the Content-Type header alone (both are the
 * client's word): JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-".
 */
export function sniffContentType(bytes: Uint8Array): AttachmentContentType | null {
  const starts = (...sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}

/**
 * The name shown in the citizen's list, from the optional `x-file-name` header (percent-encoded UTF-8): no path,
 * no control or reserved characters, at most 100 characters, and the extension of what the file really is (a PNG
 * called 扫描件.pdf is stored as 扫描件.png). It is never used as a path.
 */
export function sanitiseFileName(header: unknown, type: AttachmentContentType): string {
  const ext = EXTENSIONS[type];
  let raw = '';
  if (typeof header === 'string') {
    try {
      raw = decodeURIComponent(header);
    } catch {
      raw = '';
    }
  }
  const base = (raw.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .replace(/^\.+/, '');
  const stem = [...(base || '材料')].slice(0, 100 - ext.length - 1).join('');
  return `${stem}.${ext}`;
}

/** The stored bytes' associated data: a ciphertext moved to another row does not decrypt. */
export const attachmentAad = (id: string) => `case_attachments:${id}`;

/**
 * 上传材料: one file per request as the raw body. The type is sniffed from the bytes and must be the type the
 * request declared; the bytes are stored AES-256-GCM encrypted in the database (so backups hold them too).
 */
export async function storeUpload(
  db: Db,
  cipher: FieldCipher,
  o: { accountId: string; body: unknown; declaredType: string | undefined; fileName: unknown; now?: Date },
) {
  if (o.body === undefined || o.body === null || (Buffer.isBuffer(o.body) && o.body.length === 0)) {
    throw new AppError('ATTACHMENT_INVALID', '文件内容为空，请重新选择文件上传。');
  }
  if (!Buffer.isBuffer(o.body)) {
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', '请直接上传JPG、PNG图片或PDF文件本身。');
  }
  if (o.body.length > ATTACHMENT_MAX_BYTES) throw tooLarge();
  const type = sniffContentType(o.body);
  if (!type) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', '仅支持上传JPG、PNG图片或PDF文件，请重新选择。');
  const declared = (o.declaredType ?? '').split(';')[0]?.trim().toLowerCase();
  if (declared !== type) {
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', '文件内容与文件类型不符，请上传JPG、PNG图片或PDF文件。');
  }
  const now = o.now ?? new Date();
  // Cheap housekeeping on the way in (a delete by the partial index): no job needed for abandoned uploads.
  await repo.sweepUnattached(db, new Date(now.getTime() - UNATTACHED_TTL_MS));
  const id = randomUUID();
  return repo.insertAttachment(db, {
    id,
    account_id: o.accountId,
    name: sanitiseFileName(o.fileName, type),
    content_type: type,
    size: o.body.length,
    content_encrypted: cipher.encryptBytes(o.body, attachmentAad(id)),
  });
}

export function openAttachment(cipher: FieldCipher, row: { id: string; content_encrypted: Uint8Array }): Buffer {
  return cipher.decryptBytes(row.content_encrypted, attachmentAad(row.id));
}

export const tooLarge = () => new AppError('ATTACHMENT_TOO_LARGE', '文件不能超过5MB，请压缩或重新拍摄后上传。');

/**
 * The upload's body parser: the raw bytes, read with our own limit so an oversized file is answered
 * ATTACHMENT_TOO_LARGE (Fastify's own limit would say BODY_TOO_LARGE, about JSON). A declared length over the
 * limit is refused before reading.
 */
export async function readUploadBody(req: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > ATTACHMENT_MAX_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > ATTACHMENT_MAX_BYTES) throw tooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export const UPLOAD_CONTENT_TYPES: readonly string[] = ATTACHMENT_CONTENT_TYPES;

/** Headers of a material's bytes: never kept by a shared cache, never sniffed into another type. */
export function attachmentHeaders(row: { content_type: AttachmentContentType; name: string }) {
  return {
    'content-type': row.content_type,
    'cache-control': 'private, no-store',
    // An ASCII fallback name, then the real (UTF-8) one: the header itself stays ASCII.
    'content-disposition': `inline; filename="attachment.${EXTENSIONS[row.content_type]}"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
    'x-content-type-options': 'nosniff',
  };
}

/** Send a material's decrypted bytes (a plain helper: the route's typed reply only knows its problem shapes). */
export function sendAttachment(
  reply: FastifyReply,
  row: { content_type: AttachmentContentType; name: string },
  bytes: Buffer,
) {
  return reply.headers(attachmentHeaders(row)).send(bytes);
}
