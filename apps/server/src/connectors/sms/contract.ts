/**
 * SMS gateway connector. The platform sends one-time codes and notices through this interface only;
 * the implementation is chosen by configuration: the sandbox outbox here, a carrier's gateway in a
 * real deployment (an adapter implementing the same interface).
 */
export interface SmsGateway {
  send(message: { phone: string; text: string }): Promise<void>;
}
