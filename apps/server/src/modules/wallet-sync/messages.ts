import { type CredentialType, credentialTypeSpec } from '@yss/contracts';
import type { NewNotification } from '../notifications/index.js';
import { issuerOfType } from '../wallet/index.js';
import type { SyncAction } from './decide.js';

/** 电子结婚证, 电子驾驶证 …; names that say 电子 already (居民身份电子凭证) stay as they are. */
export function electronicName(type: CredentialType): string {
  const name = credentialTypeSpec(type).name;
  if (name.includes('电子')) return name;
  if (name === '公积金') return '公积金电子证照';
  return `电子${name}`;
}

/**
 * The inbox message for one status change of a linked certificate, in the guide's tone. Its dedupe key is the
 * link and the count of changes announced for it: one message per change, however often a round is repeated.
 * It names the type and the department's reason only — never a number or another person's name.
 */
export function statusMessage(v: {
  accountId: string;
  linkId: string;
  type: CredentialType;
  action: SyncAction;
  reason: string;
  change: number;
  at: Date;
}): NewNotification {
  const what = electronicName(v.type);
  const issuer = issuerOfType(v.type).name;
  const body =
    v.action === 'revoke'
      ? `您的${what}已被签发机构注销（${v.reason}）。该证照已不能出示和核验；如已办理新证，可在“我的证照”解除关联后重新关联。如有疑问，请咨询${issuer}。`
      : v.action === 'suspend'
        ? `您的${what}已被签发机构暂停使用（${v.reason}）。暂停期间不能出示和核验，签发机构恢复后将自动恢复使用。如有疑问，请咨询${issuer}。`
        : `您的${what}已恢复使用（签发机构记录已恢复正常），可以继续出示和核验。`;
  const title =
    v.action === 'revoke' ? `${what}已注销` : v.action === 'suspend' ? `${what}已暂停使用` : `${what}已恢复使用`;
  return {
    accountId: v.accountId,
    kind: 'wallet-status',
    dedupeKey: `wallet-status:${v.linkId}:${v.change}`,
    title,
    body,
    link: `/wallet/${v.linkId}`,
    occurredAt: v.at,
  };
}
