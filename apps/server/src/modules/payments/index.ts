export { type Holder, PaymentGate } from './gate.js';
export { AUTO_REFUND_KEY, PaymentService, type PaymentServiceDeps } from './payment-service.js';
export type {
  DbExecutor,
  FulfilmentOutcome,
  NewPaymentOrder,
  PaymentFulfiller,
  PaymentOrderLine,
  PaymentOrderRecord,
  PaymentRefundRecord,
  Payments,
  RefundRequest,
} from './port.js';
export { type PaymentsSetup, registerPayments, SANDBOX_NOTIFIER_JOB } from './register.js';
export { paymentCitizenRoutes, paymentNotifyRoutes } from './routes.js';
export { PAYMENTS_SWEEP_JOB, PaymentSweep, type SweepReport } from './sweep.js';
