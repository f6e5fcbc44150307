import { randomUUID } from 'node:crypto';
import type { FeedbackInput, FeedbackReceipt } from '@yss/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import { type FieldCipher, maskContact } from '../privacy/index.js';
import { insertFeedback } from './repository.js';
import { sealContent } from './stored-content.js';

/** The associated data of a feedback's sealed contact: the same for every row (the text is bound to the id). */
export const CONTACT_AAD = 'feedback.contact';

export interface FeedbackDeps {
  db: Db;
  cipher: FieldCipher;
  catalog: CatalogService;
}

/** Store a citizen's feedback; the text and the contact are encrypted at rest (only a masked contact is readable). */
export async function submitFeedback(
  deps: FeedbackDeps,
  input: z.output<typeof FeedbackInput>,
): Promise<FeedbackReceipt> {
  if (input.serviceId && !deps.catalog.current.findService(input.serviceId)) {
    throw new AppError('VALIDATION_FAILED', '反馈关联的服务不存在，请返回服务页面重新提交。', [
      { path: 'serviceId', message: '服务不存在' },
    ]);
  }
  const contact = input.contact?.trim() || null;
  const id = randomUUID();
  const saved = await insertFeedback(deps.db, {
    id,
    category: input.category,
    contentEncrypted: sealContent(deps.cipher, id, input.content),
    contactEncrypted: contact ? deps.cipher.encrypt(contact, CONTACT_AAD) : null,
    contactMasked: contact ? maskContact(contact) : null,
    serviceId: input.serviceId ?? null,
    cityCode: input.city ?? null,
  });
  return {
    id: saved.id,
    createdAt: saved.createdAt.toISOString(),
    message: '感谢您的反馈，我们会尽快处理。',
  };
}
