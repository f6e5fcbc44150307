import Button from 'antd-mobile/es/components/button';
import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { medfund, type MedicalPayCode as PayCode } from '../api/medfund';
import { LookupProblem } from '../components/LookupProblem';
import { Page, useGoBack } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './medfund.css';

/** Fetch the next code this many seconds before the current one expires, so the shown code is always valid. */
const LEAD_SECONDS = 5;

function Code() {
  const { t } = useLocale();
  const auth = useAuth();
  const goBack = useGoBack();
  const { city } = usePreferences();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // The code, and when it expires by this phone's clock (its lifetime counted from its arrival: a phone whose
  // clock differs from the server's still counts down the right 60 seconds).
  const [code, setCode] = useState<(PayCode & { localExpiry: number }) | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(false);
  const [qrFailed, setQrFailed] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const live = useRef(true);
  // useGoBack and withVerification are new functions on each render: keep the latest without re-fetching.
  const latest = useRef({ auth, goBack });
  latest.current = { auth, goBack };

  const fetchCode = useCallback(() => {
    setLoading(true);
    latest.current.auth
      .withVerification(() => medfund.payCode({ city }))
      .then(
        (c) => {
          if (!live.current) return;
          const at = Date.now();
          setNow(at);
          setCode({ ...c, localExpiry: at + (Date.parse(c.expiresAt) - Date.parse(c.issuedAt)) });
          setProblem(null);
        },
        (e: unknown) => {
          if (!live.current) return;
          if (isVerificationCancelled(e)) {
            if (!e.redirected) latest.current.goBack();
            return;
          }
          if (isApiProblem(e)) {
            setCode(null);
            setProblem(e);
          }
        },
      )
      .finally(() => live.current && setLoading(false));
  }, [city]);

  useEffect(() => {
    live.current = true;
    fetchCode();
    return () => {
      live.current = false;
    };
  }, [fetchCode]);

  // One tick a second: the countdown, and a new code shortly before this one expires.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const secondsLeft = code ? Math.max(0, Math.ceil((code.localExpiry - now) / 1000)) : 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh when the countdown reaches the lead time
  useEffect(() => {
    if (code && !loading && !problem && secondsLeft <= LEAD_SECONDS) fetchCode();
  }, [secondsLeft <= LEAD_SECONDS, code?.code]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !code) return;
    QRCode.toCanvas(canvas, code.code, {
      errorCorrectionLevel: 'M',
      margin: 2,
      scale: 4,
      color: { dark: '#000000', light: '#ffffff' },
    })
      .then(() => setQrFailed(false))
      .catch(() => setQrFailed(true));
  }, [code]);

  if (problem) {
    return (
      <LookupProblem
        problem={problem}
        onRetry={fetchCode}
        title={t('medfund.code.failed')}
        action={{
          to: '/lookups/medical-payment',
          label: t('medfund.code.activateFirst'),
          when: 'MEDICAL_PAYMENT_NOT_ACTIVATED',
        }}
      />
    );
  }
  if (!code) return <ListSkeleton rows={4} />;
  return (
    <>
      <section className="card mf-qr" data-testid="yibao-code">
        <p className="mf-qr-holder">
          {t('medfund.code.holder', { name: code.subject.nameMasked, scheme: code.schemeName })}
        </p>
        {qrFailed && (
          <p role="alert" className="mf-notice warn">
            {t('medfund.code.failed')}
          </p>
        )}
        <canvas
          ref={canvasRef}
          className="mf-qr-canvas"
          role="img"
          aria-label={t('medfund.code.imageLabel', { seconds: secondsLeft })}
          data-testid="yibao-qr"
          data-expires-at={code.expiresAt}
        />
        <p className="mf-countdown" aria-live="off" data-testid="yibao-countdown">
          {loading ? t('medfund.code.refreshing') : t('medfund.code.countdown', { seconds: secondsLeft })}
        </p>
        <Button color="primary" fill="outline" onClick={fetchCode} disabled={loading}>
          {t('medfund.code.refresh')}
        </Button>
        <p className="field-help">{t('medfund.code.hint')}</p>
        <SourceNote source={code.source} />
      </section>
      <section className="card">
        <h2 className="section-title">{t('medfund.payment.places')}</h2>
        <ul className="mf-places">
          <li>{t('medfund.payment.hospitals', { list: code.places.hospitals.join('、') })}</li>
          <li>
            {code.places.pharmacies.length
              ? t('medfund.payment.pharmacies', { list: code.places.pharmacies.join('、') })
              : t('medfund.payment.noPharmacies')}
          </li>
        </ul>
      </section>
    </>
  );
}

/** 医保扫码支付 (B1): a 60-second signed code as a QR, refreshed every minute with a countdown. */
export default function MedicalPayCode() {
  const { t } = useLocale();
  return (
    <Page title={t('medfund.code.title')}>
      <p className="page-intro">{t('medfund.code.intro')}</p>
      <RequireAuth>
        <Code />
      </RequireAuth>
    </Page>
  );
}
