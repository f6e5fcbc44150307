import {
  type CityCode,
  type CreateEndorsementInput,
  ENDORSEMENT_PERMIT_TYPES,
  ENDORSEMENT_PROOF_NOTE,
  type EndorsementOptions,
  type EndorsementOptionView,
  type EndorsementPermitType,
  type EndorsementServiceId,
  formatFen,
  type MyEndorsements,
  type PaymentOrder,
} from '@yss/contracts';
import type { z } from 'zod';
import {
  CHANNEL_STEPS,
  DOCUMENT_KINDS,
  ENDORSEMENT_STEPS,
  type EndorsementStep,
} from '../../departments/exit-entry/codes.js';
import type {
  ENDORSEMENT_REFUSALS,
  Endorsement,
  EndorsementOption,
  TravelDocument,
} from '../../departments/exit-entry/contract.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { PersonalLookupGate } from '../lookups/index.js';
import { timeline } from '../lookups/records-routes.js';
import type { NotificationService } from '../notifications/index.js';
import type { FulfilmentOutcome, Holder, PaymentOrderLine, PaymentOrderRecord } from '../payments/index.js';
import type { PurposeRow } from '../payments/purpose-orders.js';
import {
  failedIfInputRefused,
  notifyFulfilment,
  type PurposePaymentDeps,
  PurposePaymentService,
} from '../payments/purpose-payment.js';
import * as repo from './repository.js';

export const EXIT_ENTRY_PAYEE = '广东省公安厅出入境管理局';
/** The associated data of an application's sealed fields, then `:<the row's id>`. */
export const DOCUMENT_AAD = 'endorsement.document';
export const ID_AAD = 'endorsement.id-number';
const ITEM_INDEX = 'endorsement-item';

/** Each service: its name, the permit it endorses and the destinations it covers. */
export const ENDORSEMENT_SERVICES = {
  'gangao-zaici-qianzhu': {
    name: '港澳通行证再次签注',
    document: 'hk-macao-permit',
    destinations: ['hong-kong', 'macao'],
  },
  'taiwan-qianzhu': { name: '台湾通行证签注', document: 'taiwan-permit', destinations: ['taiwan'] },
} as const satisfies Record<
  EndorsementServiceId,
  { name: string; document: TravelDocument['kind']; destinations: readonly string[] }
>;

type Refusal = (typeof ENDORSEMENT_REFUSALS)[number];
/** The exit-entry system's refusals in the citizen's words. */
const REFUSALS: Record<Refusal, string> = {
  'document-not-found': '未查询到您名下的该证件，请核对后重试。',
  'document-not-valid': '该证件已过期或已作废，不能办理签注，请先到出入境管理部门办理换发或补发。',
  'wrong-document': '该证件不能在线办理所选签注。',
  'taiwan-not-online': '台湾通行证签注暂仅支持广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳签发的证件在线办理。',
  'in-progress': '该证件已有一个前往该地的签注正在办理，请办结后再申请。',
  'fee-changed': '签注费已调整，请刷新后重新提交。',
};
/** The guide: 签注服务支持广东省户籍居民，以及广东省签发的港澳通行证、台湾通行证的签注服务线上办理。 */
const NOT_GUANGDONG =
  '签注服务支持广东省户籍居民，以及广东省签发的港澳通行证、台湾通行证的签注服务线上办理。您的户籍不在广东省，' +
  '该证件也非广东省签发，请到出入境管理部门窗口办理。';

const toFen = (yuan: number) => Math.round(yuan * 100);
type DeptOption = z.infer<typeof EndorsementOption>;
type DeptEndorsement = z.infer<typeof Endorsement>;

export interface EndorsementDeps extends PurposePaymentDeps<'exitEntry' | 'populationRegister'> {
  /** The catalog's city rule, in its words (台湾通行证签注暂仅支持…). */
  lookupGate: Pick<PersonalLookupGate, 'requireOfferedIn'>;
  notifications: NotificationService;
}

/**
 * 在线签注 (D6): the citizen's permits with the endorsements each may get online (the guide's rule: Guangdong
 * hukou, or a permit issued in Guangdong; 台湾 only for the eight cities), a payment order for one endorsement's fee,
 * the fulfiller that has the exit-entry system take the application once the fee is paid, and 签注进度查询.
 * Orders of this purpose are `endorsement-fee` orders whose purposeRef is the endorsement_applications row id.
 */
