import { Problem, RecordSource } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Departments } from '../../departments/registry.js';
import {
  CertificateNumberField,
  IdNumberTailField,
  TaxCertificate,
  TaxList,
  VerifiedInvoice,
} from '../../departments/tax/contract.js';
import { AppError } from '../../http/app-error.js';
import { maskName } from '../privacy/index.js';
import { checkInvoiceRequest, checkLostInvoiceRequest } from './invoice-input.js';

const problems = { 400: Problem, 429: Problem, 502: Problem, 503: Problem };
const RATE = { max: 30, timeWindow: '1 minute' } as const;
const short = (max: number) => z.string().max(max, '输入内容过长').optional();

export const InvoiceVerifyBody = z
  .object({
    /** The text of the invoice's QR code (扫一扫); when present it supplies every field. */
    qr: short(512),
    code: short(20).meta({ description: '发票代码 (10 or 12 digits); empty for a 数电票' }),
    number: short(30).meta({ description: '发票号码 (8 digits; 20 for a 数电票)' }),
    issuedOn: short(12).meta({ description: '开票日期 YYYY-MM-DD' }),
    amount: z
      .union([z.string().max(24, '输入内容过长'), z.number()])
      .optional()
      .meta({ description: '开具金额（不含税） for special invoices, 价税合计 for 数电票 (yuan)' }),
    checkCode: short(30).meta({ description: '校验码 (20 digits or the last 6) for ordinary invoices' }),
  })
  .meta({ id: 'InvoiceVerifyRequest' });

const Checked = z.object({
  kindName: z.string().meta({ description: '发票种类 as the code names it' }),
  code: z.string().nullable(),
  number: z.string(),
  issuedOn: z.string(),
  by: z
    .enum(['amount', 'total', 'checkCode'])
    .meta({ description: '查验项: 开具金额（不含税） / 价税合计 / 校验码后6位' }),
  fromQr: z.boolean(),
});

export const InvoiceVerifyResult = z
  .object({
    /** consistent 查验一致; inconsistent 不一致 (the invoice exists, a detail differs); not-found 查无此票. */
    result: z.enum(['consistent', 'inconsistent', 'not-found']),
    checked: Checked,
    /** Only when consistent. A buyer without a tax ID (a natural person) is shown masked. */
    invoice: VerifiedInvoice.nullable(),
    source: RecordSource,
  })
  .meta({ id: 'InvoiceVerifyResult', description: '发票查询 (F5)' });

export const LostInvoiceResult = z
  .object({
    code: z.string(),
    number: z.string(),
    kindName: z.string(),
    reported: z.boolean(),
    /** When reported: 报失日期, 报失单位, 主管税务机关. */
    report: z
      .object({
        reportedOn: z.string(),
        seller: z.object({ name: z.string(), uscc: z.string() }),
        taxAuthority: z.string(),
      })
      .nullable(),
    source: RecordSource,
  })
  .meta({ id: 'LostInvoiceResult', description: '丢失被盗发票查询 (F5)' });

export const TaxCertificateResult = z
  .object({ number: z.string(), certificate: TaxCertificate.nullable(), source: RecordSource })
  .meta({ id: 'TaxCertificateResult', description: '电子税票查验 (F5)' });

export const TaxListResult = z
  .object({ number: z.string(), list: TaxList.nullable(), source: RecordSource })
  .meta({ id: 'TaxListResult', description: '个税缴纳清单查验 (F5)' });

/**
 * 票据助手 (F5) lookups anyone may use, rate-limited per client: 发票查询 (typed or from the invoice's QR code),
 * 丢失被盗发票查询 and 电子税票查验, answered by 国家税务总局广东省税务局. Input is checked here with specific codes
 * (INVOICE_CODE_INVALID, INVOICE_DATE_IN_FUTURE, INVOICE_QR_UNPARSEABLE …) before anything reaches the department.
 */
