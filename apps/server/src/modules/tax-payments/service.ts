import {
  type CreateVehicleTaxPaymentInput,
  formatFen,
  type MyVehicleTax,
  normalizePlate,
  type PaymentOrder,
  VEHICLE_ENERGY_NAMES,
  VEHICLE_TAX_YEAR_STATUS_NAMES,
  type VehicleTaxLookupInput,
  type VehicleTaxVehicle,
} from '@yss/contracts';
import type { z } from 'zod';
import type { TaxedVehicle } from '../../departments/tax/contract.js';
import { AppError } from '../../http/app-error.js';
import type { NotificationService } from '../notifications/index.js';
import type { FulfilmentOutcome, PaymentOrderLine, PaymentOrderRecord } from '../payments/index.js';
import type { PurposeRow } from '../payments/purpose-orders.js';
import {
  failedIfInputRefused,
  notifyFulfilment,
  type PurposePaymentDeps,
  PurposePaymentService,
} from '../payments/purpose-payment.js';
import { maskIdNumber } from '../privacy/index.js';
import * as repo from './repository.js';

/** The catalog service of 车船税缴款 (D4): every city, for oneself (本人清缴) or another person (他人清缴). */
export const VEHICLE_TAX_SERVICE = 'chechuanshui-jiaokuan';
/** 收款单位 of the tax payments. */
export const TAX_PAYEE = '国家税务总局广东省税务局';
/** The associated data of a payment's sealed fields, then `:<the row's id>`. */
export const VEHICLE_AAD = 'tax-payment.vehicle';
export const OWNER_AAD = 'tax-payment.owner';
export const PAYER_AAD = 'tax-payment.payer';
const ITEM_INDEX = 'tax-payment-item';
/** An order without its row (or the row without a year): it cannot be paid, the money goes back. */
const NO_TAX_ROW = '未找到该笔缴款的税款信息，缴款未成功，款项已原路退回。';

const toFen = (yuan: number) => Math.round(yuan * 100);
type DeptVehicle = z.infer<typeof TaxedVehicle>;

export interface TaxPaymentDeps extends PurposePaymentDeps<'tax'> {
  notifications: NotificationService;
}

/**
 * 车船税缴款 (D4): a vehicle's tax years as the tax department has them (one's own vehicles, or another person's by
 * plate and owner's ID number, masked), a payment order per vehicle and year, and the fulfiller that pays the year
 * at the tax department once the provider confirmed the payment (its 完税凭证 number goes to the result page and
 * 消息). Orders of this purpose are `vehicle-tax` orders whose purposeRef is the tax_payments row id.
 */
export class TaxPaymentService extends PurposePaymentService<'tax_payments'> {
  constructor(private readonly d: TaxPaymentDeps) {
    super(d, 'tax_payments', NO_TAX_ROW);
  }

  private present(v: DeptVehicle, ownerIdNumber: string, mine: boolean): VehicleTaxVehicle {
    const years = v.years.map((y) => ({
      year: y.year,
      amountFen: toFen(y.amount),
      status: y.status,
      statusName: VEHICLE_TAX_YEAR_STATUS_NAMES[y.status],
      paidOn: y.paidOn,
      collectedBy: y.collectedBy,
    }));
    return {
      plate: v.plate,
      vehicleType: v.vehicleType,
      energy: v.energy,
      energyName: VEHICLE_ENERGY_NAMES[v.energy],
      displacementLitres: v.displacementLitres,
      registeredOn: v.registeredOn,
      ownerIdNumberMasked: maskIdNumber(ownerIdNumber),
      mine,
      years,
      unpaidFen: years.filter((y) => y.status === 'unpaid').reduce((s, y) => s + y.amountFen, 0),
      updatedAt: v.updatedAt,
    };
  }

  /** 本人清缴: the vehicles the tax department has under the citizen's ID number. */
  async myVehicles(idNumber: string): Promise<MyVehicleTax> {
    const { vehicles } = await this.d.departments.tax.client.vehicleTaxOf({ idNumber });
    return {
      vehicles: vehicles.map((v) => this.present(v, idNumber, true)),
      source: {
        department: TAX_PAYEE,
        updatedAt:
          vehicles
            .map((v) => v.updatedAt)
            .sort()
            .at(-1) ?? null,
      },
    };
  }

