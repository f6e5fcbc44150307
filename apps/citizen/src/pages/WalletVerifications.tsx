import Tag from 'antd-mobile/es/components/tag';
import { walletLog } from '../api/verifier';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { useWalletNames } from '../lib/wallet/names';
import { RequireAuth } from '../state/auth';
import './verify.css';

const VERDICT_COLOR = {
  valid: 'success',
  invalid: 'danger',
  revoked: 'danger',
  suspended: 'warning',
  expired: 'warning',
} as const;

function Log() {
  const { t, lang } = useLocale();
  const names = useWalletNames();
  const { data, problem, reload } = useVerifiedLoad(() => walletLog.verifications(), []);
  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={4} />;
  if (data.verifications.length === 0) {
    return (
      <>
        <EmptyState title={t('verifier.log.empty')} description={t('verifier.log.emptyDesc')} />
        <SourceNote source={data.source} />
      </>
    );
  }
  const time = (iso: string) => new Date(iso).toLocaleString(lang, { hour12: false });
  return (
    <>
      <h2 className="visually-hidden">{t('verifier.log.caption')}</h2>
      <ol className="vf-log" aria-label={t('verifier.log.caption')}>
        {data.verifications.map((v) => (
          <li key={v.id} className="card vf-log-item" data-testid="wallet-verification">
            <div className="vf-log-head">
              <strong>{v.organisation.name}</strong>
              <span className="vf-log-tags">
                {v.offline && (
                  <Tag color="default" fill="outline" data-testid="wallet-verification-offline">
                    {t('verifier.log.offline')}
                  </Tag>
                )}
                <Tag color={VERDICT_COLOR[v.verdict]} fill="outline">
                  {t(`verifier.verdict.${v.verdict}`)}
                </Tag>
              </span>
            </div>
            <dl className="vf-facts">
              <div>
                <dt>{t('verifier.log.when')}</dt>
                <dd>
                  <time dateTime={v.checkedAt}>{time(v.checkedAt)}</time>
                  {v.offline && <span className="field-help vf-log-note">{t('verifier.log.offlineHelp')}</span>}
                </dd>
              </div>
              <div>
                <dt>{t('verifier.log.who')}</dt>
                <dd>
                  {v.organisation.kindName}·{v.organisation.cityName}
                </dd>
              </div>
              <div>
                <dt>{t('verifier.log.what')}</dt>
                <dd>{names.type(v.certificate.type, v.certificate.typeName)}</dd>
              </div>
              <div>
                <dt>{t('verifier.log.why')}</dt>
                <dd>{names.purpose(v.purpose.id, v.purpose.name)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>
      <div className="vf-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/** 我的证照 → 核验记录: who verified which of my certificates, when, for what (behind a fresh verification). */
export default function WalletVerifications() {
  const { t } = useLocale();
  return (
    <Page title={t('verifier.log.title')}>
      <p className="page-intro">{t('verifier.log.intro')}</p>
      <RequireAuth>
        <Log />
      </RequireAuth>
    </Page>
  );
}