export class EndorsementService extends PurposePaymentService<'endorsement_applications'> {
  constructor(private readonly d: EndorsementDeps) {
    super(d, 'endorsement_applications', '未找到该笔签注申请，签注未办理，签注费已原路退回。');
  }

  private optionView(o: DeptOption): EndorsementOptionView {
    return {
      destination: o.destination,
      destinationName: o.destinationName,
      kind: o.kind,
      kindName: o.kindName,
      trips: o.trips,
      tripsName: o.tripsName,
      stayDays: o.stayDays,
      validMonths: o.validMonths,
      feeFen: toFen(o.fee),
      available: o.available,
      reason: o.reason ? REFUSALS[o.reason] : null,
    };
  }

  /** The citizen's permits for the service, whether Guangdong hukou, from the departments. */
  private async permitsOf(service: EndorsementServiceId, idNumber: string) {
    const [{ documents }, { person }] = await Promise.all([
      this.d.departments.exitEntry.client.documents({ idNumber }),
      this.d.departments.populationRegister.client.getPerson({ idNumber }),
    ]);
    const guangdongHukou = person?.hukouCityCode != null;
    const kind = ENDORSEMENT_SERVICES[service].document;
    return { permits: documents.filter((d) => d.kind === kind), guangdongHukou };
  }

  private async optionsOf(service: EndorsementServiceId, idNumber: string, documentNumber: string) {
    const { options } = await this.d.departments.exitEntry.client.endorsementOptions({ idNumber, documentNumber });
    const destinations: readonly string[] = ENDORSEMENT_SERVICES[service].destinations;
    return options.filter((o) => destinations.includes(o.destination));
  }

  /** 选择签注: each permit of the citizen's for this service, with the endorsements it may get and their fees. */
  async options(service: EndorsementServiceId, city: CityCode, idNumber: string): Promise<EndorsementOptions> {
    this.d.lookupGate.requireOfferedIn(service, city);
    const { permits, guangdongHukou } = await this.permitsOf(service, idNumber);
    const views = await Promise.all(
      permits.map(async (p) => {
        const base = {
          documentNumber: p.number,
          kindName: p.kindName,
          issuedOn: p.issuedOn,
          validUntil: p.validUntil,
          issuePlace: p.issuePlace,
          statusName: p.statusName,
        };
        if (!guangdongHukou && !p.issuedInGuangdong) {
          return { ...base, eligible: false, reason: NOT_GUANGDONG, options: [] };
        }
        if (p.status !== 'valid') {
          return { ...base, eligible: false, reason: REFUSALS['document-not-valid'], options: [] };
        }
        const options = await this.optionsOf(service, idNumber, p.number);
        return { ...base, eligible: true, reason: null, options: options.map((o) => this.optionView(o)) };
      }),
    );
    return {
      service,
      serviceName: ENDORSEMENT_SERVICES[service].name,
      permits: views,
      source: {
        department: EXIT_ENTRY_PAYEE,
        updatedAt:
          permits
            .map((p) => p.updatedAt)
            .sort()
            .at(-1) ?? null,
      },
    };
  }

