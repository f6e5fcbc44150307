import {
  OFFLINE_CHECK_IN_MAX_AGE_HOURS,
  starsInChinese,
  type VerdictKind,
  venueRefusal,
  WALLET_NONCE_PREFIX,
  WALLET_PURPOSES,
  type WalletPurpose,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import i18next from 'i18next';
import QRCode from 'qrcode';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { isApiProblem } from '../api/client';
import { type Verdict, type VerifierProfile, verifier } from '../api/verifier';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { type PictureMiss, QrCapture } from '../components/QrCapture';
import { useLocale } from '../i18n/localize';
import { problemText } from '../i18n/problems';
import { errorText } from '../lib/errors';
import { useWalletNames } from '../lib/wallet/names';
import { oldestStatus } from '../lib/wallet/offline-cache';
import { NO_DROPS, offlineQueue, type QueueDrops, type UploadFailure, uploadQueue } from '../lib/wallet/offline-queue';
import { type OfflineBasis, verifyOffline } from '../lib/wallet/offline-verifier';
import { useOfflineTrust } from '../lib/wallet/use-offline-trust';
import { CoachTicketCheck, isCoachTicketQr } from './verify/CoachTicketCheck';
import './verify.css';

/** 16 random bytes, base64url: the verifier's nonce of the two-way (police) flow. */
function freshNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

type Session =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'not-verifier'; message: string }
  /** `offline`: the profile this device kept, used while the session cannot be confirmed (no network). */
  | { state: 'verifier'; profile: VerifierProfile; offline?: boolean };

/** How the offline queue treats a failed upload: stop on no network / ended session, drop a refused entry. */
function uploadFailure(e: unknown): UploadFailure {
  if (!isApiProblem(e)) return { network: true, session: false, message: '' };
  return {
    // no answer, rate limited or a server fault: try again later
    network: e.isNetwork || e.status === 429 || e.status >= 500,
    session: e.status === 401 || e.status === 403,
    message: problemText(e, i18next.t),
  };
}

/** The two-way flow's first step: the verifier's fresh nonce as a QR (YSSN1:<base64url>) and as text. */
function NonceCard({ nonce, onRenew }: { nonce: string; onRenew: () => void }) {
  const { t } = useLocale();
  const canvas = useRef<HTMLCanvasElement>(null);
  const text = `${WALLET_NONCE_PREFIX}${nonce}`;
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, text, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  }, [text]);
  return (
    <section className="card vf-nonce" aria-label={t('verifier.nonceTitle')} data-testid="verify-nonce">
      <h2 className="section-title">{t('verifier.nonceTitle')}</h2>
      <canvas ref={canvas} role="img" aria-label={t('verifier.nonceQr')} className="vf-nonce-qr" />
      <p className="vf-nonce-text">
        <span>
          {t('verifier.nonceText')}
          {t('common.colon')}
        </span>
        <code data-testid="verify-nonce-text">{text}</code>
      </p>
      <p className="field-help">{t('verifier.nonceHelp')}</p>
      <Button size="small" onClick={onRenew} data-testid="verify-nonce-renew">
        {t('verifier.newNonce')}
      </Button>
    </section>
  );
}

type Translate = ReturnType<typeof useLocale>['t'];

/** How long ago, in words (刚刚 / 5分钟前 / 3小时前 / 2天前). */
function ageText(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor((Date.now() - ms) / 60_000));
  if (minutes < 1) return t('verifierOffline.ageNow');
  if (minutes < 60) return t('verifierOffline.ageMinutes', { n: minutes });
  if (minutes < 48 * 60) return t('verifierOffline.ageHours', { n: Math.floor(minutes / 60) });
  return t('verifierOffline.ageDays', { n: Math.floor(minutes / 1440) });
}

