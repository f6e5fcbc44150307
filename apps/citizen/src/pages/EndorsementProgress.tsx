import type { EndorsementProgress as Endorsement } from '@yss/contracts';
import { formatFen } from '@yss/contracts';
import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { Link } from 'react-router';
import { duesApi } from '../api/dues';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts, ProgressTimeline } from './records-shared';
import './records.css';

function EndorsementCard({ e }: { e: Endorsement }) {
  const { t } = useLocale();
  const headingId = useId();
  const finished = e.steps.every((s) => s.state === 'done');
  return (
    <li className="card records-card" aria-labelledby={headingId} data-testid="endorsement">
      <div className="records-card-head">
        <h2 id={headingId} className="records-card-title">
          {e.destinationName} {e.kindName} {e.tripsName}
        </h2>
        <Tag color={finished ? 'success' : 'primary'} fill="outline" className="records-tag" data-testid="status">
          {e.statusName}
        </Tag>
      </div>
      <Facts
        rows={[
          [t('dues.endorse.document'), e.documentNumber],
          [t('dues.endorse.channel'), e.channelName],
          [t('dues.endorse.appliedOn'), e.appliedOn],
          [
            t('dues.endorse.valid'),
            e.validFrom && e.validUntil
              ? t('dues.endorse.validValue', { from: e.validFrom, until: e.validUntil })
              : null,
          ],
          [t('dues.endorse.stay'), t('dues.endorse.stayValue', { days: e.stayDays })],
          [t('dues.endorse.fee'), formatFen(e.feeFen)],
        ]}
      />
      <ProgressTimeline steps={e.steps} stepLabel={(s) => s.name} />
    </li>
  );
}

function Endorsements() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => duesApi.myEndorsements(city), [city]);
  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={3} />;
  return (
    <>
      {data.endorsements.length === 0 ? (
        <EmptyState title={t('dues.endorse.progressEmpty')} description={t('dues.endorse.progressEmptyDesc')} />
      ) : (
        <ul className="records-list" aria-label={t('dues.endorse.listLabel')} data-testid="endorsements">
          {data.endorsements.map((e) => (
            <EndorsementCard key={e.endorsementId} e={e} />
          ))}
        </ul>
      )}
      <div className="records-source">
        <SourceNote source={data.source} />
      </div>
      <p className="problem-actions">
        <Link to="/exit-entry/endorsements/apply?service=gangao-zaici-qianzhu" className="state-link">
          {t('dues.endorse.applyGangao')}
        </Link>{' '}
        <Link to="/exit-entry/endorsements/apply?service=taiwan-qianzhu" className="state-link">
          {t('dues.endorse.applyTaiwan')}
        </Link>
      </p>
    </>
  );
}

/** /exit-entry/endorsements 签注进度查询 (D6): the citizen's endorsements and their progress. */
export default function EndorsementProgress() {
  const { t } = useLocale();
  return (
    <Page title={t('dues.endorse.progressTitle')}>
      <p className="page-intro">{t('dues.endorse.progressIntro')}</p>
      <RequireAuth>
        <Endorsements />
      </RequireAuth>
    </Page>
  );
}
