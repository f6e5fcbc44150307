import type { EndorsementProgress as Endorsement, MyEndorsements } from '@yss/contracts';
import { CREDENTIAL_TYPES, formatFen } from '@yss/contracts';
import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { Link } from 'react-router';
import { duesApi } from '../api/dues';
import { LinkCertificateButton } from '../components/LinkCertificateButton';
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

/**
 * The guide: 持有广东省内签发的出入境证件同时可关联相关电子证照查看签注进度. For each kind of permit whose endorsements the
 * server left out because it is not linked in 我的证照: what to do, and 我的证照's "+" on it, coming back here.
 */
function LinkPermits({ permits }: { permits: MyEndorsements['unlinkedPermits'] }) {
  const { t, name } = useLocale();
  return (
    <section className="card" data-testid="endorse-link-first" aria-labelledby="endorse-link-first-title">
      <h2 id="endorse-link-first-title" className="section-title">
        {t('dues.endorse.linkFirst')}
      </h2>
      <p className="field-help">{t('dues.endorse.linkFirstHint')}</p>
      <div className="action-row">
        {permits.map((p) => (
          <LinkCertificateButton
            key={p.type}
            type={p.type}
            next="/exit-entry/endorsements"
            testId={`endorse-link-${p.type}`}
          >
            {t('dues.endorse.linkPermit', { permit: name(CREDENTIAL_TYPES[p.type]) })}
          </LinkCertificateButton>
        ))}
      </div>
    </section>
  );
}

function Endorsements() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => duesApi.myEndorsements(city), [city]);
  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={3} />;
  const toLink = data.unlinkedPermits;
  return (
    <>
      {toLink.length > 0 && <LinkPermits permits={toLink} />}
      {data.endorsements.length === 0 ? (
        toLink.length > 0 ? null : (
          <EmptyState title={t('dues.endorse.progressEmpty')} description={t('dues.endorse.progressEmptyDesc')} />
        )
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
