import type { CatalogEntry } from '@yss/contracts';
import List from 'antd-mobile/es/components/list';
import Tag from 'antd-mobile/es/components/tag';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../i18n/localize';
import { availableFirst } from '../lib/catalog';
import { Icon } from './icons';
import { IconBadge, serviceVisual } from './ServiceIcon';

/**
 * A row linking somewhere, drawn with antd-mobile's List.Item styles but as a real <a href> (List.Item's own
 * clickable row is an <a> without href, which keyboards and screen readers cannot use).
 */
export function LinkItem({
  to,
  prefix,
  children,
  description,
  extra,
  className,
  ...rest
}: {
  to: string;
  prefix?: ReactNode;
  children: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  className?: string;
  onClick?: () => void;
  'aria-label'?: string;
  [data: `data-${string}`]: string | undefined;
}) {
  return (
    <Link
      to={to}
      className={['adm-list-item', 'adm-plain-anchor', 'link-item', className].filter(Boolean).join(' ')}
      {...rest}
    >
      <div className="adm-list-item-content">
        {prefix && <div className="adm-list-item-content-prefix">{prefix}</div>}
        <div className="adm-list-item-content-main">
          {children}
          {description && <div className="adm-list-item-description">{description}</div>}
        </div>
        {extra && <div className="adm-list-item-content-extra">{extra}</div>}
        <div className="adm-list-item-content-arrow" aria-hidden="true">
          <Icon name="right" />
        </div>
      </div>
    </Link>
  );
}

/** Availability as the guide words it ("暂仅支持广州"), or null when offered. */
export function useReason() {
  const { pick } = useLocale();
  return (s: Pick<CatalogEntry, 'available' | 'unavailableReason' | 'unavailableReasonEn'>) =>
    s.available ? null : pick(s.unavailableReason ?? '', s.unavailableReasonEn) || null;
}

export function ServiceItem({
  service,
  testId = 'service-item',
  title,
  onClick,
}: {
  service: CatalogEntry;
  testId?: 'service-item' | 'search-result';
  /** Replaces the plain name (e.g. with the search match highlighted). */
  title?: ReactNode;
  onClick?: () => void;
}) {
  const { t, name } = useLocale();
  const reason = useReason()(service);
  const available = service.available;
  return (
    <LinkItem
      to={`/services/${encodeURIComponent(service.id)}`}
      className={available ? 'service-row' : 'service-row unavailable'}
      data-testid={testId}
      data-service-id={service.id}
      data-available={String(available)}
      onClick={onClick}
      prefix={<IconBadge visual={serviceVisual(service)} muted={!available} size={36} />}
      description={
        available ? (
          <span>{t(`who.${service.whoMayAct}`)}</span>
        ) : (
          <span className="reason-badge">{reason ?? t('common.unavailable')}</span>
        )
      }
      extra={
        available ? (
          <Tag color="primary" fill="outline" className="kind-tag">
            {t(`kind.${service.kind}`)}
          </Tag>
        ) : undefined
      }
    >
      <span className="service-name">{title ?? name(service)}</span>
    </LinkItem>
  );
}

export function ServiceList({ services }: { services: readonly CatalogEntry[] }) {
  return (
    <List className="service-list">
      {availableFirst(services).map((s) => (
        <ServiceItem key={s.id} service={s} />
      ))}
    </List>
  );
}
