import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { inbox } from '../api/credit';
import { INBOX_CHANGED } from '../lib/credit';
import { useAuth } from '../state/auth';
import { Icon } from './icons';

/** Unread messages of the logged-in citizen, counted again on every page change and when messages are read. */
function useUnread(): number {
  const { status } = useAuth();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    window.addEventListener(INBOX_CHANGED, bump);
    return () => window.removeEventListener(INBOX_CHANGED, bump);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: count again on page change and on INBOX_CHANGED
  useEffect(() => {
    if (status !== 'in') {
      setUnread(0);
      return;
    }
    const controller = new AbortController();
    inbox.unread({ signal: controller.signal }).then(
      (r) => setUnread(r.unread),
      () => undefined,
    );
    return () => controller.abort();
  }, [status, pathname, tick]);
  return unread;
}

/** The bottom tab bar of the root pages: 首页 · 服务 · 消息 · 我的. Real links, so every tab is reachable. */
export function TabBar() {
  const { t } = useTranslation();
  const unread = useUnread();
  const tabs = [
    { to: '/', label: t('tabs.home'), icon: 'home' as const, end: true, badge: 0 },
    { to: '/services', label: t('tabs.services'), icon: 'apps' as const, end: true, badge: 0 },
    { to: '/inbox', label: t('tabs.inbox'), icon: 'message' as const, end: true, badge: unread },
    { to: '/me', label: t('tabs.me'), icon: 'user' as const, end: true, badge: 0 },
  ];
  return (
    <nav className="tab-bar" aria-label={t('tabs.label')}>
      {tabs.map(({ to, label, icon, end, badge }) => (
        <NavLink key={to} to={to} end={end} className={({ isActive }) => `tab-bar-item${isActive ? ' active' : ''}`}>
          <span className="tab-bar-icon-wrap">
            <Icon name={icon} className="tab-bar-icon" />
            {badge > 0 && (
              <span className="tab-badge" data-testid="tab-badge" aria-hidden="true">
                {badge > 99 ? '99+' : badge}
              </span>
            )}
          </span>
          <span className="tab-bar-label">{label}</span>
          {badge > 0 && <span className="visually-hidden">{t('credit.inbox.tabBadge', { count: badge })}</span>}
        </NavLink>
      ))}
    </nav>
  );
}
