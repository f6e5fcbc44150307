import type { StaffGrant } from '@yss/contracts';
import { ConfigProvider, Result } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { type ConsolePermission, grantsWith } from './grants';
import { useSession } from './session';

/**
 * antd's danger red (#ff4d4f) is too light for text on white (danger buttons, the dialogs' field messages): the
 * darker red of the 电子证照状态 page, ≥ 4.5:1.
 */
export const PAGE_THEME = { token: { colorError: '#c4161c', colorErrorHover: '#a31217', colorErrorActive: '#8a0f13' } };

interface Props {
  permission: ConsolePermission;
  /** What the 403 says: what the staff member cannot do, and whom to ask for which role. */
  title: string;
  subTitle: string;
  testId: string;
  /** The page, given the grants with the permission (the same array while the profile is). */
  children(grants: StaffGrant[]): ReactNode;
}

/** A console page for one permission: the page with the grants that give it, or a 403 in words. */
export function RequireGrant({ permission, title, subTitle, testId, children }: Props) {
  const { profile } = useSession();
  const grants = useMemo(() => (profile ? grantsWith(profile, permission) : []), [profile, permission]);
  if (!profile) return null;
  if (grants.length === 0) return <Result status="403" title={title} subTitle={subTitle} data-testid={testId} />;
  return <ConfigProvider theme={PAGE_THEME}>{children(grants)}</ConfigProvider>;
}