export const invoiceLookupRoutes =
  ({ departments }: { departments: Pick<Departments, 'tax'> }): FastifyPluginAsyncZod =>
  async (app) => {
    const tax = departments.tax;
    const source = () => ({ department: tax.spec.name, updatedAt: new Date().toISOString() });

    app.post(
      '/api/v1/lookups/invoices/verify',
      {
        config: { rateLimit: RATE },
        schema: {
          tags: ['lookups'],
          summary: '发票查询 (F5): verify an invoice by its details or by the text of its QR code',
          body: InvoiceVerifyBody,
          response: { 200: InvoiceVerifyResult, ...problems },
        },
      },
      async (req) => {
        const q = checkInvoiceRequest(req.body);
        const answer = await tax.client.verifyInvoice({
          ...(q.code ? { code: q.code } : {}),
          number: q.number,
          issuedOn: q.issuedOn,
          ...(q.amount !== undefined ? { amount: q.amount } : {}),
          ...(q.checkCode !== undefined ? { checkCode: q.checkCode } : {}),
        });
        const invoice =
          answer.result === 'consistent'
            ? {
                ...answer.invoice,
                buyer: answer.invoice.buyer.taxId
                  ? answer.invoice.buyer
                  : { name: maskName(answer.invoice.buyer.name), taxId: null },
              }
            : null;
        return {
          result: answer.result,
          checked: {
            kindName: invoice?.kind ?? q.kindName,
            code: q.code,
            number: q.number,
            issuedOn: q.issuedOn,
            by: q.by,
            fromQr: q.fromQr,
          },
          invoice,
          source: source(),
        };
      },
    );

    app.get(
      '/api/v1/lookups/invoices/lost',
      {
        config: { rateLimit: RATE },
        schema: {
          tags: ['lookups'],
          summary: '丢失被盗发票查询 (F5): whether an invoice (code + number) was reported lost or stolen',
          querystring: z.object({ code: short(20), number: short(20) }),
          response: { 200: LostInvoiceResult, ...problems },
        },
      },
      async (req) => {
        const q = checkLostInvoiceRequest(req.query);
        const answer = await tax.client.lostInvoiceCheck({ code: q.code, number: q.number });
        return {
          ...q,
          kindName: answer.reported ? answer.kind : q.kindName,
          reported: answer.reported,
          report: answer.reported
            ? { reportedOn: answer.reportedOn, seller: answer.seller, taxAuthority: answer.taxAuthority }
            : null,
          source: source(),
        };
      },
    );

    app.get(
      '/api/v1/lookups/tax-certificates',
      {
        config: { rateLimit: RATE },
        schema: {
          tags: ['lookups'],
          summary: '电子税票查验 (F5): an e-tax certificate by its 18-digit number (the taxpayer masked)',
          querystring: z.object({ number: short(40) }),
          response: { 200: TaxCertificateResult, ...problems },
        },
      },
      async (req) => {
        const text = (req.query.number ?? '').replace(/\s/gu, '');
        const parsed = CertificateNumberField.safeParse(text);
        if (!parsed.success) {
          const message = text === '' ? '请输入电子税票号码' : '电子税票号码应为18位数字';
          throw new AppError('TAX_CERTIFICATE_NUMBER_INVALID', message, [{ path: 'number', message }]);
        }
        const { certificate } = await tax.client.verifyTaxCertificate({ number: parsed.data });
        return { number: parsed.data, certificate, source: source() };
      },
    );

    app.get(
      '/api/v1/lookups/tax-lists',
      {
        config: { rateLimit: RATE },
        schema: {
          tags: ['lookups'],
          summary:
            '个税缴纳清单查验 (F5): the 纳税清单 of an income-tax 完税证明, month by month, by its 18-digit number and ' +
            'the taxpayer’s ID-number tail (both needed: monthly incomes say more than a total)',
          querystring: z.object({ number: short(40), idNumberTail: short(20) }),
          response: { 200: TaxListResult, ...problems },
        },
      },
      async (req) => {
        const errors: { path: string; message: string }[] = [];
        const text = (req.query.number ?? '').replace(/\s/gu, '');
        const number = CertificateNumberField.safeParse(text);
        if (!number.success) {
          errors.push({ path: 'number', message: text === '' ? '请输入电子税票号码' : '电子税票号码应为18位数字' });
        }
        const tailText = (req.query.idNumberTail ?? '').replace(/\s/gu, '');
        const tail = IdNumberTailField.safeParse(tailText);
        if (!tail.success) {
          errors.push({
            path: 'idNumberTail',
            message:
              tailText === '' ? '请输入纳税人身份证件号码后6位' : '身份证件号码后6位应为6位数字（最后一位可为X）',
          });
        }
        if (!number.success || !tail.success) {
          throw new AppError('TAX_LIST_QUERY_INVALID', errors.map((e) => e.message).join('；'), errors);
        }
        const { list } = await tax.client.verifyTaxList({ number: number.data, idNumberTail: tail.data });
        return { number: number.data, list, source: source() };
      },
    );
  };
