import { type CaseSummary, findApplicationForm } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import PullToRefresh from 'antd-mobile/es/components/pull-to-refresh';
import Tag from 'antd-mobile/es/components/tag';
import { Link, useSearchParams } from 'react-router';
import { casesApi } from '../api/cases';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { CASE_STATUS_COLOR, formatDateTime } from '../lib/cases';
import { RequireAuth } from '../state/auth';
import './cases.css';

/** One case in the list: service, status (coloured), 办件编号, the summary line and the dates. */
export function CaseCard({ c }: { c: CaseSummary }) {
  const { t, pick, lang } = useLocale();
  return (
    <li>
      <Link to={`/cases/${encodeURIComponent(c.id)}`} className="card case-card" data-testid="case-card">
        <span className="case-card-head">
          <span className="case-card-title">{pick(c.serviceName, c.serviceNameEn)}</span>
          <Tag color={CASE_STATUS_COLOR[c.status]} fill="outline" className="case-tag" data-status={c.status}>
            {pick(c.statusLabel, c.statusLabelEn)}
          </Tag>
        </span>
        <span className="case-card-line">{t('cases.list.caseNumber', { number: c.caseNumber })}</span>
        {c.summary && <span className="case-card-line case-card-summary">{c.summary}</span>}
        {c.onBehalf && (
          <span className="case-card-meta case-on-behalf" data-testid="on-behalf">
            {c.onBehalf.label}
          </span>
        )}
        <span className="case-card-meta">
          {c.cityName} · {t('cases.list.submittedAt', { time: formatDateTime(c.submittedAt, lang) })}
        </span>
        {c.updatedAt !== c.submittedAt && (
          <span className="case-card-meta">
            {t('cases.list.updatedAt', { time: formatDateTime(c.updatedAt, lang) })}
          </span>
        )}
      </Link>
    </li>
  );
}

function CaseList({ serviceId }: { serviceId: string | undefined }) {
  const { t, pick } = useLocale();
  const { data, problem, reload } = useVerifiedLoad(() => casesApi.list(serviceId), [serviceId]);
  const form = serviceId ? findApplicationForm(serviceId) : undefined;
  const filterName = data?.[0]
    ? pick(data[0].serviceName, data[0].serviceNameEn)
    : form
      ? pick(form.title, form.titleEn)
      : serviceId;

  const toolbar = (
    <div className="case-toolbar">
      {serviceId ? (
        <p className="case-filter" data-testid="case-filter">
          <span>{t('cases.list.filtered', { service: filterName ?? '' })}</span>{' '}
          <Link to="/cases" replace>
            {t('cases.list.showAll')}
          </Link>
        </p>
      ) : (
        <span />
      )}
      <Button size="small" fill="outline" color="primary" onClick={reload} data-testid="cases-refresh">
        {t('cases.list.refresh')}
      </Button>
    </div>
  );

  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={4} />;
  const sorted = [...data].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <PullToRefresh
      onRefresh={async () => reload()}
      pullingText={t('cases.list.pullIdle')}
      canReleaseText={t('cases.list.pullCan')}
      refreshingText={t('cases.list.pullRefreshing')}
      completeText={t('cases.list.pullDone')}
    >
      {toolbar}
      {sorted.length === 0 ? (
        <EmptyState
          title={t('cases.list.empty')}
          description={t('cases.list.emptyDesc')}
          action={
            <Link to="/services" className="state-link" data-testid="cases-browse">
              {t('cases.list.browse')}
            </Link>
          }
        />
      ) : (
        <ul className="case-list" aria-label={t('cases.list.title')}>
          {sorted.map((c) => (
            <CaseCard key={c.id} c={c} />
          ))}
        </ul>
      )}
    </PullToRefresh>
  );
}

/** /cases 我的办件 (optionally ?service= one service's cases): behind a fresh verification, like other personal pages. */
export default function Cases() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const serviceId = params.get('service') || undefined;
  return (
    <Page title={t('cases.list.title')}>
      <RequireAuth>
        <CaseList serviceId={serviceId} />
      </RequireAuth>
    </Page>
  );
}
