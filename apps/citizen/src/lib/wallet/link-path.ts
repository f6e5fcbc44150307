import type { CredentialType } from '@yss/contracts';

/**
 * The "+" flow of 我的证照 opened on one certificate type, coming back to `next` once it is linked: for services
 * the guide opens only after a link (关联社保卡后，开通医保支付 / 选择养老资格认证), so that the citizen lands where they
 * started instead of on the certificate.
 */
export function linkCertificatePath(type: CredentialType, next: string): string {
  return `/wallet/add?${new URLSearchParams({ type, next })}`;
}
