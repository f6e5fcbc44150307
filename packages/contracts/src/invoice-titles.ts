import { z } from 'zod';
import { parseUscc } from './validators/uscc.js';

/**
 * 便捷开票 (F5): the 发票抬头 a citizen saves (for themself or for their company) and shows as a QR code for the
 * seller to invoice from.
 *
 * The QR payload ("抬头二维码", our own documented format, version 1) is one line of JSON with short keys:
 *
 *   {"v":"YSS-FPTT-1","t":"company"|"person","n":<名称>,"s":<税号>,"a":<地址>,"p":<电话>,"b":<开户银行>,"k":<银行账号>}
 *
 *   - v: the format and its version; a reader refuses any other value.
 *   - t: company (单位: 税号 required, a valid 统一社会信用代码) or person (个人: 名称 only is usual).
 *   - n: 名称 (required); s, a, p, b, k: present only when filled in (omitted, never empty strings).
 *   - UTF-8; the QR is built on the phone from the saved title (byte mode), so it shows without a network.
 *
 * A seller's invoicing software reads it with parseInvoiceTitleQr (or any JSON reader) and fills in 购买方 fields.
 */
export const INVOICE_TITLE_QR_VERSION = 'YSS-FPTT-1';
export const MAX_INVOICE_TITLES = 10;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v));

export const InvoiceTitleInput = z
  .object({
    kind: z.enum(['company', 'person'], { error: '请选择抬头类型' }),
    name: z.string({ error: '请填写名称' }).trim().min(1, '请填写名称').max(100, '名称不能超过100个字符'),
    taxId: optionalText(20, '税号应为18位统一社会信用代码'),
    address: optionalText(100, '地址不能超过100个字符'),
    phone: optionalText(20, '电话不能超过20个字符').refine((v) => v === undefined || /^[0-9-]{7,20}$/.test(v), {
      message: '电话只能包含数字和“-”',
    }),
    bank: optionalText(50, '开户银行不能超过50个字符'),
    account: optionalText(32, '银行账号不能超过32位').refine((v) => v === undefined || /^\d{6,32}$/.test(v), {
      message: '银行账号应为6至32位数字',
    }),
  })
  .superRefine((t, ctx) => {
    if (t.kind === 'company' && t.taxId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['taxId'], message: '单位抬头请填写税号（统一社会信用代码）' });
    }
    if (t.taxId !== undefined) {
      const parsed = parseUscc(t.taxId);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['taxId'], message: parsed.message });
    }
  })
  .transform((t) => (t.taxId ? { ...t, taxId: t.taxId.toUpperCase() } : t))
  .meta({ description: '发票抬头（保存）' });
export type InvoiceTitleInput = z.output<typeof InvoiceTitleInput>;

export const InvoiceTitle = z
  .object({
    id: z.uuid(),
    kind: z.enum(['company', 'person']),
    name: z.string(),
    taxId: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    bank: z.string().nullable(),
    account: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InvoiceTitle', description: '发票抬头' });
export type InvoiceTitle = z.infer<typeof InvoiceTitle>;

type TitleFields = Pick<InvoiceTitle, 'kind' | 'name' | 'taxId' | 'address' | 'phone' | 'bank' | 'account'>;

/** The QR text of a title (format above). */
export function encodeInvoiceTitleQr(t: TitleFields): string {
  const payload: Record<string, string> = { v: INVOICE_TITLE_QR_VERSION, t: t.kind, n: t.name };
  const optional = { s: t.taxId, a: t.address, p: t.phone, b: t.bank, k: t.account };
  for (const [key, value] of Object.entries(optional)) if (value) payload[key] = value;
  return JSON.stringify(payload);
}

/** Read a title QR back (what a seller's software does); refuses other formats in Chinese. */
export function parseInvoiceTitleQr(text: string): { ok: true; title: TitleFields } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: '该二维码不是发票抬头二维码' };
  }
  if (typeof data !== 'object' || data === null || (data as { v?: unknown }).v !== INVOICE_TITLE_QR_VERSION) {
    return { ok: false, message: '该二维码不是发票抬头二维码' };
  }
  const d = data as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : null);
  const kind = d.t === 'company' || d.t === 'person' ? d.t : null;
  const name = str('n');
  if (!kind || !name) return { ok: false, message: '发票抬头二维码内容不完整' };
  return {
    ok: true,
    title: { kind, name, taxId: str('s'), address: str('a'), phone: str('p'), bank: str('b'), account: str('k') },
  };
}
