import type { Appointment } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import PullToRefresh from 'antd-mobile/es/components/pull-to-refresh';
import Tag from 'antd-mobile/es/components/tag';
import { Link, useSearchParams } from 'react-router';
import { appointmentsApi } from '../api/appointments';
import { api } from '../api/endpoints';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { APPOINTMENT_STATUS_COLOR, isUpcoming, sortAppointments } from '../lib/appointments';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { When } from './appointments-shared';
import './cases.css';
import './appointments.css';

/** One appointment in the list: service, status, when, where, 预约号. */
export function AppointmentCard({ a }: { a: Appointment }) {
  const { t, pick } = useLocale();
  const past = a.status === 'booked' && !isUpcoming(a);
  return (
    <li>
      <Link
        to={`/appointments/${encodeURIComponent(a.id)}`}
        className="card case-card appt-card"
        data-testid="appointment-card"
        data-upcoming={isUpcoming(a) ? 'true' : undefined}
      >
        <span className="case-card-head">
          <span className="case-card-title">{pick(a.serviceName, a.serviceNameEn)}</span>
          <Tag color={APPOINTMENT_STATUS_COLOR[a.status]} fill="outline" className="case-tag" data-status={a.status}>
            {pick(a.statusLabel, a.statusLabelEn)}
          </Tag>
        </span>
        <span className="case-card-line appt-card-when">
          <When x={a} />
        </span>
        <span className="case-card-line">{a.place}</span>
        {a.onBehalf && (
          <span className="case-card-meta case-on-behalf" data-testid="on-behalf">
            {a.onBehalf.label}
          </span>
        )}
        <span className="case-card-meta">{t('appointments.list.number', { number: a.appointmentNumber })}</span>
        {past && <span className="case-card-meta">{t('appointments.list.past')}</span>}
      </Link>
    </li>
  );
}

function AppointmentList({ serviceId }: { serviceId: string | undefined }) {
  const { t, pick } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => appointmentsApi.list(serviceId), [serviceId]);
  // With no booking of the service to name it, the catalog does (never the raw service id, unless it is unknown).
  const catalogEntry = useApi(serviceId && !data?.[0] ? `service:${serviceId}:${city}` : null, (signal) =>
    api.service(serviceId ?? '', city, { signal }),
  );
  const filterName = data?.[0]
    ? pick(data[0].serviceName, data[0].serviceNameEn)
    : catalogEntry.data
      ? pick(catalogEntry.data.name, catalogEntry.data.nameEn)
      : catalogEntry.error
        ? serviceId
        : '';

  const toolbar = (
    <div className="case-toolbar">
      {serviceId ? (
        <p className="case-filter" data-testid="appointments-filter">
          <span>{t('appointments.list.filtered', { service: filterName ?? '' })}</span>{' '}
          <Link to="/appointments" replace>
            {t('appointments.list.showAll')}
          </Link>
        </p>
      ) : (
        <span />
      )}
      <Button size="small" fill="outline" color="primary" onClick={reload} data-testid="appointments-refresh">
        {t('appointments.list.refresh')}
      </Button>
    </div>
  );

  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={4} />;
  const sorted = sortAppointments(data);
  return (
    <PullToRefresh
      onRefresh={async () => reload()}
      pullingText={t('appointments.list.pullIdle')}
      canReleaseText={t('appointments.list.pullCan')}
      refreshingText={t('appointments.list.pullRefreshing')}
      completeText={t('appointments.list.pullDone')}
    >
      {toolbar}
      {sorted.length === 0 ? (
        <EmptyState
          title={t('appointments.list.empty')}
          description={t('appointments.list.emptyDesc')}
          action={
            <Link to="/services" className="state-link" data-testid="appointments-browse">
              {t('appointments.list.browse')}
            </Link>
          }
        />
      ) : (
        <ul className="case-list" aria-label={t('appointments.list.title')}>
          {sorted.map((a) => (
            <AppointmentCard key={a.id} a={a} />
          ))}
        </ul>
      )}
    </PullToRefresh>
  );
}

/** /appointments 我的预约 (optionally ?service= one service's): behind a fresh verification, like other personal pages. */
export default function Appointments() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const serviceId = params.get('service') || undefined;
  return (
    <Page title={t('appointments.list.title')}>
      <RequireAuth>
        <AppointmentList serviceId={serviceId} />
      </RequireAuth>
    </Page>
  );
}
