import type { PaymentChannel } from '@yss/contracts';

/**
 * Payment provider connector: what the platform needs of a payment provider's merchant API (UnionPay, WeChat Pay,
 * Alipay and the like all offer these, under their own names). The payments module talks to a provider through this
 * interface only; the implementation is chosen by configuration (PAYMENT_PROVIDER): the sandbox here
 * (`sandbox/`), a real provider's adapter in a real deployment. docs/payments.md lists what an adapter must do.
 *
 * The platform never sees card details or payment passwords: it creates a payment for its order, sends the
 * citizen to the provider's cashier (收银台) and learns the outcome from the provider's signed notification
 * (支付结果通知) or by asking (主动查单).
 */

/** 下单: a payment for one of the merchant's orders. */
export interface CreateProviderPayment {
  /** The merchant's order number (out_trade_no); the provider keeps one payment per order number. */
  orderNumber: string;
  amountFen: number;
  /** What is paid for (the cashier shows it). */
  subject: string;
  /** 收款单位 as the cashier shows it. */
  payeeName: string;
  /** The method the citizen picked in the app. */
  channel: PaymentChannel;
  /** Where the provider posts its signed notification (absolute URL). */
  notifyUrl: string;
  /** Where the cashier sends the payer once paid (absolute URL). */
  returnUrl: string;
  /** 返回商户: where the cashier sends the payer who gives up (absolute URL). */
  cancelUrl: string;
  /** The provider refuses payment after this (time_expire). */
  expiresAt: Date;
}

export interface ProviderPayment {
  /** The provider's id of the payment (prepay id, trade no). */
  providerPaymentId: string;
  /** The provider's cashier page for this payment; the app navigates there (a full page load). */
  checkoutUrl: string;
}

/** What the provider says of a payment (主动查单, and the answer to 关单). */
export type ProviderPaymentState =
  | { status: 'pending' }
  | { status: 'closed' }
  | {
      status: 'paid';
      /** 交易流水号 */
      transactionId: string;
      paidAt: Date;
      amountFen: number;
      channel: PaymentChannel;
    };

/** 退款: part or all of a paid payment, back the way it came (原路退回). */
export interface ProviderRefundRequest {
  providerPaymentId: string;
  orderNumber: string;
  /** The merchant's refund number (out_refund_no): asking again with the same number refunds once. */
  refundNumber: string;
  amountFen: number;
  reason: string;
}

export interface ProviderRefund {
  providerRefundId: string;
  refundedAt: Date;
}

/** A notification as the notify route received it. */
export interface ReceivedNotification {
  body: unknown;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A notification whose signature checked out: the provider says this payment is paid. */
export interface VerifiedPaymentNotification {
  /** The provider's id of the notification (the same for each retry of it). */
  notificationId: string;
  providerPaymentId: string;
  orderNumber: string;
  state: Extract<ProviderPaymentState, { status: 'paid' }>;
}

/** The provider could not be reached or did not answer in time: nothing is known, ask again later. */
export class PaymentProviderUnavailable extends Error {
  constructor(reason: string) {
    super(`payment provider unavailable: ${reason}`);
  }
}

/** The provider refused the request (e.g. a refund above what is left, an unknown payment). */
export class PaymentProviderRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(`payment provider refused (${reason}): ${message}`);
  }
}

/** A notification that is not the provider's: bad or missing signature, unknown key, altered or malformed. */
export class PaymentNotificationRejected extends Error {}

export interface PaymentProvider {
  /** The provider's name in PAYMENT_PROVIDER and in the notify route (/api/v1/payments/notify/<name>). */
  readonly name: string;
  /** 下单. Idempotent on the order number while the payment is unpaid (the same id comes back). */
  createPayment(request: CreateProviderPayment): Promise<ProviderPayment>;
  /** 查单. */
  queryPayment(providerPaymentId: string): Promise<ProviderPaymentState>;
  /**
   * 关单: no payment is taken after this. Answers the state afterwards — `paid` when the payer was faster (the
   * platform then records the payment, never loses it).
   */
  closePayment(providerPaymentId: string): Promise<ProviderPaymentState>;
  /** 退款, idempotent on the refund number. Throws PaymentProviderRefused when the provider will not refund. */
  refund(request: ProviderRefundRequest): Promise<ProviderRefund>;
  /**
   * 验签: the notification as received (its parsed JSON body and its headers), checked with the provider's public
   * key (certificate). Throws PaymentNotificationRejected for anything not signed by the provider.
   */
  verifyNotification(notification: ReceivedNotification): Promise<VerifiedPaymentNotification>;
  /** What the provider expects as the answer to a notification that was taken (so that it stops retrying). */
  readonly notificationAcknowledgement: { code: 'SUCCESS'; message: string };
}
