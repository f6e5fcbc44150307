import { credentialTypeSpec, RELATED_SERVICES } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Toast from 'antd-mobile/es/components/toast';
import { useCallback, useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { walletApi } from '../api/wallet';
import { Page } from '../components/Page';
import { EmptyState, ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { sdJwtClaims } from '../lib/wallet/codec';
import { renewCertificate } from '../lib/wallet/holder';
import { useWalletNames } from '../lib/wallet/names';
import { needsRefresh, type StoredCertificate, walletStore } from '../lib/wallet/store';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { CertificateVerifications } from './WalletVerifications';
import './wallet.css';

/** Personal numbers (公民身份号码, 证号 …): masked until 显示 after a fresh verification. */
const isPersonalNumber = (claim: string) => /Number$/.test(claim);
const mask = (s: string) =>
  s.length < 8 ? '*'.repeat(s.length) : `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;

export function useStoredCertificate(id: string) {
  const auth = useAuth();
  // offline at start: the account this device last had a session for (RequireAuth allowOffline)
  const accountId = auth.account?.id ?? auth.offlineAccountId ?? '';
  const [cert, setCert] = useState<StoredCertificate | null | undefined>(undefined);
  useEffect(() => {
    if (!accountId) return;
    let live = true;
    walletStore
      .get(accountId, id)
      .then((c) => live && setCert(c ?? null))
      .catch(() => live && setCert(null));
    return () => {
      live = false;
    };
  }, [accountId, id]);
  return { cert, setCert, accountId };
}

function Detail({ id }: { id: string }) {
  const { t, lang } = useLocale();
  const names = useWalletNames();
  const auth = useAuth();
  const navigate = useNavigate();
  const { city } = usePreferences();
  const { cert, setCert, accountId } = useStoredCertificate(id);
  const [revealed, setRevealed] = useState(false);
  const [busy, setBusy] = useState(false);
  const captionId = useId();
  const relatedId = useId();

  const reveal = useCallback(async () => {
    if (revealed) return setRevealed(false);
    try {
      await auth.withVerification(() => walletApi.reveal(id));
      setRevealed(true);
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t) });
    }
  }, [auth, id, revealed, t]);

  if (cert === undefined) return <ListSkeleton rows={5} />;
  if (cert === null) {
    return (
      <EmptyState
        title={t('wallet.notFound')}
        description={t('wallet.notOnDevice')}
        action={
          <Link to="/wallet/add" className="state-link">
            {t('wallet.relinkHere')}
          </Link>
        }
      />
    );
  }

  const spec = credentialTypeSpec(cert.type);
  const typeName = names.type(cert.type, cert.typeName);
  const claims = sdJwtClaims(cert.credentials[0]?.sdJwt ?? '');
  const order = Object.keys(spec.claimKeys).filter((c) => c in claims && c !== 'idNumberLast4' && c !== 'photoRef');

  const renew = async () => {
    setBusy(true);
    try {
      setCert(await renewCertificate(auth.withVerification, accountId, id, city));
      Toast.show({ content: t('wallet.refreshed'), icon: 'success' });
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };

  const unlink = async () => {
    const ok = await Dialog.confirm({
      title: t('wallet.unlinkTitle', { name: typeName }),
      content: t('wallet.unlinkBody'),
      confirmText: t('wallet.unlink'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await auth.withVerification(() => walletApi.unlink(id));
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (!(isApiProblem(e) && e.code === 'WALLET_LINK_NOT_FOUND'))
        return void Toast.show({ content: errorText(e, t) });
    }
    await walletStore.remove(accountId, id);
    Toast.show({ content: t('wallet.unlinked') });
    navigate('/wallet', { replace: true });
  };

  const canShow = cert.status === 'valid' && Date.parse(cert.expiresAt) > Date.now();
  return (
    <>
      <section className="card" aria-labelledby={captionId} data-testid="wallet-detail">
        <div className="wl-item-head">
          <h2 id={captionId} className="section-title">
            {typeName}
          </h2>
          <span className="wl-status" data-status={cert.status}>
            {t(`wallet.status.${cert.status}`)}
          </span>
        </div>
        <dl className="wl-claims" aria-label={t('wallet.claimsCaption')}>
          {order.map((claim) => {
            const value = names.value(cert.type, claim, claims[claim]);
            const personal = isPersonalNumber(claim);
            return (
              <div key={claim}>
                <dt>{names.claim(cert.type, claim)}</dt>
                <dd data-testid={`wallet-claim-${claim}`}>
                  <span>{personal && !revealed ? mask(value) : value}</span>
                </dd>
              </div>
            );
          })}
        </dl>
        {order.some(isPersonalNumber) && (
          <button
            type="button"
            className="wl-reveal"
            onClick={reveal}
            data-testid="wallet-reveal"
            aria-pressed={revealed}
          >
            {revealed ? t('wallet.hide') : t('wallet.reveal')}
          </button>
        )}
        <p className="field-help">
          {t('wallet.issuer', { name: names.issuer({ name: cert.issuerName, nameEn: cert.issuerNameEn }) })} ·{' '}
          {t('wallet.validUntil', {
            date: new Date(cert.expiresAt).toLocaleDateString(lang, { timeZone: 'Asia/Shanghai' }),
          })}
        </p>
        {needsRefresh(cert) && <p className="wl-notice">{t('wallet.refreshDue')}</p>}
      </section>
      <div className="wl-actions">
        {canShow && (
          <Button color="primary" block onClick={() => navigate(`/wallet/${id}/show`)} data-testid="wallet-show">
            {t('wallet.show')}
          </Button>
        )}
        <Button block onClick={renew} loading={busy} data-testid="wallet-refresh">
          {t('wallet.refresh')}
        </Button>
        <Button block color="danger" fill="outline" onClick={unlink} data-testid="wallet-unlink">
          {t('wallet.unlink')}
        </Button>
      </div>
      {(RELATED_SERVICES[cert.type] ?? []).length > 0 && (
        // 相关服务: the guide's 关联…后，可点击… (报到证 → 毕业生档案去向查询, 港澳通行证 → 签注进度 …)
        <section className="card wl-detail-related" aria-labelledby={relatedId} data-testid="wallet-related">
          <h2 id={relatedId} className="section-title">
            {t('wallet.related')}
          </h2>
          <ul className="wl-related">
            {RELATED_SERVICES[cert.type].map((r) => (
              <li key={r.serviceId}>
                <Link to={`/services/${encodeURIComponent(r.serviceId)}`} data-testid={`wallet-related-${r.serviceId}`}>
                  {lang === 'en' ? r.nameEn : r.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <CertificateVerifications id={id} />
    </>
  );
}

/**
 * 证照详情: the claims from the stored SD-JWT VC (personal numbers masked until 显示), 出示二维码, 更新, 解除关联, and
 * the certificate's own latest 核验记录.
 */
export default function WalletDetail() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  return (
    <Page title={t('wallet.detailTitle')}>
      <RequireAuth>
        <Detail id={id} />
      </RequireAuth>
    </Page>
  );
}