  /**
   * A payment order for one endorsement's fee: the permit must be the citizen's and fit the guide's rule
   * (ENDORSEMENT_NOT_ELIGIBLE in its words), the endorsement available now (not one already in progress, also one
   * of ours paid and processing), and the fee what the citizen saw (BILL_AMOUNT_CHANGED).
   */
  async create(
    accountId: string,
    holder: Holder,
    input: CreateEndorsementInput,
  ): Promise<{ order: PaymentOrder; created: boolean }> {
    const { idNumber } = holder;
    this.d.lookupGate.requireOfferedIn(input.service, input.city);
    const service = ENDORSEMENT_SERVICES[input.service];
    const documentNumber = input.documentNumber.trim().toUpperCase();
    const { permits, guangdongHukou } = await this.permitsOf(input.service, idNumber);
    const permit = permits.find((p) => p.number === documentNumber);
    if (!permit) throw new AppError('ENDORSEMENT_NOT_ELIGIBLE', REFUSALS['document-not-found']);
    if (!guangdongHukou && !permit.issuedInGuangdong) throw new AppError('ENDORSEMENT_NOT_ELIGIBLE', NOT_GUANGDONG);
    const option = (await this.optionsOf(input.service, idNumber, documentNumber)).find(
      (o) => o.destination === input.destination && o.kind === input.kind && o.trips === input.trips,
    );
    if (!option) throw new AppError('ENDORSEMENT_NOT_ELIGIBLE', REFUSALS['wrong-document']);
    if (option.reason) throw new AppError('ENDORSEMENT_NOT_ELIGIBLE', REFUSALS[option.reason]);
    const feeFen = toFen(option.fee);
    if (feeFen !== input.amountFen) {
      throw new AppError(
        'BILL_AMOUNT_CHANGED',
        `该签注的签注费当前为${formatFen(feeFen)}，与页面显示的${formatFen(input.amountFen)}不同，请刷新后重新提交。`,
      );
    }
    const itemIndex = this.d.cipher.blindIndex(`${documentNumber}:${input.destination}`, ITEM_INDEX);
    if (await this.orders.anyPaid(await repo.applicationsOfItem(this.d.db, itemIndex), ['processing'])) {
      throw new AppError('ENDORSEMENT_NOT_ELIGIBLE', REFUSALS['in-progress']);
    }
    const what = `${option.destinationName}${option.kindName}签注（${option.tripsName}）`;
    return this.placeOrder(accountId, input.submissionId, (id) => ({
      order: {
        purpose: 'endorsement-fee',
        cityCode: input.city,
        subject: `${service.name} ${what}`,
        payeeName: EXIT_ENTRY_PAYEE,
        amountFen: feeFen,
        lines: [
          // 为他人办理: whose endorsement the payer is paying for
          ...(holder.nameMasked ? [{ label: '签注人', value: holder.nameMasked }] : []),
          { label: '证件', value: `${permit.kindName} ${permit.number}` },
          { label: '签注', value: what },
          { label: '每次逗留', value: `不超过${option.stayDays}天` },
          { label: '有效期', value: `${option.validMonths}个月` },
          { label: '送达方式', value: '邮寄（EMS）' },
          { label: '签注费', value: formatFen(feeFen) },
        ],
        returnPath: '/exit-entry/endorsements',
      },
      row: {
        service_id: input.service,
        document_encrypted: this.d.cipher.encrypt(documentNumber, `${DOCUMENT_AAD}:${id}`),
        item_index: itemIndex,
        id_number_encrypted: this.d.cipher.encrypt(idNumber, `${ID_AAD}:${id}`),
        destination: input.destination,
        kind: input.kind,
        trips: input.trips,
        fee_fen: feeFen,
        endorsement_id: null,
      },
    }));
  }

  private receipt(e: DeptEndorsement): PaymentOrderLine[] {
    return [
      { label: '签注状态', value: e.statusName },
      ...(e.validFrom && e.validUntil ? [{ label: '签注有效期', value: `${e.validFrom} 至 ${e.validUntil}` }] : []),
      { label: '送达方式', value: '邮寄（EMS）' },
      { label: '缴费凭证', value: '本页及“缴费成功通知”消息即为缴费凭证，邮寄送达时无需再次缴费' },
    ];
  }

