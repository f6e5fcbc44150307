import type { CredentialType } from '@yss/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { linkCertificatePath } from '../lib/wallet/link-path';

/**
 * The page's main button when a service opens only after a certificate is linked (关联社保卡后开通医保支付 /
 * 养老资格认证, 关联报到证后查询档案去向): 我的证照's "+" on that type, coming back to `next` once linked. A link
 * styled as antd-mobile's large primary button, in place of a button that cannot work yet.
 */
export function LinkCertificateButton({
  type,
  next,
  testId,
  children,
}: {
  type: CredentialType;
  next: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Link
      to={linkCertificatePath(type, next)}
      className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default state-link"
      data-testid={testId}
    >
      {children}
    </Link>
  );
}
