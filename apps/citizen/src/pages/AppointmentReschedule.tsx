import { type Appointment, type AvailableSlot, type AvailableSlots, findAppointmentService } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { appointmentsApi } from '../api/appointments';
import { type ApiProblem, isApiProblem } from '../api/client';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { useBookingHolidays } from '../hooks/use-booking-holidays';
import { useIdempotentSubmit } from '../hooks/use-idempotent-submit';
import { useLocale } from '../i18n/localize';
import { formatWhen, pickDate, SLOT_GONE_CODES, slotDates } from '../lib/appointments';
import { errorText } from '../lib/errors';
import { When } from './appointments-shared';
import { DatePicker, TimePicker } from './Book';

/** A service since taken out of APPOINTMENT_SERVICES still has bookings to move: the usual window. */
const DEFAULT_WINDOW_DAYS = 14;

/** The booking's own window is not a choice (the server refuses it too). */
const isCurrent = (s: AvailableSlot, a: Appointment) =>
  s.startsAt === a.startsAt && s.place === a.place && s.address === a.address;

/**
 * 改约: the open slots of the same service in the booking's city (not the city the app is set to), a window, the
 * confirm sheet (从 → 改为), then one request that moves the booking (one submissionId per confirm attempt, kept
 * for a retry after an unknown outcome). A window taken meanwhile: said, and the slots loaded again.
 */
export function RescheduleFlow({
  appointment: a,
  onDone,
  onBack,
}: {
  appointment: Appointment;
  onDone: (a: Appointment) => void;
  onBack: () => void;
}) {
  const { t, lang } = useLocale();
  const problemText = useProblemText();
  const [slots, setSlots] = useState<AvailableSlots | undefined>(undefined);
  const [slotsProblem, setSlotsProblem] = useState<ApiProblem | null>(null);
  const [wantedDate, setWantedDate] = useState<string | null>(null);
  const [chosen, setChosen] = useState<AvailableSlot | null>(null);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
  const { busy, isBusy, submit } = useIdempotentSubmit();
  const loadSeq = useRef(0);
  const titleId = useId();
  /** The same window as booking (the server offers nothing later), so the holidays among the slots show as closed. */
  const holidays = useBookingHolidays(findAppointmentService(a.serviceId)?.bookingWindowDays ?? DEFAULT_WINDOW_DAYS);

  const loadSlots = useCallback(async () => {
    const seq = ++loadSeq.current;
    setSlotsProblem(null);
    try {
      const data = await appointmentsApi.slots(a.serviceId, a.cityCode);
      if (seq === loadSeq.current) setSlots(data);
    } catch (e) {
      if (seq !== loadSeq.current) return;
      setSlots(undefined);
      if (isApiProblem(e)) setSlotsProblem(e);
    }
  }, [a.serviceId, a.cityCode]);

  useEffect(() => {
    void loadSlots();
  }, [loadSlots]);

  const confirm = async () => {
    if (!chosen || isBusy()) return;
    setSheetError(null);
    await submit(chosen.id, (submissionId) => appointmentsApi.reschedule(a.id, { slotId: chosen.id, submissionId }), {
      onDone: (next) => {
        setChosen(null);
        onDone(next);
      },
      onError: (e) => setSheetError(errorText(e, t)),
      onProblem: (e) => {
        if (SLOT_GONE_CODES.includes(e.code)) {
          setChosen(null);
          setPageError(problemText(e));
          void loadSlots();
        } else {
          setSheetError(problemText(e));
        }
      },
    });
  };

  const open = (slots?.slots ?? []).filter((s) => !isCurrent(s, a));
  const days = slotDates(open);
  const active = pickDate(days, wantedDate);
  const day = days.find((d) => d.date === active);

  return (
    <section className="appt-pick appt-reschedule" aria-labelledby={titleId} data-testid="reschedule">
      <div className="appt-pick-head">
        <h2 id={titleId} className="case-step-title appt-pick-title">
          {t('appointments.detail.rescheduleTitle')}
        </h2>
      </div>
      <p className="appt-reschedule-current" data-testid="reschedule-current">
        {t('appointments.detail.rescheduleCurrent', { when: `${formatWhen(a, lang)} ${a.place}` })}
      </p>
      <p className="field-help">{t('appointments.detail.rescheduleHint')}</p>
      {pageError && (
        <p className="form-error appt-page-error" role="alert" data-testid="reschedule-error">
          {pageError}
        </p>
      )}
      {slotsProblem ? (
        <ErrorState problem={slotsProblem} onRetry={() => void loadSlots()} title={t('appointments.pick.loadFailed')} />
      ) : !slots ? (
        <ListSkeleton rows={3} />
      ) : days.length === 0 ? (
        <div data-testid="reschedule-empty">
          <EmptyState
            title={t('appointments.detail.rescheduleEmpty')}
            description={t('appointments.detail.rescheduleEmptyDesc', { city: a.cityName })}
          />
        </div>
      ) : (
        <>
          <DatePicker
            slots={open}
            closed={holidays}
            active={active}
            onPick={(date) => {
              setWantedDate(date);
              setPageError(null);
            }}
          />
          {day && (
            <TimePicker
              slots={day.slots}
              chosen={chosen?.id ?? null}
              onPick={(s) => {
                setChosen(s);
                setSheetError(null);
              }}
            />
          )}
        </>
      )}
      <div className="case-actions">
        <Button block onClick={onBack} data-testid="reschedule-back">
          {t('appointments.detail.rescheduleBack')}
        </Button>
      </div>
      <ConfirmSheet
        open={chosen !== null}
        title={t('appointments.detail.rescheduleConfirmTitle')}
        busy={busy}
        error={sheetError}
        cancelLabel={t('appointments.confirm.cancel')}
        submitLabel={t('appointments.detail.rescheduleSubmit')}
        submittingLabel={t('appointments.detail.rescheduleSubmitting')}
        onClose={() => {
          if (!isBusy()) setChosen(null);
        }}
        onConfirm={() => void confirm()}
        testId="reschedule-sheet"
        errorTestId="reschedule-sheet-error"
        submitTestId="reschedule-submit"
      >
        {chosen && (
          <dl className="case-facts" data-testid="reschedule-facts">
            <div>
              <dt>{t('appointments.detail.rescheduleFrom')}</dt>
              <dd>
                <When x={a} /> {a.place}
              </dd>
            </div>
            <div>
              <dt>{t('appointments.detail.rescheduleTo')}</dt>
              <dd data-testid="reschedule-to">
                <When x={chosen} /> {chosen.place}
              </dd>
            </div>
            <div>
              <dt>{t('appointments.confirm.address')}</dt>
              <dd>{chosen.address}</dd>
            </div>
          </dl>
        )}
      </ConfirmSheet>
    </section>
  );
}