  /** One vehicle by plate and its owner's ID number (他人清缴, or one's own). */
  private async vehicle(plate: string, ownerIdNumber: string) {
    const { vehicle } = await this.d.departments.tax.client.vehicleTaxByPlate({ plate, ownerIdNumber });
    if (!vehicle) {
      throw new AppError(
        'VEHICLE_TAX_NOT_FOUND',
        '未查询到该车辆的车船税信息，请核对车牌号码和车主身份证号码（须为车辆登记的车主）。',
      );
    }
    return vehicle;
  }

  async lookup(payerIdNumber: string, input: VehicleTaxLookupInput): Promise<VehicleTaxVehicle> {
    const plate = normalizePlate(input.plate);
    const owner = input.ownerIdNumber.trim().toUpperCase();
    return this.present(await this.vehicle(plate, owner), owner, owner === payerIdNumber);
  }

  /**
   * A payment order for one vehicle's one tax year, as the tax department has it now: the vehicle must be the
   * owner's (VEHICLE_TAX_NOT_FOUND), the year due (BILL_NOT_FOUND / BILL_ALREADY_PAID, also while another payment
   * of ours is processing) and cost what the citizen saw (BILL_AMOUNT_CHANGED).
   */
  async create(
    accountId: string,
    payerIdNumber: string,
    input: CreateVehicleTaxPaymentInput,
  ): Promise<{ order: PaymentOrder; created: boolean }> {
    const plate = normalizePlate(input.plate);
    const owner = input.ownerIdNumber?.trim().toUpperCase() ?? payerIdNumber;
    const mine = owner === payerIdNumber;
    const vehicle = await this.vehicle(plate, owner);
    const year = vehicle.years.find((y) => y.year === input.year);
    if (!year) {
      throw new AppError('BILL_NOT_FOUND', `该车辆没有${input.year}年度的车船税，请核对缴款年度。`);
    }
    if (year.status === 'exempt') {
      throw new AppError('BILL_NOT_FOUND', `该车辆为新能源汽车，${input.year}年度免征车船税，无需缴款。`);
    }
    if (year.status === 'paid') {
      throw new AppError('BILL_ALREADY_PAID', `该车辆${input.year}年度车船税已缴清，无需重复缴款。`);
    }
    const dueFen = toFen(year.amount);
    if (dueFen !== input.amountFen) {
      throw new AppError(
        'BILL_AMOUNT_CHANGED',
        `该车辆${input.year}年度车船税当前应缴${formatFen(dueFen)}，与页面显示的${formatFen(input.amountFen)}不同，请刷新后重新缴款。`,
      );
    }
    const itemIndex = this.d.cipher.blindIndex(`vehicle-tax:${plate}:${input.year}`, ITEM_INDEX);
    if (await this.orders.anyPaid(await repo.paymentsOfItem(this.d.db, itemIndex))) {
      throw new AppError(
        'BILL_ALREADY_PAID',
        '该车辆该年度车船税已有一笔缴款正在处理，请稍后查看缴款结果，无需重复缴款。',
      );
    }
    return this.placeOrder(accountId, input.submissionId, (id) => ({
      order: {
        purpose: 'vehicle-tax',
        cityCode: '440000',
        subject: `车船税 ${plate} ${input.year}年度`,
        payeeName: TAX_PAYEE,
        amountFen: dueFen,
        lines: [
          { label: '车牌号码', value: plate },
          { label: '车主证件号码', value: maskIdNumber(owner) },
          { label: '缴款方式', value: mine ? '本人清缴' : '他人清缴' },
          { label: '税款所属年度', value: `${input.year}年度` },
          { label: '金额', value: formatFen(dueFen) },
        ],
        returnPath: '/tax/vehicle-tax',
      },
      row: {
        kind: 'vehicle-tax',
        vehicle_encrypted: this.d.cipher.encrypt(plate, `${VEHICLE_AAD}:${id}`),
        item_index: itemIndex,
        owner_id_encrypted: this.d.cipher.encrypt(owner, `${OWNER_AAD}:${id}`),
        payer_id_encrypted: this.d.cipher.encrypt(payerIdNumber, `${PAYER_AAD}:${id}`),
        tax_year: input.year,
        amount_fen: dueFen,
        certificate_number: null,
        department_paid_on: null,
      },
    }));
  }

