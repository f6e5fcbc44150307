import { useId } from 'react';
import { Link } from 'react-router';
import { legalApi } from '../api/legal';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { InterruptionItem } from './legal-shared';
import './legal.css';

function Notices() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => legalApi.powerNotices(city), [city]);
  const words = {
    area: t('legal.powerNotice.area'),
    reason: t('legal.powerNotice.reason'),
    time: t('legal.powerNotice.time'),
  };
  const headingBase = useId();
  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={3} />;
  if (data.accounts.length === 0) {
    return (
      <EmptyState
        title={t('legal.powerNotice.empty')}
        action={
          <Link
            to="/lookups/utilities/power"
            className="adm-button adm-button-primary adm-button-shape-default state-link"
          >
            {t('legal.powerNotice.bind')}
          </Link>
        }
      />
    );
  }
  return (
    <>
      {data.accounts.map((a, n) => (
        <section key={a.account.accountNumber} className="card" aria-labelledby={`${headingBase}-${n}`}>
          <h2 id={`${headingBase}-${n}`} className="section-title">
            {t('legal.powerNotice.account', { account: a.account.accountNumber, district: a.district })}
          </h2>
          {a.interruptions.length === 0 ? (
            <p className="legal-muted">{t('legal.powerNotice.none')}</p>
          ) : (
            <ul className="outage-list">
              {a.interruptions.map((i) => (
                <InterruptionItem key={i.id} item={i} words={words} />
              ))}
            </ul>
          )}
        </section>
      ))}
      <SourceNote source={data.source} />
    </>
  );
}

/** 停电通知 (G1, not 广州/深圳): outage notices for the districts of one's power accounts, after 刷脸/PIN. */
export default function PowerNotices() {
  const { t } = useLocale();
  return (
    <Page title={t('legal.powerNotice.title')}>
      <RequireAuth>
        <Notices />
      </RequireAuth>
    </Page>
  );
}
