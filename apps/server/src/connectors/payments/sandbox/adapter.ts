import { PAYMENT_CHANNELS } from '@yss/contracts';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { z } from 'zod';
import {
  type CreateProviderPayment,
  PaymentNotificationRejected,
  type PaymentProvider,
  type ProviderRefundRequest,
  type ReceivedNotification,
  type VerifiedPaymentNotification,
} from '../contract.js';
import type { PublicJwk } from './keys.js';
import { SANDBOX_ISSUER, SANDBOX_NOTIFICATION_TYPE, type SandboxPayProvider } from './provider.js';

/** The body the sandbox posts to the notify URL. */
const NotificationBody = z.object({ notification: z.string().min(1).max(8000) }).strict();

const NotificationPayload = z.object({
  iss: z.literal(SANDBOX_ISSUER),
  jti: z.string().min(1).max(64),
  iat: z.number().int(),
  event: z.literal('payment.succeeded'),
  payment: z.object({
    id: z.string().min(1).max(100),
    orderNumber: z.string().min(1).max(64),
    amountFen: z.number().int().positive(),
    transactionId: z.string().min(1).max(100),
    paidAt: z.iso.datetime(),
    channel: z.enum(PAYMENT_CHANNELS),
  }),
});

/** A notification dated this far ahead of our clock is not believed. */
const MAX_CLOCK_SKEW_S = 300;

/**
 * The platform's side of the sandbox provider: the PaymentProvider contract over the sandbox's merchant API. A real
 * provider's adapter has the same shape with HTTPS calls in place of the method calls. Notifications are verified
 * with the provider's public key only (fetched once, as a merchant downloads a provider's platform certificate, and
 * again when a notification names a key not seen yet): nothing here can sign one.
 */
export class SandboxPaymentAdapter implements PaymentProvider {
  readonly name = 'sandbox';
  readonly notificationAcknowledgement = { code: 'SUCCESS' as const, message: '成功' };
  private key: Promise<{ kid: string; key: Awaited<ReturnType<typeof importJWK>> }> | undefined;
  private lastReload = 0;

  constructor(
    private readonly provider: SandboxPayProvider,
    private readonly now: () => Date = () => new Date(),
  ) {}

  createPayment(request: CreateProviderPayment) {
    return this.provider.createPayment(request);
  }

  queryPayment(providerPaymentId: string) {
    return this.provider.queryPayment(providerPaymentId);
  }

  closePayment(providerPaymentId: string) {
    return this.provider.closePayment(providerPaymentId);
  }

  refund(request: ProviderRefundRequest) {
    return this.provider.refund(request);
  }

  async verifyNotification({ body }: ReceivedNotification): Promise<VerifiedPaymentNotification> {
    const parsed = NotificationBody.safeParse(body);
    if (!parsed.success) throw new PaymentNotificationRejected('not a sandbox notification body');
    const jws = parsed.data.notification;
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(jws).kid;
    } catch {
      throw new PaymentNotificationRejected('malformed JWS');
    }
    const key = await this.publicKey(typeof kid === 'string' ? kid : undefined);
    let payload: Uint8Array;
    try {
      const verified = await compactVerify(jws, key, { algorithms: ['ES256'] });
      if (verified.protectedHeader.typ !== SANDBOX_NOTIFICATION_TYPE) throw new Error('wrong typ');
      payload = verified.payload;
    } catch {
      throw new PaymentNotificationRejected('signature does not verify with the provider key');
    }
    let claims: z.infer<typeof NotificationPayload>;
    try {
      claims = NotificationPayload.parse(JSON.parse(new TextDecoder().decode(payload)));
    } catch {
      throw new PaymentNotificationRejected('signed payload is not a payment notification');
    }
    if (claims.iat > this.now().getTime() / 1000 + MAX_CLOCK_SKEW_S) {
      throw new PaymentNotificationRejected('notification dated in the future');
    }
    const p = claims.payment;
    return {
      notificationId: claims.jti,
      providerPaymentId: p.id,
      orderNumber: p.orderNumber,
      state: {
        status: 'paid',
        transactionId: p.transactionId,
        paidAt: new Date(p.paidAt),
        amountFen: p.amountFen,
        channel: p.channel,
      },
    };
  }

  /** The provider's public key; fetched again once when a notification names a kid not seen yet. */
  private async publicKey(kid: string | undefined) {
    const load = () =>
      this.provider.publicJwk().then(async (jwk: PublicJwk) => ({ kid: jwk.kid, key: await importJWK(jwk, 'ES256') }));
    this.key ??= load().catch((err) => {
      this.key = undefined;
      throw err;
    });
    let current = await this.key;
    // A forger naming made-up kids makes at most one fetch per 10 s.
    if (kid !== undefined && kid !== current.kid && this.now().getTime() - this.lastReload > 10_000) {
      this.lastReload = this.now().getTime();
      this.key = load();
      current = await this.key;
    }
    if (kid !== current.kid) throw new PaymentNotificationRejected('unknown signing key');
    return current.key;
  }
}
