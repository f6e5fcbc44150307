import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Icon } from './icons';

/** The bottom tab bar of the root pages: 首页 · 服务 · 消息 · 我的. Real links, so every tab is reachable. */
export function TabBar() {
  const { t } = useTranslation();
  const tabs = [
    { to: '/', label: t('tabs.home'), icon: 'home' as const, end: true },
    { to: '/services', label: t('tabs.services'), icon: 'apps' as const, end: true },
    { to: '/inbox', label: t('tabs.inbox'), icon: 'message' as const, end: true },
    { to: '/me', label: t('tabs.me'), icon: 'user' as const, end: true },
  ];
  return (
    <nav className="tab-bar" aria-label={t('tabs.label')}>
      {tabs.map(({ to, label, icon, end }) => (
        <NavLink key={to} to={to} end={end} className={({ isActive }) => `tab-bar-item${isActive ? ' active' : ''}`}>
          <Icon name={icon} className="tab-bar-icon" />
          <span className="tab-bar-label">{label}</span>
        </NavLink>
      ))}
    </nav>
  );
}
