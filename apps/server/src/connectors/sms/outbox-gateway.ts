import type { Db } from '../../db/database.js';
import { type FieldCipher, maskPhone } from '../../modules/privacy/index.js';
import type { SmsGateway } from './contract.js';

/** The associated data of every stored text. */
export const TEXT_AAD = 'sms_outbox.text';

/**
 * Sandbox SMS gateway: nothing leaves the machine; messages land in the `sms_outbox` table where a
 * developer (or a test) reads them. Texts are encrypted at rest like any secret.
 */
export class OutboxSmsGateway implements SmsGateway {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
  ) {}

  async send({ phone, text }: { phone: string; text: string }): Promise<void> {
    await this.db
      .insertInto('sms_outbox')
      .values({
        phone_index: this.cipher.blindIndex(phone, 'phone'),
        phone_masked: maskPhone(phone),
        text_encrypted: this.cipher.encrypt(text, TEXT_AAD),
      })
      .execute();
  }

  async read(options: { phone?: string; limit?: number } = {}) {
    let q = this.db
      .selectFrom('sms_outbox')
      .select(['phone_masked', 'text_encrypted', 'created_at'])
      .orderBy('id', 'desc')
      .limit(options.limit ?? 20);
    if (options.phone) q = q.where('phone_index', '=', this.cipher.blindIndex(options.phone, 'phone'));
    const rows = await q.execute();
    return rows.map((r) => ({
      phoneMasked: r.phone_masked,
      text: this.cipher.decrypt(r.text_encrypted, TEXT_AAD),
      createdAt: r.created_at.toISOString(),
    }));
  }
}
