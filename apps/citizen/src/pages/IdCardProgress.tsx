import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { type IdCardProgress as Application, records } from '../api/records';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts, ProgressTimeline, useCityName, useCodeLabel } from './records-shared';

function ApplicationCard({ a }: { a: Application }) {
  const { t } = useLocale();
  const label = useCodeLabel();
  const cityName = useCityName();
  const headingId = useId();
  const finished = a.steps.every((s) => s.state === 'done');
  return (
    <li className="card records-card" aria-labelledby={headingId} data-testid="id-card-application">
      <div className="records-card-head">
        <h2 id={headingId} className="records-card-title">
          {label('idCard.kinds', a.kind, a.kindName)}
        </h2>
        <Tag color={finished ? 'success' : 'primary'} fill="outline" className="records-tag" data-testid="status">
          {label('idCard.steps', a.status, a.statusName)}
        </Tag>
      </div>
      <Facts
        rows={[
          [t('records.idCard.office'), a.office],
          [t('records.city'), cityName(a.cityCode)],
          [t('records.idCard.acceptedOn'), a.acceptedOn],
          [t('records.idCard.collection'), label('idCard.collections', a.collection, a.collectionName)],
          [t('records.idCard.fee'), t('records.yuanValue', { amount: a.fee.toFixed(2) })],
        ]}
      />
      <ProgressTimeline steps={a.steps} stepLabel={(s) => label('idCard.steps', s.step, s.name)} />
    </li>
  );
}

function Applications() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => records.idCards({ city }), [city]);
  if (problem) return <ErrorState problem={problem} onRetry={reload} title={t('records.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  if (data.applications.length === 0)
    return (
      <>
        <EmptyState title={t('records.idCard.empty')} description={t('records.idCard.emptyDesc')} />
        <div className="records-source">
          <SourceNote source={data.source} />
        </div>
      </>
    );
  return (
    <>
      <ul className="records-list" aria-label={t('records.idCard.listLabel')} data-testid="id-card-applications">
        {data.applications.map((a) => (
          <ApplicationCard key={a.applicationId} a={a} />
        ))}
      </ul>
      <div className="records-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/** 身份证办理查询 (C3): cards handled in Guangdong in the last half year, with their progress. */
export default function IdCardProgress() {
  const { t } = useLocale();
  return (
    <Page title={t('records.idCard.title')}>
      <p className="page-intro">{t('records.idCard.intro')}</p>
      <RequireAuth>
        <Applications />
      </RequireAuth>
    </Page>
  );
}
