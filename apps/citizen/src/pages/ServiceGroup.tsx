import { SERVICE_GROUPS, ZONES } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/endpoints';
import { Page } from '../components/Page';
import { ServiceList } from '../components/ServiceItem';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';

/** The services of one group (/groups/:groupId) or zone (/zones/:zoneId), available ones first. */
export function ServiceCollection({ kind }: { kind: 'group' | 'zone' }) {
  const { t, name } = useLocale();
  const params = useParams();
  const navigate = useNavigate();
  const { city, cityInfo } = usePreferences();
  const id = (kind === 'group' ? params.groupId : params.zoneId) ?? '';
  const known = kind === 'group' ? SERVICE_GROUPS.find((g) => g.id === id) : ZONES.find((z) => z.id === id);
  const list = useApi(known ? `catalog:${city}:${kind}:${id}` : null, (signal) =>
    api.catalog(city, kind === 'group' ? { group: id } : { zone: id }, { signal }),
  );

  if (!known) {
    return (
      <Page title={t(kind === 'group' ? 'group.notFound' : 'zone.notFound')}>
        <EmptyState
          title={t(kind === 'group' ? 'group.notFound' : 'zone.notFound')}
          action={
            <Button color="primary" onClick={() => navigate('/services')}>
              {t('search.browseAll')}
            </Button>
          }
        />
      </Page>
    );
  }

  const services = list.data ?? [];
  return (
    <Page title={name(known)}>
      {list.error ? (
        <ErrorState problem={list.error} onRetry={list.reload} />
      ) : list.loading ? (
        <ListSkeleton rows={6} />
      ) : services.length === 0 ? (
        <EmptyState title={t('services.empty')} />
      ) : (
        <>
          <p className="list-summary">
            {t('services.count', { count: services.length })}
            {services.some((s) => !s.available) && (
              <span> · {t('services.availableFirst', { city: name(cityInfo) })}</span>
            )}
          </p>
          <ServiceList services={services} />
        </>
      )}
    </Page>
  );
}

export default function ServiceGroupPage() {
  return <ServiceCollection kind="group" />;
}
