import { randomUUID } from 'node:crypto';
import type { EmailGateway } from '../../connectors/email/contract.js';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { CERTIFICATE_KIND_NAMES } from '../../departments/tax/contract.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { OpenedLookup } from '../lookups/personal-gate.js';
import type { NotificationService } from '../notifications/index.js';
import { type FieldCipher, maskEmail, maskName, maskPhone } from '../privacy/index.js';

export type CertificateKind = 'income-tax' | 'social-insurance-fee';
/** The associated data of a request's sealed delivery (the address, e-mail or phone), bound to the row's id. */
export const deliveryAad = (id: string) => `tax_certificate_requests:${id}`;

export const SERVICE_OF: Record<CertificateKind, string> = {
  'income-tax': 'geshui-kaiju-dianzi-shuipiao',
  'social-insurance-fee': 'shebaofei-kaiju-dianzi-shuipiao',
};

export type Delivery =
  | { method: 'email'; email: string }
  | { method: 'post'; recipient: string; phone: string; address: string };

export interface IssueRequest {
  submissionId: string;
  kind: CertificateKind;
  year: number;
  delivery: Delivery;
}

export interface CertificateRequestView {
  id: string;
  kind: CertificateKind;
  kindName: string;
  year: number;
  delivery: { method: 'email' | 'post'; to: string };
  certificate: { number: string; total: number; issuedOn: string; from: string; to: string; taxAuthority: string };
  createdAt: string;
}

/** What pages and logs may show of where a certificate went. */
export function maskDelivery(d: Delivery): string {
  if (d.method === 'email') return maskEmail(d.email);
  const chars = [...d.address];
  return `${maskName(d.recipient)} ${maskPhone(d.phone)} ${chars.slice(0, 6).join('')}${'*'.repeat(Math.min(6, Math.max(0, chars.length - 6)))}`;
}

type Row = {
  id: string;
  kind: CertificateKind;
  year: number;
  delivery_method: 'email' | 'post';
  delivery_masked: string;
  status: 'submitting' | 'issued';
  certificate_number: string | null;
  total_fen: string | number | bigint | null;
  issued_on: string | null;
  tax_authority: string | null;
  created_at: Date;
};