  /**
   * 履约: the exit-entry system takes the application. applyEndorsement is keyed by our payment reference (the
   * 支付订单号): asked again after a crash or a lost answer it answers the endorsement it made — safe to retry. A
   * refusal (the permit no longer valid, another endorsement in progress, the fee changed) fails with a note and
   * the fee goes back.
   */
  protected async fulfilRow(
    order: PaymentOrderRecord,
    row: PurposeRow<'endorsement_applications'>,
  ): Promise<FulfilmentOutcome> {
    const documentNumber = this.d.cipher.decrypt(row.document_encrypted, `${DOCUMENT_AAD}:${row.id}`);
    const idNumber = this.d.cipher.decrypt(row.id_number_encrypted, `${ID_AAD}:${row.id}`);
    let answer: Awaited<ReturnType<Departments['exitEntry']['client']['applyEndorsement']>>;
    try {
      answer = await this.d.departments.exitEntry.client.applyEndorsement({
        idNumber,
        documentNumber,
        destination: row.destination,
        kind: row.kind,
        trips: row.trips,
        fee: row.fee_fen / 100,
        applicationReference: order.orderNumber,
      });
    } catch (err) {
      return failedIfInputRefused(err, '签注申请信息有误，签注未办理，签注费已原路退回。');
    }
    if (!answer.applied) {
      return { outcome: 'failed', note: `${REFUSALS[answer.reason]}签注未办理，签注费已原路退回。` };
    }
    const e = answer.endorsement;
    if (!row.endorsement_id) await repo.recordEndorsement(this.d.db, row.id, e.endorsementId);
    await notifyFulfilment(this.d.notifications, order, {
      key: 'endorsement',
      what: 'applied',
      title: `签注办理：${e.destinationName}${e.kindName}签注${e.statusName}`.slice(0, 100),
      body:
        `您申请的${e.destinationName}${e.kindName}签注（${e.tripsName}，证件号码${e.documentNumber}）已${e.statusName}` +
        (e.validFrom && e.validUntil ? `，有效期${e.validFrom}至${e.validUntil}` : '') +
        `，将通过EMS邮寄送达。签注费${formatFen(row.fee_fen)}已缴纳（支付订单号：${order.orderNumber}）。` +
        ENDORSEMENT_PROOF_NOTE,
      link: `/pay/${order.id}/result`,
    });
    return { outcome: 'done', receipt: this.receipt(e) };
  }

  /**
   * 签注进度查询: the endorsements on the person's permits, newest first, with their path done and to come. Only those
   * on a kind of permit in `linked` are shown (the guide: 关联相关电子证照查看签注进度); the other kinds that carry
   * endorsements are named in `unlinkedPermits`, so the page can offer to link them. `linked: 'all'` shows every one
   * (a family member looking with 授权: the permits are the other person's, not in the looker's 我的证照).
   */
  async progress(idNumber: string, linked: ReadonlySet<EndorsementPermitType> | 'all'): Promise<MyEndorsements> {
    const client = this.d.departments.exitEntry.client;
    // the permits' kinds are needed only to filter by link: a family member's view (all shown) skips that call
    const [{ endorsements: all }, { documents }] = await Promise.all([
      client.endorsements({ idNumber }),
      linked === 'all' ? { documents: [] } : client.documents({ idNumber }),
    ]);
    const kindOf = new Map(documents.map((d) => [d.number, d.kind]));
    const permitOf = (documentNumber: string): EndorsementPermitType | null => {
      const kind = kindOf.get(documentNumber);
      return ENDORSEMENT_PERMIT_TYPES.find((t) => t === kind) ?? null;
    };
    const shown = (e: { documentNumber: string }) => {
      if (linked === 'all') return true;
      const permit = permitOf(e.documentNumber);
      return permit !== null && linked.has(permit);
    };
    const endorsements = all.filter(shown);
    const unlinked = new Set(all.filter((e) => !shown(e)).map((e) => permitOf(e.documentNumber)));
    return {
      unlinkedPermits: ENDORSEMENT_PERMIT_TYPES.filter((t) => unlinked.has(t)).map((type) => ({
        type,
        name: DOCUMENT_KINDS[type],
      })),
      endorsements: endorsements.map((e) => {
        const path = CHANNEL_STEPS[e.channel];
        const finished = e.status === path.at(-1) || e.status === 'rejected';
        return {
          endorsementId: e.endorsementId,
          documentNumber: e.documentNumber,
          destinationName: e.destinationName,
          kindName: e.kindName,
          tripsName: e.tripsName,
          stayDays: e.stayDays,
          channelName: e.channelName,
          appliedOn: e.appliedOn,
          validFrom: e.validFrom,
          validUntil: e.validUntil,
          feeFen: toFen(e.fee),
          status: e.status,
          statusName: e.statusName,
          steps: timeline<EndorsementStep>(e.progress, path, ENDORSEMENT_STEPS, {
            finished,
            rejected: e.status === 'rejected',
          }),
          updatedAt: e.updatedAt,
        };
      }),
      source: {
        department: EXIT_ENTRY_PAYEE,
        updatedAt:
          endorsements
            .map((e) => e.updatedAt)
            .sort()
            .at(-1) ?? null,
      },
    };
  }
}