/** What an offline verdict rested on: the badge, the age of the keys and status data, and what it cannot know. */
function OfflineNote({ basis, loggedIn }: { basis: OfflineBasis; loggedIn: boolean }) {
  // loggedIn: the check was queued on this device, to be uploaded and recorded once online
  const { t, lang } = useLocale();
  const time = (ms: number) => new Date(ms).toLocaleString(lang, { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <div className="vf-offline" data-testid="verify-offline">
      <p className="vf-offline-badge" data-testid="verify-offline-badge">
        {t('verifierOffline.badge')}
      </p>
      <ul className="vf-offline-basis">
        {basis.keysFetchedAt !== null && (
          <li>
            {t('verifierOffline.keysAge', { time: time(basis.keysFetchedAt), age: ageText(basis.keysFetchedAt, t) })}
          </li>
        )}
        <li data-testid="verify-offline-status">
          {basis.statusFetchedAt !== null && basis.statusExpiresAt !== null
            ? t('verifierOffline.statusAge', {
                time: time(basis.statusFetchedAt),
                age: ageText(basis.statusFetchedAt, t),
                until: time(basis.statusExpiresAt),
              })
            : t('verifierOffline.statusNone')}
        </li>
        <li>{t('verifierOffline.replay')}</li>
        {loggedIn && <li data-testid="verify-offline-queued">{t('verifierOffline.queued')}</li>}
      </ul>
    </div>
  );
}

function VerdictCard({
  v,
  recordedBy,
  offline,
  onAgain,
}: {
  v: Verdict;
  recordedBy: string | null;
  offline: { basis: OfflineBasis; loggedIn: boolean } | null;
  onAgain: () => void;
}) {
  const { t, lang, isEn } = useLocale();
  const names = useWalletNames();
  const heading = useId();
  // The server's reasons are Chinese; English mode words the usual ones by their code and keeps the server's
  // own words for the rest (a city's rule in the catalog's words …).
  const reason = isEn ? t(`verifier.reasons.${v.reasonCode}`, { defaultValue: v.reason }) : v.reason;
  const time = (iso: string) => new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <section
      className={`card vf-verdict vf-verdict-${v.verdict}`}
      aria-labelledby={heading}
      data-testid="verify-verdict"
      data-verdict={v.verdict}
    >
      <h2 id={heading} className="vf-verdict-head" role="status">
        <span className="visually-hidden">
          {t('verifier.verdictTitle')}
          {t('common.colon')}
        </span>
        <span className="vf-verdict-word" data-testid="verify-verdict-word">
          {t(`verifier.verdict.${v.verdict as VerdictKind}`)}
        </span>
      </h2>
      <p className="vf-verdict-reason" data-testid="verify-reason">
        {reason}
      </p>
      {offline && <OfflineNote basis={offline.basis} loggedIn={offline.loggedIn} />}
      <dl className="vf-facts">
        {v.issuer && (
          <div>
            <dt>{t('verifier.issuer')}</dt>
            <dd data-testid="verify-issuer">{names.issuer(v.issuer)}</dd>
          </div>
        )}
        {v.credentialType && (
          <div>
            <dt>{t('verifier.certificate')}</dt>
            <dd data-testid="verify-type">{names.type(v.credentialType.id, v.credentialType.name)}</dd>
          </div>
        )}
        {v.purpose && (
          <div>
            <dt>{t('verifier.usedFor')}</dt>
            <dd>{names.purpose(v.purpose.id, v.purpose.name)}</dd>
          </div>
        )}
        {v.expiresAt && v.verdict !== 'invalid' && (
          <div>
            <dt>{t('verifier.validUntil')}</dt>
            <dd>{time(v.expiresAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('verifier.checkedAt')}</dt>
          <dd>{time(v.checkedAt)}</dd>
        </div>
      </dl>
      {v.verdict !== 'invalid' && (
        <>
          <h3 className="vf-sub">{t('verifier.disclosed')}</h3>
          {v.disclosed.length === 0 ? (
            <p className="field-help">{t('verifier.disclosedNone')}</p>
          ) : (
            <dl className="vf-facts vf-claims" data-testid="verify-claims">
              {v.disclosed.map((c) => (
                <div key={c.claim} data-testid={`verify-claim-${c.claim}`}>
                  <dt>{v.credentialType ? names.claim(v.credentialType.id, c.claim, c.label) : c.label}</dt>
                  <dd>
                    {v.credentialType ? names.value(v.credentialType.id, c.claim, c.value, c.display) : c.display}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
      {/* nothing was read from an unreadable picture, so there is nothing to record or not record */}
      {!offline?.loggedIn && v.reasonCode !== 'no-qr' && (
        <p className="field-help" data-testid="verify-recorded">
          {recordedBy ? t('verifier.recorded', { organisation: recordedBy }) : t('verifier.notRecorded')}
        </p>
      )}
      <Button block color="primary" onClick={onAgain} data-testid="verify-again">
        {t('verifier.again')}
      </Button>
    </section>
  );
}

function VerifierLogin({ onDone }: { onDone: () => void }) {
  const { t } = useLocale();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (step === 'password') {
        const r = await verifier.login(username.trim(), password);
        if (r.next === 'enrol') setError(t('verifier.enrolFirst'));
        else setStep('totp');
      } else {
        await verifier.totp(code.trim());
        onDone();
      }
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="vf-login"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="verifier-login"
    >
      <p className="field-help">{t('verifier.loginHelp')}</p>
      {step === 'password' ? (
        <>
          <FormField
            label={t('verifier.username')}
            testId="verifier-username"
            autoComplete="username"
            value={username}
            onChange={setUsername}
          />
          <FormField
            label={t('verifier.password')}
            testId="verifier-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
          />
        </>
      ) : (
        <FormField
          label={t('verifier.totp')}
          testId="verifier-totp"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={setCode}
          help={t('verifier.totpHelp')}
        />
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="verifier-login-error">
          {error}
        </p>
      )}
      <Button block color="primary" type="submit" loading={busy} data-testid="verifier-login-submit">
        {step === 'password' ? t('verifier.next') : t('verifier.signIn')}
      </Button>
    </form>
  );
}

/** 离线核验待登记: how many offline check-ins wait on this device, and what the last upload did. */
function QueueStatus({
  pending,
  uploading,
  last,
  dropped,
}: {
  pending: number;
  uploading: boolean;
  last: { uploaded: number; refused: string[] } | null;
  dropped: QueueDrops;
}) {
  const { t } = useLocale();
  if (pending === 0 && !last && dropped.expired === 0 && dropped.unreadable === 0) return null;
  return (
    <div className="vf-queue" data-testid="verify-queue" data-pending={pending}>
      {dropped.expired > 0 && (
        <p className="field-help vf-readiness-offline" role="status" data-testid="verify-queue-expired">
          {t('verifierOffline.droppedExpired', { n: dropped.expired, hours: OFFLINE_CHECK_IN_MAX_AGE_HOURS })}
        </p>
      )}
      {dropped.unreadable > 0 && (
        <p className="form-error" role="alert" data-testid="verify-queue-unreadable">
          {t('verifierOffline.droppedUnreadable', { n: dropped.unreadable })}
        </p>
      )}
      {pending > 0 && (
        <p className="field-help vf-readiness-offline" role="status" data-testid="verify-queue-pending">
          {uploading ? t('verifierOffline.uploading', { n: pending }) : t('verifierOffline.pending', { n: pending })}
        </p>
      )}
      {last && last.uploaded > 0 && (
        <p className="field-help" role="status" data-testid="verify-queue-uploaded">
          {t('verifierOffline.uploaded', { n: last.uploaded })}
        </p>
      )}
      {last?.refused.map((reason, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same reason may come twice; the list is replaced whole
        <p key={i} className="form-error" role="alert" data-testid="verify-queue-refused">
          {t('verifierOffline.refused', { reason })}
        </p>
      ))}
    </div>
  );
}

/** Whether the page can verify without a network, and how fresh its data is. */
function OfflineReadiness({
  trust,
  refreshing,
  online,
  readerReady,
}: {
  trust: ReturnType<typeof useOfflineTrust>['trust'];
  refreshing: boolean;
  online: boolean;
  readerReady: boolean;
}) {
  const { t, lang } = useLocale();
  const ready = !!trust && trust.issuers.length > 0;
  const status = trust ? oldestStatus(trust) : null;
  let text: string;
  if (!online) text = ready ? t('verifierOffline.offlineNow') : t('verifierOffline.noData');
  else if (!ready) text = refreshing ? t('verifierOffline.refreshing') : t('verifierOffline.notReady');
  else if (status === null) text = t('verifierOffline.readyNoLists', { issuers: trust.issuers.length });
  else
    text = t('verifierOffline.ready', {
      issuers: trust.issuers.length,
      lists: trust.lists.length,
      time: new Date(status).toLocaleString(lang, { timeZone: 'Asia/Shanghai', hour12: false }),
      age: ageText(status, t),
    });
  return (
    <p
      className={`field-help vf-readiness${online ? '' : ' vf-readiness-offline'}`}
      role="status"
      data-testid="verify-offline-ready"
      data-ready={ready ? 'true' : 'false'}
      data-reader={readerReady ? 'ready' : 'loading'}
    >
      {text}
    </p>
  );
}

/**
 * 证照核验: the verifier page (issue 6). Scan the holder's QR with the camera or upload a picture; the verdict
 * comes from the server (POST /api/v1/verify, or — for a logged-in verifier — a recorded check-in). Offline (or
 * when the request fails for want of a network) the page verifies on the device (离线核验, lib/wallet/
 * offline-verifier.ts) with the issuers' keys and status lists it keeps, and says so; a logged-in verifier's
 * offline check is queued on the device (lib/wallet/offline-queue.ts) and uploaded once online, where the
 * server verifies it again and records it (离线核验). Nothing is "valid" unless every check passed; a picture without a QR code is an explicit 无效.
 */
export default function Verify() {
  const { t, isEn } = useLocale();
  const names = useWalletNames();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [showLogin, setShowLogin] = useState(false);
  const [purpose, setPurpose] = useState<WalletPurpose | null>(null);
  const [twoWay, setTwoWay] = useState(false);
  const [nonce, setNonce] = useState(freshNonce);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [result, setResult] = useState<{
    verdict: Verdict;
    recordedBy: string | null;
    offline?: { basis: OfflineBasis; loggedIn: boolean };
  } | null>(null);
  const [online, setOnline] = useState(() => typeof navigator === 'undefined' || navigator.onLine !== false);

  const loadSession = useCallback(async () => {
    try {
      const profile = await verifier.me();
      setSession({ state: 'verifier', profile });
      setShowLogin(false);
      await offlineQueue.saveProfile(profile).catch(() => undefined);
    } catch (e) {
      if (isApiProblem(e) && e.isNetwork) {
        // No network (a reload offline): verify for the organisation this device last saw logged in, and
        // queue its check-ins; the session is confirmed once the network is back.
        const kept = await offlineQueue.loadProfile();
        setSession(kept ? { state: 'verifier', profile: kept, offline: true } : { state: 'anonymous' });
        return;
      }
      await offlineQueue.clearProfile().catch(() => undefined);
      if (isApiProblem(e) && e.status === 403)
        setSession({ state: 'not-verifier', message: problemText(e, i18next.t) });
      else setSession({ state: 'anonymous' });
    }
  }, []);
  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  const profile = session.state === 'verifier' ? session.profile : null;
  const confirmed = session.state === 'verifier' && !session.offline;
  const organisationId = profile?.organisation.id ?? null;
  const [pending, setPending] = useState(0);
  const [uploading, setUploading] = useState(false);
  const [lastUpload, setLastUpload] = useState<{ uploaded: number; refused: string[] } | null>(null);
  const flushing = useRef(false);
  // queued check-ins deleted unsent (too old, unreadable) since the page opened: said on the page
  const [dropped, setDropped] = useState<QueueDrops>(NO_DROPS);
  const noteDropped = useCallback((d: QueueDrops) => {
    if (d.expired + d.unreadable === 0) return;
    setDropped((was) => ({ expired: was.expired + d.expired, unreadable: was.unreadable + d.unreadable }));
  }, []);
  useEffect(() => {
    // the retention pass runs when the page opens, whoever is logged in
    void offlineQueue.purge().then(noteDropped, () => undefined);
  }, [noteDropped]);
  /** How many check-ins of this organisation wait on the device (noting any the queue dropped). */
  const readPending = useCallback(async () => {
    if (!organisationId) return 0;
    const { entries, dropped } = await offlineQueue
      .list(organisationId)
      .catch(() => ({ entries: [], dropped: NO_DROPS }));
    noteDropped(dropped);
    return entries.length;
  }, [organisationId, noteDropped]);
  const countPending = useCallback(async () => setPending(await readPending()), [readPending]);
  /** Uploads the queued offline check-ins (a confirmed session, online), one at a time. */
  const flushQueue = useCallback(async () => {
    if (!organisationId || !confirmed || flushing.current) return;
    flushing.current = true;
    setUploading(true);
    let outcome: Awaited<ReturnType<typeof uploadQueue>> | undefined;
    try {
      outcome = await uploadQueue(organisationId, verifier.checkInOffline, uploadFailure);
      noteDropped(outcome.dropped);
    } catch {
      // IndexedDB unavailable: nothing was queued either
    } finally {
      flushing.current = false;
      // What is left is read first and shown together with the outcome, in one render: the page never says
      // "已登记 1 条" while still counting that check-in as waiting.
      const left = await readPending();
      setUploading(false);
      setPending(left);
      if (outcome && (outcome.uploaded.length > 0 || outcome.refused.length > 0)) {
        setLastUpload({ uploaded: outcome.uploaded.length, refused: outcome.refused.map((r) => r.message) });
      }
    }
  }, [organisationId, confirmed, readPending, noteDropped]);
  const police = profile ? profile.organisation.kind === 'police' : twoWay;
  // 长途车验票 for a coach station's staff (online): its e-tickets (YSST1:) go there, from either scanner
  const station = confirmed && profile?.organisation.kind === 'coach-station';
  const [coachQr, setCoachQr] = useState<{ text: string } | null>(null);
  const offlineTrust = useOfflineTrust(
    profile ? { code: profile.organisation.cityCode, name: profile.organisation.cityName } : null,
  );
  // The QR reader (and its WebAssembly) is loaded now, so that scanning still works once the network is gone.
  const [readerReady, setReaderReady] = useState(false);
  useEffect(() => {
    let live = true;
    void Promise.all([
      import('../lib/qr-reader').then((scan) => scan.decodeQr(new ImageData(1, 1))),
      import('jsqr'), // the fallback decoder, also kept for offline use
    ])
      .then(() => live && setReaderReady(true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    void countPending();
  }, [countPending]);
  // Online with a confirmed session: upload what was queued. Back online after a reload without a network:
  // confirm the session first (the upload follows).
  const offlineSession = session.state === 'verifier' && session.offline === true;
  // biome-ignore lint/correctness/useExhaustiveDependencies: flush when the session is confirmed or the network returns
  useEffect(() => {
    if (!online) return;
    if (offlineSession) void loadSession();
    else if (confirmed) void flushQueue();
  }, [online, offlineSession, confirmed, organisationId]);
  useEffect(() => {
    const on = () => setOnline(navigator.onLine !== false);
    window.addEventListener('online', on);
    window.addEventListener('offline', on);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', on);
    };
  }, []);

  /** 离线核验: on this device, with the cached keys and status lists; a verifier's check is queued for upload. */
  const checkOffline = async (payload: string) => {
    const trust = offlineTrust.trust;
    if (!trust || trust.issuers.length === 0) {
      setNote({ text: t('verifierOffline.noData'), error: true });
      return;
    }
    const r = await verifyOffline(payload, trust, {
      ...(police ? { nonce } : {}),
      ...(profile ? { purpose: profile.organisation.purpose.id as WalletPurpose } : purpose ? { purpose } : {}),
      ...(profile && offlineTrust.cityRules ? { city: offlineTrust.cityRules } : {}),
    });
    // The server's rule, here too: a credential this organisation may not check in with (the e-ID at a hotel
    // below three stars) is refused with the reason; nothing is shown of it and nothing queued.
    const refusal = profile ? venueRefusal(profile.organisation, r.verdict.credentialType?.id) : null;
    if (refusal) {
      setNote({ text: refusal, error: true });
      return;
    }
    if (profile) {
      await offlineQueue.add({
        organisationId: profile.organisation.id,
        payload,
        ...(police ? { nonce } : {}),
        verifiedAt: Date.parse(r.verdict.checkedAt) || Date.now(),
        device: { verdict: r.verdict.verdict, reasonCode: r.verdict.reasonCode },
      });
      await countPending();
    }
    setResult({ verdict: r.verdict, recordedBy: null, offline: { basis: r.basis, loggedIn: !!profile } });
    setNote(null);
  };

  const check = async (payload: string) => {
    setResult(null);
    setNote({ text: t('verifier.checking'), error: false });
    try {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        await checkOffline(payload);
        return;
      }
      const withNonce = police ? { nonce } : {};
      if (profile && session.state === 'verifier' && session.offline) {
        // the session is not confirmed yet (the page was opened without a network): verify here, queue it
        await checkOffline(payload);
        return;
      }
      if (profile) {
        const r = await verifier.checkIn({ payload, ...withNonce });
        setResult({ verdict: r.result, recordedBy: r.checkIn.organisation.name });
      } else {
        const v = await verifier.verify({ payload, ...withNonce, ...(purpose ? { purpose } : {}) });
        setResult({ verdict: v, recordedBy: null });
      }
      setNote(null);
    } catch (e) {
      // the request never got an answer: verify on this device instead
      if (isApiProblem(e) && e.isNetwork) await checkOffline(payload);
      else setNote({ text: errorText(e, t), error: true });
    } finally {
      // a nonce serves one check only
      if (police) setNonce(freshNonce());
    }
  };

  /** A picture without a readable QR code: an explicit invalid verdict, never a silent nothing. */
  const noCode = () => {
    setNote(null);
    setResult({
      verdict: {
        verdict: 'invalid',
        reason: t('verifier.noCode'),
        reasonCode: 'no-qr',
        issuer: null,
        credentialType: null,
        purpose: null,
        format: null,
        disclosed: [],
        expiresAt: null,
        checkedAt: new Date().toISOString(),
      },
      recordedBy: null,
    });
  };

  const onPicture = () => {
    setResult(null);
    setNote({ text: t('verifier.decoding'), error: false });
  };

  // a picture that cannot be read is as good as one without a code: 无效, never a silent nothing
  const onPictureMiss = (why: PictureMiss) => {
    if (why === 'no-reader') setNote({ text: t('verifier.loadFailed'), error: true });
    else noCode();
  };

  return (
    <Page title={t('verifier.title')}>
      <p className="page-intro">{t('verifier.intro')}</p>
      <section className="card vf-session" aria-label={t('verifier.verifierTitle')} data-testid="verifier-session">
        {session.state === 'verifier' ? (
          <>
            <p className="vf-org" data-testid="verifier-org">
              <strong>{session.profile.displayName}</strong>
              <br />
              {t('verifier.verifierOf', {
                organisation: session.profile.organisation.name,
                // a hotel with its star rating (二星级酒店): what decides whether the e-ID is for its check-ins
                kind: session.profile.organisation.starRating
                  ? t('verifier.starredKind', {
                      // 二星级 in Chinese, 2-star in English
                      stars: isEn
                        ? session.profile.organisation.starRating
                        : starsInChinese(session.profile.organisation.starRating),
                      kind: session.profile.organisation.kindName,
                    })
                  : session.profile.organisation.kindName,
                city: session.profile.organisation.cityName,
              })}
            </p>
            <p className="field-help">
              {t('verifier.verifierPurpose', {
                purpose: names.purpose(
                  session.profile.organisation.purpose.id,
                  session.profile.organisation.purpose.name,
                ),
              })}
            </p>
            {venueRefusal(session.profile.organisation, 'resident-id') && (
              <p className="field-help" data-testid="verifier-e-id-not-here">
                {t('verifier.eIdNotHere')}
              </p>
            )}
            {session.offline && (
              <p className="field-help vf-readiness-offline" data-testid="verifier-offline-session">
                {t('verifierOffline.offlineSession')}
              </p>
            )}
            <Button
              size="small"
              onClick={async () => {
                await verifier.logout().catch(() => undefined);
                await offlineQueue.clearProfile().catch(() => undefined);
                setSession({ state: 'anonymous' });
              }}
              data-testid="verifier-logout"
            >
              {t('verifier.logout')}
            </Button>
          </>
        ) : (
          <>
            {session.state === 'not-verifier' && (
              <p className="form-error" role="alert">
                {t('verifier.notVerifier')}
              </p>
            )}
            <fieldset className="segmented vf-purposes" aria-label={t('verifier.purpose')}>
              {([null, ...Object.keys(WALLET_PURPOSES)] as (WalletPurpose | null)[]).map((p) => (
                <button
                  key={p ?? 'any'}
                  type="button"
                  className={`segmented-item${purpose === p ? ' active' : ''}`}
                  aria-pressed={purpose === p}
                  onClick={() => {
                    setPurpose(p);
                    setTwoWay(p === 'police');
                  }}
                  data-testid={`verify-purpose-${p ?? 'any'}`}
                >
                  {p ? names.purpose(p, WALLET_PURPOSES[p].name) : t('verifier.purposeAny')}
                </button>
              ))}
            </fieldset>
            <label className="vf-toggle">
              <input
                type="checkbox"
                checked={twoWay}
                onChange={(e) => setTwoWay(e.target.checked)}
                data-testid="verify-two-way"
              />
              {t('verifier.twoWay')}
            </label>
            {session.state === 'anonymous' && !showLogin && (
              <Button size="small" fill="outline" onClick={() => setShowLogin(true)} data-testid="verifier-login-open">
                {t('verifier.login')}
              </Button>
            )}
            {showLogin && <VerifierLogin onDone={() => void loadSession()} />}
          </>
        )}
      </section>

      {station && <CoachTicketCheck scanned={coachQr} />}
      {police && <NonceCard nonce={nonce} onRenew={() => setNonce(freshNonce())} />}

      <QueueStatus pending={pending} uploading={uploading} last={lastUpload} dropped={dropped} />
      <OfflineReadiness
        trust={offlineTrust.trust}
        refreshing={offlineTrust.refreshing}
        online={online}
        readerReady={readerReady}
      />
      <QrCapture
        testIdPrefix="verify"
        main
        labels={{
          scan: t('verifier.scan'),
          upload: t('verifier.upload'),
          title: t('verifier.scanTitle'),
          hint: t('verifier.hint'),
          starting: t('verifier.starting'),
          video: t('verifier.video'),
          noCamera: t('verifier.noCamera'),
          cancel: t('verifier.cancel'),
        }}
        onText={(text) => (station && isCoachTicketQr(text) ? setCoachQr({ text }) : void check(text))}
        onPicture={onPicture}
        onPictureMiss={onPictureMiss}
        onCameraError={(message) => setNote({ text: message, error: true })}
      />
      {note && (
        <p
          className={note.error ? 'form-error' : 'field-help'}
          role={note.error ? 'alert' : 'status'}
          data-testid="verify-note"
        >
          {note.text}
        </p>
      )}
      {result && (
        <VerdictCard
          v={result.verdict}
          recordedBy={result.recordedBy}
          offline={result.offline ?? null}
          onAgain={() => {
            setResult(null);
            setNote(null);
          }}
        />
      )}
    </Page>
  );
}
