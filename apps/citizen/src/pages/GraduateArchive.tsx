import Button from 'antd-mobile/es/components/button';
import Result from 'antd-mobile/es/components/result';
import { useId } from 'react';
import { type GraduateArchive as Answer, records } from '../api/records';
import { LinkCertificateButton } from '../components/LinkCertificateButton';
import { Page, useGoBack } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts, useCodeLabel } from './records-shared';

function Whereabouts({ a }: { a: NonNullable<Answer['archive']> }) {
  const { t } = useLocale();
  const label = useCodeLabel();
  const whereId = useId();
  const gradId = useId();
  return (
    <>
      <section className="card records-card" aria-labelledby={whereId} data-testid="archive-whereabouts">
        <h2 id={whereId} className="section-title">
          {t('records.archive.whereabouts')}
        </h2>
        <p className="records-headline" data-testid="archive-receiver">
          {t('records.archive.sentTo', { receiver: a.receiver })}
        </p>
        <Facts
          testId="archive-facts"
          rows={[
            [t('records.archive.receiver'), a.receiver],
            [t('records.archive.address'), a.address],
            [t('records.archive.destination'), label('archive.destinations', a.destination, a.destinationName)],
            [t('records.archive.sentOn'), a.sentOn],
            [t('records.archive.method'), label('archive.methods', a.method, a.methodName)],
            [t('records.archive.tracking'), a.trackingNumber ?? t('records.archive.trackingNone')],
            [t('records.archive.receivedOn'), a.receivedOn],
          ]}
        />
      </section>
      <section className="card records-card" aria-labelledby={gradId} data-testid="archive-graduate">
        <h2 id={gradId} className="section-title">
          {t('records.archive.graduate')}
        </h2>
        <Facts
          rows={[
            [t('records.archive.institution'), a.institution],
            [t('records.archive.major'), a.major],
            [t('records.archive.level'), a.level && a.levelName ? label('archive.levels', a.level, a.levelName) : null],
            [t('records.archive.graduationYear'), t('records.archive.yearValue', { year: String(a.graduationYear) })],
            [t('records.archive.certificate'), a.certificateNumber],
          ]}
        />
      </section>
    </>
  );
}

/**
 * The guide: 关联高校毕业生就业报到证后，可点击毕业生档案去向查. The centre holds a record, but 我的证照 has no 报到证 yet:
 * the way to link it, coming back here afterwards.
 */
function LinkReportCardFirst() {
  const { t } = useLocale();
  const goBack = useGoBack();
  return (
    <div className="state-block" role="status" data-testid="archive-link-first">
      <Result status="info" title={t('records.archive.linkFirst')} description={t('records.archive.linkFirstHint')} />
      <div className="action-row">
        <LinkCertificateButton type="graduate-report-card" next="/lookups/graduate-archive" testId="archive-link-card">
          {t('records.archive.linkCard')}
        </LinkCertificateButton>
        <Button block size="large" onClick={goBack}>
          {t('common.back')}
        </Button>
      </div>
    </div>
  );
}

function Archive() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => records.archive({ city }), [city]);
  if (problem?.code === 'GRADUATE_REPORT_CARD_REQUIRED') return <LinkReportCardFirst />;
  if (problem) return <ErrorState problem={problem} onRetry={reload} title={t('records.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  return (
    <>
      {data.archive ? (
        <Whereabouts a={data.archive} />
      ) : (
        <div data-testid="archive-empty">
          <EmptyState title={t('records.archive.empty')} description={t('records.archive.coverage')} />
        </div>
      )}
      <div className="records-source">
        {data.archive && <p className="records-note">{t('records.archive.coverage')}</p>}
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/** 毕业生档案去向查询 (F2): receiving unit, date sent, method and tracking of the graduate's archive. */
export default function GraduateArchive() {
  const { t } = useLocale();
  return (
    <Page title={t('records.archive.title')}>
      <p className="page-intro">{t('records.archive.intro')}</p>
      <RequireAuth>
        <Archive />
      </RequireAuth>
    </Page>
  );
}
