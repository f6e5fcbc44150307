import type { Appointment } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { appointmentsApi } from '../api/appointments';
import { isVerificationCancelled } from '../api/client';
import { DetailProblem } from '../components/DetailProblem';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { ListSkeleton } from '../components/States';
import { TextAreaField } from '../components/TextAreaField';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { bookRoute, booksOnline } from '../lib/appointment-services';
import { APPOINTMENT_STATUS_COLOR, isUpcoming } from '../lib/appointments';
import { formatDateTime } from '../lib/cases';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { AppointmentPassCard } from './AppointmentPassCard';
import { RescheduleFlow } from './AppointmentReschedule';
import { AppointmentNumber, NoticeList, SubjectFact, useNotice, VisitFacts, When } from './appointments-shared';
import './cases.css';
import './appointments.css';

/** The appointment: status, 预约号, when and where, what to bring; 取消预约 while it can be cancelled. */
export function AppointmentView({
  appointment: a,
  onChange,
  onReload,
}: {
  appointment: Appointment;
  onChange: (a: Appointment) => void;
  /** Load the booking again (the 预约码 was refused: checked in, ended or cancelled meanwhile). */
  onReload?: () => void;
}) {
  const { t, pick, lang } = useLocale();
  const auth = useAuth();
  const notice = useNotice(a.serviceId, a.notice);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const id = useId();
  const past = a.status === 'booked' && !isUpcoming(a);

  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setCancelError(null);
    try {
      const next = await auth.withVerification(() => appointmentsApi.cancel(a.id, reason.trim() || undefined));
      setCancelling(false);
      setReason('');
      Toast.show({ content: t('appointments.detail.cancelled') });
      onChange(next);
    } catch (e) {
      if (!isVerificationCancelled(e)) setCancelError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="case-detail appt-detail">
      <section className="card case-head" data-testid="appointment-head" data-status={a.status}>
        <h1 className="case-head-title">{pick(a.serviceName, a.serviceNameEn)}</h1>
        <p className="case-head-status">
          <Tag
            color={APPOINTMENT_STATUS_COLOR[a.status]}
            fill="solid"
            className="case-tag"
            data-testid="appointment-status"
          >
            {pick(a.statusLabel, a.statusLabelEn)}
          </Tag>
        </p>
        {a.status === 'slot_cancelled' && (
          <p className="appt-status-note" data-testid="slot-cancelled-note">
            <Icon name="alert" /> {t('appointments.detail.slotCancelled')}
          </p>
        )}
        {past && <p className="appt-status-note">{t('appointments.detail.past')}</p>}
        {a.status === 'checked_in' && (
          <p className="appt-status-note" data-testid="checked-in-note">
            <Icon name="info" /> {t('appointments.detail.checkedIn')}
          </p>
        )}
        {a.status === 'no_show' && (
          <p className="appt-status-note" data-testid="no-show-note">
            <Icon name="alert" /> {t('appointments.detail.noShow')}
          </p>
        )}
        {a.onBehalf && (
          <p className="case-on-behalf" data-testid="on-behalf">
            {a.onBehalf.label}
          </p>
        )}
        <dl className="case-facts">
          <div>
            <dt>{t('appointments.result.number')}</dt>
            <dd>
              <AppointmentNumber value={a.appointmentNumber} />
            </dd>
          </div>
          <SubjectFact appointment={a} testId="appointment-subject" />
          <VisitFacts appointment={a} testId="appointment-visit" />
          <div>
            <dt>{t('appointments.detail.time')}</dt>
            <dd data-testid="appointment-time">
              <When x={a} />
            </dd>
          </div>
          <div>
            <dt>{t('appointments.detail.place')}</dt>
            <dd data-testid="appointment-place">{a.place}</dd>
          </div>
          <div>
            <dt>{t('appointments.detail.address')}</dt>
            <dd>{a.address}</dd>
          </div>
          <div>
            <dt>{t('appointments.detail.department')}</dt>
            <dd>{a.departmentName}</dd>
          </div>
          <div>
            <dt>{t('appointments.detail.city')}</dt>
            <dd>{a.cityName}</dd>
          </div>
          <div>
            <dt>{t('appointments.detail.bookedAt')}</dt>
            <dd>{formatDateTime(a.bookedAt, lang)}</dd>
          </div>
          {a.rescheduledAt && (
            <div>
              <dt>{t('appointments.detail.rescheduledAt')}</dt>
              <dd data-testid="appointment-rescheduled-at">{formatDateTime(a.rescheduledAt, lang)}</dd>
            </div>
          )}
          {a.checkedInAt && (
            <div>
              <dt>{t('appointments.detail.checkedInAt')}</dt>
              <dd data-testid="appointment-checked-in-at">{formatDateTime(a.checkedInAt, lang)}</dd>
            </div>
          )}
          {a.noShowAt && (
            <div>
              <dt>{t('appointments.detail.noShowAt')}</dt>
              <dd>{formatDateTime(a.noShowAt, lang)}</dd>
            </div>
          )}
          {a.cancelledAt && (
            <div>
              <dt>{t('appointments.detail.cancelledAt')}</dt>
              <dd data-testid="appointment-cancelled-at">{formatDateTime(a.cancelledAt, lang)}</dd>
            </div>
          )}
        </dl>
      </section>

      {rescheduling && (
        <RescheduleFlow
          appointment={a}
          onBack={() => setRescheduling(false)}
          onDone={(next) => {
            setRescheduling(false);
            Toast.show({ content: t('appointments.detail.rescheduled') });
            onChange(next);
            window.scrollTo?.(0, 0);
          }}
        />
      )}
      {!rescheduling && a.canShowPass && (
        <AppointmentPassCard key={`${a.id}:${a.startsAt}`} appointment={a} onGone={() => onReload?.()} />
      )}

      {!rescheduling && (
        <>
          <section className="card case-notice" aria-labelledby={`${id}-notice`}>
            <h2 id={`${id}-notice`} className="case-subheading">
              {t('appointments.detail.notice')}
            </h2>
            <NoticeList items={notice} testId="appointment-notice" />
          </section>

          <div className="case-actions">
            {a.canReschedule && (
              <Button
                block
                size="large"
                color="primary"
                onClick={() => setRescheduling(true)}
                data-testid="reschedule-appointment"
              >
                {t('appointments.detail.reschedule')}
              </Button>
            )}
            {a.canCancel && (
              <Button
                block
                size="large"
                color="danger"
                fill="outline"
                onClick={() => {
                  setCancelError(null);
                  setCancelling(true);
                }}
                data-testid="cancel-appointment"
              >
                {t('appointments.detail.cancel')}
              </Button>
            )}
            {a.status !== 'booked' && a.status !== 'checked_in' && booksOnline(a.serviceId) && (
              <Link
                to={bookRoute(a.serviceId)}
                className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default state-link"
                data-testid="book-again"
              >
                {t('appointments.detail.bookAgain')}
              </Link>
            )}
            <Link to="/appointments" className="state-link case-back-link">
              {t('appointments.detail.backToList')}
            </Link>
          </div>
        </>
      )}

      <Dialog
        visible={cancelling}
        title={t('appointments.detail.cancelTitle')}
        onClose={() => setCancelling(false)}
        content={
          <div className="case-withdraw" data-testid="cancel-dialog">
            <p>{t('appointments.detail.cancelBody')}</p>
            <label htmlFor={id} className="field-label">
              {t('appointments.detail.cancelReason')}
            </label>
            <TextAreaField
              id={id}
              value={reason}
              onChange={setReason}
              maxLength={200}
              showCount
              placeholder={t('appointments.detail.cancelReasonPlaceholder')}
              testId="cancel-reason"
            />
            {cancelError && (
              <p className="field-error" role="alert" data-testid="cancel-error">
                {cancelError}
              </p>
            )}
          </div>
        }
        actions={[
          [
            { key: 'keep', text: t('appointments.detail.keep'), onClick: () => setCancelling(false), disabled: busy },
            {
              key: 'confirm',
              text: t('appointments.detail.cancelConfirm'),
              danger: true,
              bold: true,
              disabled: busy,
              onClick: () => void cancel(),
            },
          ],
        ]}
      />
    </div>
  );
}

function Loaded({ id }: { id: string }) {
  const { t } = useLocale();
  const { data, problem, reload, setData } = useVerifiedLoad(() => appointmentsApi.get(id), [id]);
  if (problem) {
    return (
      <DetailProblem
        problem={problem}
        notFoundCode="APPOINTMENT_NOT_FOUND"
        notFoundTitle={t('appointments.detail.notFound')}
        onRetry={reload}
        backTo="/appointments"
        backLabel={t('appointments.detail.backToList')}
      />
    );
  }
  if (!data) return <ListSkeleton rows={4} />;
  return <AppointmentView appointment={data} onChange={setData} onReload={reload} />;
}

/** /appointments/:id 预约详情. */
export default function AppointmentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  return (
    <Page title={t('appointments.detail.title')} ownHeading>
      <RequireAuth>
        <Loaded id={id} />
      </RequireAuth>
    </Page>
  );
}
