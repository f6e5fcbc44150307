import type { Appointment, AppointmentPass } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useCallback, useEffect, useRef, useState } from 'react';
import { appointmentsApi } from '../api/appointments';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { Icon } from '../components/icons';
import { QrSvg } from '../components/QrSvg';
import { ErrorState, ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { formatClockTime } from '../lib/cases';
import { useAuth } from '../state/auth';

/** A new code every minute at the latest, and well before the current one expires (as the coach e-ticket). */
const REFRESH_MS = 60_000;
const MARGIN_MS = 10_000;
const MIN_DELAY_MS = 1_000;

export function nextPassRefresh(expiresAt: string, now: number = Date.now()): number {
  const untilExpiry = Date.parse(expiresAt) - now - MARGIN_MS;
  return Math.max(MIN_DELAY_MS, Math.min(REFRESH_MS, Number.isFinite(untilExpiry) ? untilExpiry : REFRESH_MS));
}

/**
 * 预约码 for the counter: a signed QR of the booking (no personal data in it) that refreshes itself while shown, and
 * the 预约号 as text for typing. When the server says it cannot be shown any more (checked in, ended, cancelled),
 * `onGone` reloads the booking.
 */
export function AppointmentPassCard({ appointment: a, onGone }: { appointment: Appointment; onGone: () => void }) {
  const { t, lang } = useLocale();
  const auth = useAuth();
  const [code, setCode] = useState<(AppointmentPass & { at: number }) | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const live = useRef(true);
  const withVerification = useRef(auth.withVerification);
  withVerification.current = auth.withVerification;
  const gone = useRef(onGone);
  gone.current = onGone;

  const load = useCallback(async () => {
    clearTimeout(timer.current);
    try {
      const pass = await withVerification.current(() => appointmentsApi.pass(a.id));
      if (!live.current) return;
      setCode({ ...pass, at: Date.now() });
      setProblem(null);
      setNow(Date.now());
      timer.current = setTimeout(() => void load(), nextPassRefresh(pass.expiresAt));
    } catch (e) {
      if (!live.current || isVerificationCancelled(e)) return;
      if (isApiProblem(e) && (e.code === 'APPOINTMENT_PASS_NOT_SHOWABLE' || e.code === 'APPOINTMENT_NOT_FOUND')) {
        setCode(null);
        gone.current();
        return;
      }
      if (isApiProblem(e)) setProblem(e);
      setNow(Date.now());
      timer.current = setTimeout(() => void load(), 15_000);
    }
  }, [a.id]);

  useEffect(() => {
    live.current = true;
    void load();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    const tick = setInterval(() => setNow(Date.now()), 5_000);
    return () => {
      live.current = false;
      clearTimeout(timer.current);
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  const valid = code && Date.parse(code.expiresAt) > now;
  const time = (ms: number) => formatClockTime(ms, lang);

  return (
    <section className="card appt-pass" aria-labelledby="appt-pass-title" data-testid="appointment-pass">
      <h2 id="appt-pass-title" className="case-subheading">
        {t('appointments.pass.title')}
      </h2>
      <p className="appt-pass-hint" role="note">
        <Icon name="info" /> {t('appointments.pass.hint')}
      </p>
      {valid ? (
        <QrSvg
          className="appt-pass-qr"
          testId="appointment-pass-qr"
          text={code.qr}
          label={t('appointments.pass.qrLabel', { number: a.appointmentNumber })}
        />
      ) : problem ? (
        <ErrorState problem={problem} onRetry={() => void load()} title={t('appointments.pass.loadFailed')} />
      ) : (
        <ListSkeleton rows={3} />
      )}
      <p className="appt-pass-number" data-testid="appointment-pass-number">
        {t('appointments.list.number', { number: a.appointmentNumber })}
      </p>
      {code && (
        <p className="appt-pass-updated" role="status" data-testid="appointment-pass-updated">
          {t('appointments.pass.updatedAt', { time: time(code.at) })}
        </p>
      )}
      <p className="field-help">{t('appointments.pass.autoRefresh')}</p>
      <Button block onClick={() => void load()} data-testid="appointment-pass-refresh">
        {t('appointments.pass.refresh')}
      </Button>
    </section>
  );
}
