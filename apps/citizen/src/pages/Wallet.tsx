import type { CertificateLink } from '@yss/contracts';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { walletApi } from '../api/wallet';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { useWalletNames } from '../lib/wallet/names';
import { type StoredCertificate, walletStore } from '../lib/wallet/store';
import { RequireAuth, useAuth } from '../state/auth';
import './wallet.css';

type Row = Pick<CertificateLink, 'id' | 'type' | 'typeName' | 'status' | 'summary' | 'expiresAt'> & {
  issuer: { name: string; nameEn?: string | undefined };
  onDevice: boolean;
};

const fromStored = (c: StoredCertificate): Row => ({
  id: c.linkId,
  type: c.type,
  typeName: c.typeName,
  status: c.status,
  summary: c.summary,
  expiresAt: c.expiresAt,
  issuer: { name: c.issuerName, nameEn: c.issuerNameEn },
  onDevice: true,
});

export function CertificateCard({ row }: { row: Row }) {
  const { t, lang } = useLocale();
  const names = useWalletNames();
  return (
    <Link to={`/wallet/${row.id}`} className="wl-item" data-type={row.type} data-testid="wallet-item">
      <div className="wl-item-head">
        <h2 className="wl-item-name">{names.type(row.type, row.typeName)}</h2>
        <span className="wl-status" data-status={row.status}>
          {t(`wallet.status.${row.status}`)}
        </span>
      </div>
      <p>
        {row.summary.holderNameMasked}
        {row.summary.numberMasked ? ` · ${row.summary.numberMasked}` : ''}
      </p>
      <p>{t('wallet.issuer', { name: names.issuer(row.issuer) })}</p>
      {row.onDevice ? (
        <p>
          {t('wallet.validUntil', {
            date: new Date(row.expiresAt).toLocaleDateString(lang, { timeZone: 'Asia/Shanghai' }),
          })}
        </p>
      ) : (
        <p>{t('wallet.notOnDevice')}</p>
      )}
    </Link>
  );
}

function Links() {
  const { t } = useLocale();
  const auth = useAuth();
  const accountId = auth.account?.id ?? '';
  const { data, problem, reload } = useVerifiedLoad(() => walletApi.links(), []);
  const [local, setLocal] = useState<StoredCertificate[] | null>(null);

  // The phone's own copies: shown offline, and kept in step with the server's list when online.
  useEffect(() => {
    if (!accountId) return;
    let live = true;
    (async () => {
      let stored = await walletStore.list(accountId).catch(() => []);
      if (data) {
        const byId = new Map(data.links.map((l) => [l.id, l]));
        for (const c of stored) {
          const link = byId.get(c.linkId);
          if (!link || link.certificateId !== c.certificateId) await walletStore.remove(accountId, c.linkId);
          else if (link.status !== c.status || c.issuerNameEn !== link.issuer.nameEn)
            await walletStore.put(accountId, { ...c, status: link.status, issuerNameEn: link.issuer.nameEn });
        }
        stored = await walletStore.list(accountId).catch(() => []);
      }
      if (live) setLocal(stored);
    })();
    return () => {
      live = false;
    };
  }, [accountId, data]);

  const offline = problem?.isNetwork === true;
  if (problem && !offline) return <ErrorState problem={problem} onRetry={reload} />;
  if ((!data && !offline) || local === null) return <ListSkeleton rows={3} />;
  const onDevice = new Set(local.map((c) => c.linkId));
  const rows: Row[] = data ? data.links.map((l) => ({ ...l, onDevice: onDevice.has(l.id) })) : local.map(fromStored);

  return (
    <>
      {offline && (
        <p className="wl-notice" role="status">
          {t('wallet.offline')}
        </p>
      )}
      {rows.length === 0 ? (
        <EmptyState
          title={t('wallet.empty')}
          description={t('wallet.emptyDesc')}
          action={
            <Link to="/wallet/add" className="state-link">
              {t('wallet.add')}
            </Link>
          }
        />
      ) : (
        <ul className="wl-list" aria-label={t('wallet.listCaption')}>
          {rows.map((r) => (
            <li key={r.id}>
              <CertificateCard row={r} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** 我的证照: the linked certificates (status from the issuers' status lists), kept on this phone. */
export default function Wallet() {
  const { t } = useLocale();
  const titleId = useId();
  return (
    <Page
      title={t('wallet.title')}
      right={
        <Link to="/wallet/add" className="icon-button" aria-label={t('wallet.add')} data-testid="wallet-add">
          <Icon name="plus" />
        </Link>
      }
    >
      <p className="page-intro" id={titleId}>
        {t('wallet.intro')}
      </p>
      <RequireAuth>
        <Links />
        <p className="wl-log-link">
          <Link to="/wallet/verifications" className="state-link" data-testid="wallet-verifications-link">
            {t('verifier.log.title')}
          </Link>
        </p>
      </RequireAuth>
    </Page>
  );
}