function present(r: Row): CertificateRequestView {
  return {
    id: r.id,
    kind: r.kind,
    kindName: CERTIFICATE_KIND_NAMES[r.kind],
    year: r.year,
    delivery: { method: r.delivery_method, to: r.delivery_masked },
    certificate: {
      number: r.certificate_number ?? '',
      total: Number(r.total_fen ?? 0) / 100,
      issuedOn: r.issued_on ?? '',
      from: `${r.year}-01`,
      to: `${r.year}-12`,
      taxAuthority: r.tax_authority ?? '',
    },
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * 开具电子税票 (F4): the tax bureau issues the certificate (its number, total, authority: the tax sandbox); the
 * platform sends it by e-mail through the EmailGateway (the sandbox outbox in this edition), or records that
 * the bureau posts it. One certificate per submission; the request, its masked destination and the
 * certificate's number are kept for 我的开具记录.
 */
export class TaxCertificates {
  constructor(
    private readonly d: {
      db: Db;
      cipher: FieldCipher;
      departments: Pick<Departments, 'tax'>;
      email: EmailGateway;
      notifications: NotificationService;
      audit: AuditLog;
      log: { info(o: object, msg: string): void };
    },
  ) {}

  async issue(
    opened: OpenedLookup,
    input: IssueRequest,
  ): Promise<{ created: boolean; request: CertificateRequestView }> {
    const accountId = opened.ctx.accountId;
    const existing = await this.row(accountId, input.submissionId);
    if (existing?.status === 'issued') return { created: false, request: present(existing) };
    if (existing) throw new AppError('TAX_CERTIFICATE_PENDING', '电子税票正在开具，请稍后在开具记录中查看。');
    const id = randomUUID();
    const masked = maskDelivery(input.delivery);
    const inserted = await this.d.db
      .insertInto('tax_certificate_requests')
      .values({
        id,
        account_id: accountId,
        submission_id: input.submissionId,
        kind: input.kind,
        year: input.year,
        delivery_method: input.delivery.method,
        delivery_encrypted: this.d.cipher.encrypt(JSON.stringify(input.delivery), deliveryAad(id)),
        delivery_masked: masked,
        status: 'submitting',
      })
      .onConflict((oc) => oc.columns(['account_id', 'submission_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return this.issue(opened, input);
    const serviceId = SERVICE_OF[input.kind];
    const from = `${input.year}-01`;
    const to = `${input.year}-12`;
    const tax = this.d.departments.tax.client;
    let answer: Awaited<ReturnType<typeof tax.issueTaxCertificate>>;
    try {
      answer = await tax.issueTaxCertificate({
        idNumber: opened.subject.idNumber,
        kind: input.kind,
        from,
        to,
        delivery: input.delivery,
      });
    } catch (e) {
      await this.d.db.deleteFrom('tax_certificate_requests').where('id', '=', id).execute();
      throw e;
    }
    if (!answer.issued) {
      await this.d.db.deleteFrom('tax_certificate_requests').where('id', '=', id).execute();
      await this.audit(opened, serviceId, { outcome: 'no-records', year: input.year }, 'failure');
      throw new AppError(
        'TAX_CERTIFICATE_NO_RECORDS',
        `未查询到您${input.year}年度的${input.kind === 'income-tax' ? '个人所得税' : '社会保险费'}缴纳记录，无法开具完税证明。`,
      );
    }
    const c = answer.certificate;
    const totalFen = Math.round(c.total * 100);
    if (input.delivery.method === 'email') {
      await this.d.email.send({
        to: input.delivery.email,
        subject: `【国家税务总局广东省税务局】${c.kindName}（${input.year}年度）`,
        text: await this.letter(opened.subject.idNumber, input.kind, c, from, to),
      });
    }
    // The address is personal data: logs carry the masked copy only.
    this.d.log.info({ certificate: c.number, delivery: input.delivery.method, to: masked }, 'tax certificate issued');
    const row = await this.d.db
      .updateTable('tax_certificate_requests')
      .set({
        status: 'issued',
        certificate_number: c.number,
        total_fen: totalFen,
        issued_on: c.issuedOn,
        tax_authority: c.taxAuthority,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.audit(opened, serviceId, { outcome: 'issued', certificate: c.number, year: input.year }, 'success');
    await this.d.notifications.deliver([
      {
        accountId,
        kind: 'case-update',
        dedupeKey: `tax-certificate:${id}`,
        title: `您的${c.kindName}已开具`,
        body:
          input.delivery.method === 'email'
            ? `${input.year}年度${c.kindName}（税票号码${c.number}）已发送至邮箱${masked}，可在“电子税票查验”中凭税票号码查验。`
            : `${input.year}年度${c.kindName}（税票号码${c.number}）已开具，税务机关将邮寄至：${masked}。`,
        link: '/tax/certificates',
        occurredAt: new Date(),
      },
    ]);
    return { created: true, request: present(row) };
  }

  /** The certificate as the e-mail carries it: the bureau's certificate and its 纳税清单 (month by month). */
  private async letter(
    idNumber: string,
    kind: CertificateKind,
    c: {
      number: string;
      kindName: string;
      taxpayerName: string;
      idNumberMasked: string;
      total: number;
      issuedOn: string;
      taxAuthority: string;
    },
    from: string,
    to: string,
  ) {
    const tax = this.d.departments.tax.client;
    const lines = [
      c.kindName,
      `税票号码：${c.number}`,
      `纳税人名称：${c.taxpayerName}`,
      `身份证件号码：${c.idNumberMasked}`,
      `${kind === 'income-tax' ? '税款所属期' : '费款所属期'}：${from}至${to}`,
      `实缴（退）金额合计：${c.total.toFixed(2)}元`,
      `开具日期：${c.issuedOn}`,
      `开具税务机关：${c.taxAuthority}`,
      '',
      kind === 'income-tax' ? '纳税清单：' : '缴费清单：',
    ];
    if (kind === 'income-tax') {
      const { details } = await tax.incomeTaxDetails({ idNumber, from, to });
      for (const r of details?.records ?? []) {
        lines.push(
          `${r.month}　${r.incomeItem}　扣缴义务人：${r.withholdingAgent.name}　收入额：${r.income.toFixed(2)}元　已缴税额：${r.tax.toFixed(2)}元`,
        );
      }
    } else {
      const { details } = await tax.socialInsuranceFeeDetails({ idNumber, from, to });
      for (const r of details?.records ?? []) {
        lines.push(
          `${r.month}　缴费单位：${r.payer.name}　缴费基数：${r.contributionBase.toFixed(2)}元　个人缴纳：${r.personalTotal.toFixed(2)}元　单位缴纳：${r.unitTotal.toFixed(2)}元`,
        );
      }
    }
    lines.push(
      '',
      '可在“粤省事”→税务→票据助手→“电子税票查验”中凭税票号码查验真伪。',
      '本邮件由系统自动发送，请勿回复。',
    );
    return lines.join('\n');
  }

  async list(opened: OpenedLookup): Promise<CertificateRequestView[]> {
    const rows = await this.d.db
      .selectFrom('tax_certificate_requests')
      .selectAll()
      .where('account_id', '=', opened.ctx.accountId)
      .where('status', '=', 'issued')
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute();
    return rows.map(present);
  }

  private audit(
    opened: OpenedLookup,
    serviceId: string,
    detail: Record<string, unknown>,
    result: 'success' | 'failure',
  ) {
    return this.d.audit.record({
      action: `application.${serviceId}`,
      result,
      actorKind: 'citizen',
      actorAccountId: opened.ctx.accountId,
      subjectAccountId: opened.ctx.accountId,
      detail: { serviceId, what: '开具电子税票', subjectPersonId: opened.subject.personId, ...detail },
      requestId: opened.ctx.requestId,
    });
  }

  private row(accountId: string, submissionId: string) {
    return this.d.db
      .selectFrom('tax_certificate_requests')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('submission_id', '=', submissionId)
      .executeTakeFirst();
  }
}
