import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { type ApplicationProgress, realEstate } from '../api/bills';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './bills.css';

function Application({ a }: { a: ApplicationProgress }) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="real-estate-application">
      <div className="bills-account-head">
        <h2 id={headingId} className="section-title">
          {a.kind}
        </h2>
        <Tag color={a.status === '已办结' ? 'success' : 'primary'} fill="outline">
          {a.status}
        </Tag>
      </div>
      <dl className="bills-kv">
        <dt>{t('bills.realEstate.applicationNumber')}</dt>
        <dd>{a.applicationNumber}</dd>
        <dt>{t('bills.realEstate.location')}</dt>
        <dd>{a.location}</dd>
        <dt>{t('bills.realEstate.submittedOn')}</dt>
        <dd>{a.submittedOn}</dd>
      </dl>
      <ol className="bills-steps" aria-label={t('bills.realEstate.stepsLabel')}>
        {a.steps.map((s) => (
          <li
            key={s.name}
            className={`bills-step bills-step-${s.status}`}
            aria-current={s.status === 'current' ? 'step' : undefined}
            data-testid={`step-${s.status}`}
          >
            <span className="bills-step-dot" aria-hidden="true" />
            <span className="bills-step-name">{s.name}</span>
            <span className="bills-step-date">{s.reachedOn ?? '—'}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Progress() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => realEstate.progress(city), [city]);
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('bills.realEstate.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  return (
    <>
      {data.applications.length === 0 ? (
        <EmptyState title={t('bills.realEstate.progressEmpty')} description={t('bills.realEstate.progressEmptyDesc')} />
      ) : (
        data.applications.map((a) => <Application key={a.applicationNumber} a={a} />)
      )}
      <div className="bills-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/** 不动产登记办理进度查询 (G2): 受理 → 审核 → 登簿 → 缮证 → 发证, 暂仅支持肇庆、茂名 (the server says so elsewhere). */
export default function RealEstateProgress() {
  const { t } = useLocale();
  return (
    <Page title={t('bills.realEstate.progressTitle')}>
      <p className="page-intro">{t('bills.realEstate.progressIntro')}</p>
      <RequireAuth>
        <Progress />
      </RequireAuth>
    </Page>
  );
}
