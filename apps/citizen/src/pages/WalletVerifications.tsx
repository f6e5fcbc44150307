import Button from 'antd-mobile/es/components/button';
import Tag from 'antd-mobile/es/components/tag';
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { type VerificationLog, walletLog } from '../api/verifier';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { useWalletNames } from '../lib/wallet/names';
import { RequireAuth, useAuth } from '../state/auth';
import './verify.css';

const VERDICT_COLOR = {
  valid: 'success',
  invalid: 'danger',
  revoked: 'danger',
  suspended: 'warning',
  expired: 'warning',
} as const;

const logTime = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', hour12: false });

/** How many of a certificate's verifications its detail page shows (查看全部 has the rest). */
export const LATEST_SHOWN = 3;

/**
 * 证照详情 → 核验记录: the latest verifications of this certificate (organisation, purpose, time) and 查看全部. The
 * detail page also works offline and without a fresh verification, so this section never opens the verification
 * sheet by itself (cancelling it would leave the page): it asks with a button when the server wants one.
 */
export function CertificateVerifications({ id }: { id: string }) {
  const { t, lang } = useLocale();
  const names = useWalletNames();
  const auth = useAuth();
  const problemText = useProblemText();
  const titleId = useId();
  const [data, setData] = useState<VerificationLog | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const seq = useRef(0);

  const load = useCallback(
    async (verify: boolean) => {
      const mine = ++seq.current;
      setProblem(null);
      try {
        const read = () => walletLog.verifications({ certificate: id });
        const log = await (verify ? auth.withVerification(read) : read());
        if (mine === seq.current) setData(log);
      } catch (e) {
        if (mine !== seq.current || isVerificationCancelled(e)) return;
        if (isApiProblem(e)) setProblem(e);
      }
    },
    [auth, id],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per certificate, not again when auth changes
  useEffect(() => {
    setData(undefined);
    void load(false);
    // an answer arriving after the page was left (or moved to another certificate) is dropped
    return () => {
      seq.current++;
    };
  }, [id]);

  let body: ReactNode;
  if (problem?.code === 'VERIFICATION_REQUIRED') {
    body = (
      <div data-testid="certificate-verifications-locked">
        <p className="field-help">{t('verifier.log.needVerify')}</p>
        <Button size="small" color="primary" fill="outline" onClick={() => void load(true)}>
          {t('verifier.log.verifyToView')}
        </Button>
      </div>
    );
  } else if (problem) {
    body = (
      <div role="alert" data-testid="certificate-verifications-error">
        <p className="field-help">{t('verifier.log.unavailable', { reason: problemText(problem) })}</p>
        <Button size="small" fill="outline" onClick={() => void load(false)}>
          {t('common.retry')}
        </Button>
      </div>
    );
  } else if (!data) {
    body = <ListSkeleton rows={1} />;
  } else if (data.verifications.length === 0) {
    body = (
      <p className="field-help" role="status" data-testid="certificate-verifications-empty">
        {t('verifier.log.certificateEmpty')}
      </p>
    );
  } else {
    const latest = data.verifications.slice(0, LATEST_SHOWN);
    body = (
      <>
        <ol className="vf-log vf-log-brief" aria-labelledby={titleId}>
          {latest.map((v) => (
            <li key={v.id} className="vf-log-brief-item" data-testid="certificate-verification">
              <strong>{v.organisation.name}</strong>
              <span>{names.purpose(v.purpose.id, v.purpose.name)}</span>
              <time dateTime={v.checkedAt}>{logTime(v.checkedAt, lang)}</time>
            </li>
          ))}
        </ol>
        <Link
          to={`/wallet/verifications?certificate=${encodeURIComponent(id)}`}
          className="state-link"
          data-testid="certificate-verifications-all"
        >
          {t('verifier.log.viewAll')}
          {data.verifications.length > LATEST_SHOWN && ` (${data.verifications.length})`}
        </Link>
      </>
    );
  }
  return (
    <section className="card wl-detail-log" aria-labelledby={titleId} data-testid="certificate-verifications">
      <h2 id={titleId} className="section-title">
        {t('verifier.log.title')}
      </h2>
      {body}
    </section>
  );
}

function Log() {
  const { t, lang } = useLocale();
  const names = useWalletNames();
  // 证照详情's 查看全部: one certificate of 我的证照 (the server says 找不到该证照 for an id that is not one)
  const [params] = useSearchParams();
  const certificate = params.get('certificate') ?? undefined;
  const { data, problem, reload } = useVerifiedLoad(() => walletLog.verifications({ certificate }), [certificate]);
  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={4} />;
  const filtered = certificate && (
    <p className="field-help" data-testid="wallet-verifications-filtered">
      {t('verifier.log.filtered')}{' '}
      <Link to="/wallet/verifications" replace>
        {t('verifier.log.showAll')}
      </Link>
    </p>
  );
  if (data.verifications.length === 0) {
    return (
      <>
        {filtered}
        <EmptyState title={t('verifier.log.empty')} description={t('verifier.log.emptyDesc')} />
        <SourceNote source={data.source} />
      </>
    );
  }
  const time = (iso: string) => logTime(iso, lang);
  return (
    <>
      {filtered}
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
