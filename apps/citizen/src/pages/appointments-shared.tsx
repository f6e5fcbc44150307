import { APPOINTMENT_SUBJECT_KINDS, type Appointment, findAppointmentService } from '@yss/contracts';
import Toast from 'antd-mobile/es/components/toast';
import { useLocale } from '../i18n/localize';
import { formatFullDate, formatWindow } from '../lib/appointments';

/** 预约号 with a copy button (the number is what the citizen shows at the counter). */
export function AppointmentNumber({ value }: { value: string }) {
  const { t } = useLocale();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      Toast.show({ content: t('appointments.result.copied') });
    } catch {
      Toast.show({ content: t('appointments.result.copyFailed') });
    }
  };
  return (
    <span className="case-number">
      <span className="case-number-value" data-testid="appointment-number">
        {value}
      </span>
      <button
        type="button"
        className="case-copy"
        onClick={copy}
        aria-label={`${t('appointments.result.copy')} ${value}`}
      >
        {t('appointments.result.copy')}
      </button>
    </span>
  );
}

/** What to bring: the server's notice (Chinese), in English the service's English notice from the contract. */
export function useNotice(serviceId: string, notice: readonly string[]): readonly string[] {
  const { pick } = useLocale();
  const spec = findAppointmentService(serviceId);
  return pick(notice.length > 0 ? notice : (spec?.notice ?? []), spec?.noticeEn);
}

export function NoticeList({ items, testId }: { items: readonly string[]; testId?: string }) {
  return (
    <ol className="detail-list appt-notice-list" data-testid={testId}>
      {items.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ol>
  );
}

/** 2026年12月1日 周二 09:30–10:00, the time window kept on one line. */
export function When({ x }: { x: { date: string; start: string; end: string } }) {
  const { lang } = useLocale();
  return (
    <>
      {formatFullDate(x.date, lang)} <span className="appt-nowrap">{formatWindow(x)}</span>
    </>
  );
}

/** 车辆 (年审预约): what the booking is for, plate masked; nothing for the services booked for the applicant alone. */
/** 上门服务 (开锁): where the visit goes and the phone, masked as the booking holds them; nothing for other services. */
export function VisitFacts({ appointment, testId }: { appointment: Appointment; testId: string }) {
  const { t } = useLocale();
  if (!appointment.visit) return null;
  return (
    <>
      <div>
        <dt>{t('appointments.visit.fact')}</dt>
        <dd data-testid={`${testId}-address`}>{appointment.visit.addressMasked}</dd>
      </div>
      <div>
        <dt>{t('appointments.visit.factPhone')}</dt>
        <dd data-testid={`${testId}-phone`}>{appointment.visit.phoneMasked}</dd>
      </div>
    </>
  );
}

export function SubjectFact({ appointment, testId }: { appointment: Appointment; testId: string }) {
  const { pick } = useLocale();
  const kind = findAppointmentService(appointment.serviceId)?.subject;
  if (!kind || !appointment.subjectLabel) return null;
  const words = APPOINTMENT_SUBJECT_KINDS[kind];
  return (
    <div>
      <dt>{pick(words.label, words.labelEn)}</dt>
      <dd data-testid={testId}>{appointment.subjectLabel}</dd>
    </div>
  );
}
