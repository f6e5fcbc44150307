/**
 * E-mail connector. The platform sends e-mail (today: 电子税票 certificates, F4) through this interface only; the
 * implementation is chosen at start: the sandbox outbox here (THERE IS NO REAL E-MAIL DELIVERY in this edition),
 * an SMTP relay or a mail provider's API in a real deployment (an adapter implementing the same interface).
 * Callers never log the address: only its masked form (z***@example.com).
 */
export interface EmailMessage {
  to: string;
  subject: string;
  /** Plain text, UTF-8. */
  text: string;
}

export interface EmailGateway {
  /** Resolves once the message is accepted for delivery (the outbox: stored); rejects when it was not. */
  send(message: EmailMessage): Promise<void>;
}
