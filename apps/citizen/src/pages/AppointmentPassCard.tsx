import type { Appointment } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { appointmentsApi } from '../api/appointments';
import { Icon } from '../components/icons';
import { QrSvg } from '../components/QrSvg';
import { ErrorState, ListSkeleton } from '../components/States';
import { useSelfRefreshingCode } from '../hooks/use-self-refreshing-code';
import { useLocale } from '../i18n/localize';
import { formatClockTime } from '../lib/cases';

/** The booking can no longer show a pass (checked in, ended, cancelled) or is gone: reload it. */
const GONE_CODES = ['APPOINTMENT_PASS_NOT_SHOWABLE', 'APPOINTMENT_NOT_FOUND'];

/**
 * 预约码 for the counter: a signed QR of the booking (no personal data in it) that refreshes itself while shown, and
 * the 预约号 as text for typing. When the server says it cannot be shown any more (checked in, ended, cancelled),
 * `onGone` reloads the booking.
 */
export function AppointmentPassCard({ appointment: a, onGone }: { appointment: Appointment; onGone: () => void }) {
  const { t, lang } = useLocale();
  const { code, problem, validCode, refresh } = useSelfRefreshingCode(a.id, () => appointmentsApi.pass(a.id), {
    goneCodes: GONE_CODES,
    onGone,
  });
  const time = (ms: number) => formatClockTime(ms, lang);

  return (
    <section className="card appt-pass" aria-labelledby="appt-pass-title" data-testid="appointment-pass">
      <h2 id="appt-pass-title" className="case-subheading">
        {t('appointments.pass.title')}
      </h2>
      <p className="appt-pass-hint" role="note">
        <Icon name="info" /> {t('appointments.pass.hint')}
      </p>
      {validCode ? (
        <QrSvg
          className="appt-pass-qr"
          testId="appointment-pass-qr"
          text={validCode.qr}
          label={t('appointments.pass.qrLabel', { number: a.appointmentNumber })}
        />
      ) : problem ? (
        <ErrorState problem={problem} onRetry={refresh} title={t('appointments.pass.loadFailed')} />
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
      <Button block onClick={refresh} data-testid="appointment-pass-refresh">
        {t('appointments.pass.refresh')}
      </Button>
    </section>
  );
}
