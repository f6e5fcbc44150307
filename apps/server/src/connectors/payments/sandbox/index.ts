export { SandboxPaymentAdapter } from './adapter.js';
export { SANDBOX_BANNER } from './cashier-page.js';
export { sandboxCashierRoutes } from './cashier-routes.js';
export { type PublicJwk, SandboxPayKeys } from './keys.js';
export {
  NOTIFY_RETRY_SECONDS,
  type NotificationDelivery,
  SANDBOX_CHECKOUT_PATH,
  SandboxPayProvider,
} from './provider.js';
export type { SandboxPayTables } from './tables.js';