  private receipt(certificate: string, paidOn: string, year: number | null): PaymentOrderLine[] {
    return [
      { label: '完税凭证号码', value: certificate },
      { label: '入库日期', value: paidOn },
      ...(year ? [{ label: '税款所属年度', value: `${year}年度` }] : []),
    ];
  }

  /**
   * 履约: pay the year at the tax department. payVehicleTax is keyed by our payment reference (the 支付订单号): asked
   * again after a crash or a lost answer, the department answers the payment it already recorded — so this is safe
   * to retry. The amount is checked against the department first: a year now due at another amount, or paid by
   * someone else meanwhile, fails with a note and the money goes back.
   */
  protected async fulfilRow(order: PaymentOrderRecord, row: PurposeRow<'tax_payments'>): Promise<FulfilmentOutcome> {
    if (row.tax_year === null) return { outcome: 'failed', note: NO_TAX_ROW };
    if (row.certificate_number && row.department_paid_on) {
      return { outcome: 'done', receipt: this.receipt(row.certificate_number, row.department_paid_on, row.tax_year) };
    }
    const plate = this.d.cipher.decrypt(row.vehicle_encrypted, `${VEHICLE_AAD}:${row.id}`);
    const owner = this.d.cipher.decrypt(row.owner_id_encrypted, `${OWNER_AAD}:${row.id}`);
    const payer = this.d.cipher.decrypt(row.payer_id_encrypted, `${PAYER_AAD}:${row.id}`);
    const year = row.tax_year;
    const tax = this.d.departments.tax.client;
    const { vehicle } = await tax.vehicleTaxByPlate({ plate, ownerIdNumber: owner });
    const due = vehicle?.years.find((y) => y.year === year);
    if (due?.status === 'unpaid' && toFen(due.amount) !== row.amount_fen) {
      return {
        outcome: 'failed',
        note: `税务部门核定的${year}年度车船税已变为${formatFen(toFen(due.amount))}，缴款未成功，款项已原路退回，请重新缴款。`,
      };
    }
    let answer: Awaited<ReturnType<typeof tax.payVehicleTax>>;
    try {
      answer = await tax.payVehicleTax({
        plate,
        ownerIdNumber: owner,
        payerIdNumber: payer,
        years: [year],
        paymentReference: order.orderNumber,
      });
    } catch (err) {
      return failedIfInputRefused(err, `${year}年度车船税缴款信息有误，缴款未成功，款项已原路退回。`);
    }
    if (!answer.paid) {
      return {
        outcome: 'failed',
        note:
          answer.reason === 'nothing-due'
            ? `该车辆${year}年度车船税已缴清（可能已由他人缴纳），款项已原路退回。`
            : '税务部门未查询到该车辆，缴款未成功，款项已原路退回。',
      };
    }
    const { certificateNumber, paidOn } = answer.receipt;
    await repo.recordCertificate(this.d.db, row.id, certificateNumber, paidOn);
    await notifyFulfilment(this.d.notifications, order, {
      key: 'tax-payment',
      what: 'certificate',
      title: `车船税完税凭证：${plate} ${year}年度`,
      body:
        `您缴纳的${plate} ${year}年度车船税${formatFen(row.amount_fen)}已入库。完税凭证号码：${certificateNumber}；` +
        `入库日期：${paidOn}；收款单位：${TAX_PAYEE}；支付订单号：${order.orderNumber}。`,
      link: `/pay/${order.id}/result`,
    });
    return { outcome: 'done', receipt: this.receipt(certificateNumber, paidOn, year) };
  }
}
