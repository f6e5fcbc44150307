import { type CredentialType, credentialTypeSpec, WALLET_PURPOSES, type WalletPurpose } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Toast from 'antd-mobile/es/components/toast';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Page } from '../components/Page';
import { QrScanner } from '../components/QrScanner';
import { QrSvg } from '../components/QrSvg';
import { EmptyState, ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { disclosedClaims, parseNonce, presentQr } from '../lib/wallet/codec';
import { useWalletNames } from '../lib/wallet/names';
import { type StoredCertificate, unusedCount, walletStore } from '../lib/wallet/store';
import { RequireAuth } from '../state/auth';
import { useStoredCertificate } from './WalletDetail';
import './wallet.css';

/** A new QR (new batch member, nonce and iat) every minute; verifiers accept a code for ±90 s. */
const REFRESH_SECONDS = 60;
const WINDOW_SECONDS = 90;

/** The least recently shown member of the batch (unused ones first): two scans cannot be linked. */
function nextMember(c: StoredCertificate) {
  const [first, ...rest] = c.credentials;
  if (!first) throw new Error('empty batch');
  return rest.reduce((best, x) => ((x.shownAt ?? 0) < (best.shownAt ?? 0) ? x : best), first);
}

function PolicePanel({ onNonce }: { onNonce: (nonce: string) => void }) {
  const { t } = useLocale();
  const [scanning, setScanning] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const use = (value: string) => {
    const nonce = parseNonce(value);
    if (nonce) onNonce(nonce);
    else setError(t('wallet.police.invalid'));
  };
  if (scanning) {
    return (
      <QrScanner
        testId="wallet-nonce-scanner"
        labels={{
          title: t('wallet.police.scannerTitle'),
          hint: t('wallet.police.scannerHint'),
          starting: t('wallet.police.starting'),
          video: t('wallet.police.video'),
          noCamera: t('wallet.police.noCamera'),
          cancel: t('wallet.police.cancel'),
        }}
        onText={(value) => {
          setScanning(false);
          use(value);
        }}
        onClose={(message) => {
          setScanning(false);
          if (message) setError(message);
        }}
      />
    );
  }
  return (
    <section className="card wl-police" data-testid="wallet-police">
      <p>{t('wallet.police.intro')}</p>
      <Button color="primary" block onClick={() => setScanning(true)}>
        {t('wallet.police.scan')}
      </Button>
      <label htmlFor={inputId}>{t('wallet.police.manual')}</label>
      <div className="wl-manual">
        <input
          id={inputId}
          value={text}
          placeholder={t('wallet.police.manualPlaceholder')}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
          data-testid="wallet-nonce-input"
        />
        <Button onClick={() => use(text)}>{t('wallet.police.use')}</Button>
      </div>
      {error && (
        <p role="alert" className="wl-notice">
          {error}
        </p>
      )}
    </section>
  );
}

function Show({ id }: { id: string }) {
  const { t, lang } = useLocale();
  const names = useWalletNames();
  const [params, setParams] = useSearchParams();
  const { cert, setCert, accountId } = useStoredCertificate(id);
  const [nonce, setNonce] = useState<string | null>(null);
  const [code, setCode] = useState<{ text: string; at: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [online, setOnline] = useState(() => navigator.onLine);
  /** The phone could not sign a new code (its key store failed): the last code is shown while it is valid. */
  const [failed, setFailed] = useState(false);
  const certRef = useRef(cert);
  certRef.current = cert;

  const purposes = cert
    ? (Object.keys(WALLET_PURPOSES) as WalletPurpose[]).filter((p) => credentialTypeSpec(cert.type).profiles[p])
    : [];
  const asked = params.get('purpose') as WalletPurpose | null;
  const purpose = asked && purposes.includes(asked) ? asked : purposes[0];
  const needsNonce = purpose === 'police' && !nonce;

  const generate = useCallback(async () => {
    const c = certRef.current;
    if (!c || !purpose || (purpose === 'police' && !nonce)) return;
    const member = nextMember(c);
    let signed: Awaited<ReturnType<typeof presentQr>>;
    try {
      signed = await presentQr({
        compact: member.compact,
        privateKey: member.privateKey,
        type: c.type as CredentialType,
        purpose,
        ...(purpose === 'police' && nonce ? { nonce } : {}),
      });
    } catch {
      // keep the last code while verifiers still accept it (iat + 90 s); past that, say so (never a stale QR)
      const last = c.lastCode;
      if (last && last.purpose === purpose && last.validUntil > Date.now()) setCode({ text: last.text, at: last.at });
      setFailed(true);
      setNow(Date.now());
      return;
    }
    setFailed(false);
    const { text, iat } = signed;
    const at = iat * 1000;
    const updated: StoredCertificate = {
      ...c,
      credentials: c.credentials.map((x) => (x === member ? { ...x, shownAt: Date.now() } : x)),
      lastCode: { text, purpose, at, validUntil: at + WINDOW_SECONDS * 1000 },
    };
    certRef.current = updated;
    setCert(updated);
    setCode({ text, at: Date.now() });
    setNow(Date.now());
    await walletStore.put(accountId, updated).catch(() => undefined);
  }, [purpose, nonce, accountId, setCert]);

  // A new code when the purpose or nonce changes, then every minute.
  // biome-ignore lint/correctness/useExhaustiveDependencies: regenerate on purpose/nonce and when the certificate loads
  useEffect(() => {
    if (cert) void generate();
  }, [purpose, nonce, cert === undefined || cert === null]);
  useEffect(() => {
    // nothing may cover the code: a toast of the page before (关联成功) goes at once
    Toast.clear();
    const timer = setInterval(() => setNow(Date.now()), 1000);
    const on = () => setOnline(navigator.onLine);
    window.addEventListener('online', on);
    window.addEventListener('offline', on);
    // Keep the screen on while the code is shown (where the browser allows it).
    let lock: { release: () => Promise<void> } | undefined;
    (navigator as Navigator & { wakeLock?: { request: (k: 'screen') => Promise<typeof lock> } }).wakeLock
      ?.request('screen')
      .then((l) => {
        lock = l;
      })
      .catch(() => undefined);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', on);
      window.removeEventListener('offline', on);
      void lock?.release().catch(() => undefined);
    };
  }, []);
  const secondsLeft = code ? Math.max(0, REFRESH_SECONDS - Math.floor((now - code.at) / 1000)) : REFRESH_SECONDS;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh when the countdown reaches zero
  useEffect(() => {
    if (code && secondsLeft === 0) void generate();
  }, [secondsLeft === 0]);

  if (cert === undefined) return <ListSkeleton rows={4} />;
  if (cert === null || !purpose) {
    return (
      <EmptyState
        title={t('wallet.notFound')}
        action={
          <Link to="/wallet" className="state-link">
            {t('wallet.title')}
          </Link>
        }
      />
    );
  }
  if (cert.status !== 'valid') {
    return <p className="wl-notice">{t('wallet.inactive', { status: t(`wallet.status.${cert.status}`) })}</p>;
  }
  if (Date.parse(cert.expiresAt) <= now) {
    return (
      <p className="wl-notice" role="alert" data-testid={online ? undefined : 'wallet-offline-expired'}>
        {online ? t('wallet.expiredBatch') : t('wallet.offlineExpiredBatch')}
      </p>
    );
  }
  // the code on screen is past its window and no new one could be made
  const codeExpired = failed && (!cert.lastCode || cert.lastCode.validUntil <= now);

  const spec = credentialTypeSpec(cert.type);
  const label = (claim: string) => names.claim(cert.type, claim);
  const shown = disclosedClaims(cert.credentials[0]?.compact ?? '', cert.type, purpose);
  const hidden = Object.keys(spec.claimKeys).filter((c) => !shown.includes(c) && c !== 'photoRef');
  const time = (ms: number) =>
    new Date(ms).toLocaleTimeString(lang, {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });

  return (
    <>
      <fieldset className="segmented" aria-label={t('wallet.purposeLabel')}>
        {purposes.map((p) => (
          <button
            key={p}
            type="button"
            className={`segmented-item${p === purpose ? ' active' : ''}`}
            aria-pressed={p === purpose}
            onClick={() => setParams({ purpose: p }, { replace: true })}
            data-testid={`wallet-purpose-${p}`}
          >
            {t(`wallet.purposes.${p}`)}
          </button>
        ))}
      </fieldset>
      <section className="card wl-disclose" data-testid="wallet-disclose">
        <p>{t('wallet.willDisclose')}</p>
        <ul>
          {shown.map((c) => (
            <li key={c} data-testid="wallet-disclose-claim">
              {label(c)}
            </li>
          ))}
        </ul>
        {hidden.length > 0 && (
          <p className="field-help">
            {t('wallet.notDisclosed', { list: hidden.map(label).join(t('wallet.listSeparator')) })}
          </p>
        )}
      </section>
      {needsNonce ? (
        <PolicePanel onNonce={setNonce} />
      ) : (
        <section className="card wl-qr-card" data-testid="wallet-qr-card">
          <p className="wl-hint" role="note">
            {t('wallet.brightness')}
          </p>
          {purpose === 'police' && <p>{t('wallet.police.bound')}</p>}
          {codeExpired ? (
            <p className="wl-notice" role="alert" data-testid="wallet-offline-expired">
              {online ? t('wallet.codeFailed') : t('wallet.offlineExpired')}
            </p>
          ) : code ? (
            <QrSvg
              className="wl-qr"
              testId="wallet-qr"
              text={code.text}
              label={t('wallet.qrLabel', { name: names.type(cert.type, cert.typeName), seconds: secondsLeft })}
            />
          ) : (
            <ListSkeleton rows={3} />
          )}
          <p className="wl-countdown" data-testid="wallet-countdown">
            {t('wallet.countdown', { seconds: secondsLeft })}
          </p>
          {cert.lastCode && (
            <p className="field-help" data-testid="wallet-code-valid-until">
              {t('wallet.codeValidUntil', { time: time(cert.lastCode.validUntil) })}
            </p>
          )}
          {!online && (
            <p className="wl-notice" role="status">
              {t('wallet.offlineCode')}
            </p>
          )}
          {unusedCount(cert) === 0 && <p className="wl-notice">{t('wallet.batchLow')}</p>}
          <Button block onClick={() => void generate()} data-testid="wallet-qr-refresh">
            {t('wallet.refreshNow')}
          </Button>
          {purpose === 'police' && (
            <Button block fill="none" onClick={() => setNonce(null)}>
              {t('wallet.police.again')}
            </Button>
          )}
        </section>
      )}
    </>
  );
}

/** 出示二维码: choose the purpose, see what is disclosed, show a QR that renews itself every minute (offline too). */
export default function WalletShow() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  return (
    <Page title={t('wallet.showTitle')}>
      <RequireAuth allowOffline>
        <Show id={id} />
      </RequireAuth>
    </Page>
  );
}
