import type { Db } from '../../db/database.js';
import { type FieldCipher, maskEmail } from '../../modules/privacy/index.js';
import type { EmailGateway, EmailMessage } from './contract.js';

/** The associated data of every stored body. */
export const BODY_AAD = 'email_outbox.body';

/**
 * Sandbox e-mail gateway: nothing leaves the machine. Messages land in the `email_outbox` table (address as a
 * blind index and a masked copy, body encrypted at rest), where a developer reads them at
 * GET /api/v1/dev/email-outbox (demo mode only) and tests read them with `read`.
 */
export class OutboxEmailGateway implements EmailGateway {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
  ) {}

  private index(address: string) {
    return this.cipher.blindIndex(address.trim().toLowerCase(), 'email');
  }

  async send({ to, subject, text }: EmailMessage): Promise<void> {
    await this.db
      .insertInto('email_outbox')
      .values({
        address_index: this.index(to),
        address_masked: maskEmail(to.trim()),
        subject,
        body_encrypted: this.cipher.encrypt(text, BODY_AAD),
      })
      .execute();
  }

  async read(options: { address?: string; limit?: number } = {}) {
    let q = this.db
      .selectFrom('email_outbox')
      .select(['address_masked', 'subject', 'body_encrypted', 'created_at'])
      .orderBy('id', 'desc')
      .limit(options.limit ?? 20);
    if (options.address) q = q.where('address_index', '=', this.index(options.address));
    const rows = await q.execute();
    return rows.map((r) => ({
      addressMasked: r.address_masked,
      subject: r.subject,
      text: this.cipher.decrypt(r.body_encrypted, BODY_AAD),
      createdAt: r.created_at.toISOString(),
    }));
  }
}
