import {
  APPOINTMENT_SUBJECT_KINDS,
  type Appointment,
  type AppointmentServiceSpec,
  type AppointmentSubject,
  type AvailableSlot,
  type AvailableSlots,
  findAppointmentService,
  type ServiceDetail,
  STATUTORY_HOLIDAYS,
  type WorkCalendarDay,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import NoticeBar from 'antd-mobile/es/components/notice-bar';
import Result from 'antd-mobile/es/components/result';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { appointmentsApi } from '../api/appointments';
import { type ApiProblem, isApiProblem } from '../api/client';
import { api } from '../api/endpoints';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { type ActingChoice, ForWhom } from '../components/ForWhom';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useBookingHolidays } from '../hooks/use-booking-holidays';
import { useIdempotentSubmit } from '../hooks/use-idempotent-submit';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import {
  formatSlotDate,
  formatWhen,
  formatWindow,
  isUpcoming,
  pickDate,
  SLOT_GONE_CODES,
  slotDates,
  slotPlaces,
} from '../lib/appointments';
import { errorText, fieldErrorsOf } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { AppointmentNumber, NoticeList, SubjectFact, useNotice, VisitFacts, When } from './appointments-shared';
import { SubjectPicker } from './BookSubject';
import { HomeVisitFields } from './BookVisit';
import './cases.css';
import './appointments.css';

const serviceLink = (serviceId: string) => `/services/${encodeURIComponent(serviceId)}`;
const mineLink = (serviceId: string) => `/appointments?service=${encodeURIComponent(serviceId)}`;

/** The city does not offer the service (or takes no bookings there): the catalog's words and a way back. */
function NotInCity({ serviceId, reason }: { serviceId: string; reason: string }) {
  const { t } = useLocale();
  const navigate = useNavigate();
  return (
    <section className="card case-not-offered" data-testid="book-not-offered">
      <Result status="warning" title={t('appointments.notInCityTitle')} description={reason} />
      <p className="field-help">{t('appointments.notInCityHint')}</p>
      <div className="case-actions">
        <Button block color="primary" size="large" onClick={() => navigate(serviceLink(serviceId), { replace: true })}>
          {t('appointments.backToService')}
        </Button>
      </div>
    </section>
  );
}

/** 预约成功: 预约号 (copyable), when and where, what to bring, and where to go next. */
function Booked({ appointment }: { appointment: Appointment }) {
  const { t } = useLocale();
  const notice = useNotice(appointment.serviceId, appointment.notice);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card case-result" data-testid="book-done" ref={ref} tabIndex={-1}>
      <Result
        status="success"
        title={t('appointments.result.title')}
        // a home visit comes to the citizen: wait at the address instead of going anywhere
        description={t(appointment.visit ? 'appointments.result.descVisit' : 'appointments.result.desc')}
      />
      <dl className="case-facts">
        <div>
          <dt>{t('appointments.result.number')}</dt>
          <dd>
            <AppointmentNumber value={appointment.appointmentNumber} />
          </dd>
        </div>
        <SubjectFact appointment={appointment} testId="done-subject" />
        <VisitFacts appointment={appointment} testId="done-visit" />
        <div>
          <dt>{t('appointments.result.time')}</dt>
          <dd data-testid="done-time">
            <When x={appointment} />
          </dd>
        </div>
        <div>
          <dt>{t('appointments.result.place')}</dt>
          <dd data-testid="done-place">{appointment.place}</dd>
        </div>
        <div>
          <dt>{t('appointments.result.address')}</dt>
          <dd>{appointment.address}</dd>
        </div>
      </dl>
      <h2 className="case-subheading">{t('appointments.result.bring')}</h2>
      <NoticeList items={notice} testId="done-notice" />
      <div className="case-actions">
        <Link
          to="/appointments"
          replace
          className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default state-link"
          data-testid="view-mine"
        >
          {t('appointments.result.viewMine')}
        </Link>
        <Link
          to="/"
          className="adm-button adm-button-default adm-button-block adm-button-large adm-button-shape-default"
        >
          {t('appointments.result.home')}
        </Link>
      </div>
    </section>
  );
}

const HOLIDAY_EN = new Map<string, string>(STATUTORY_HOLIDAYS.map((h) => [h.name, h.nameEn]));

/**
 * The dates that have slots, as a row that scrolls sideways; 已约满 on a day without places left. A holiday of the
 * 工作日历 without slots sits among them as closed, with its name (国庆节休息), not just missing.
 */
export function DatePicker({
  slots,
  closed = [],
  active,
  onPick,
}: {
  slots: AvailableSlot[];
  /** Holidays of the booking window to show as closed (`useBookingHolidays`: 预约 and 改约). */
  closed?: readonly WorkCalendarDay[];
  active: string | null;
  onPick: (date: string) => void;
}) {
  const { t, lang, pick } = useLocale();
  const days = slotDates(slots);
  const shown = [
    ...days.map((d) => ({ date: d.date, day: d, closed: undefined })),
    ...closed
      .filter((c) => !days.some((d) => d.date === c.date))
      .map((c) => ({ date: c.date, day: undefined, closed: c })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <fieldset className="appt-dates" data-testid="date-picker">
      <legend className="visually-hidden">{t('appointments.pick.dates')}</legend>
      {shown.map(({ date, day: d, closed: c }) => {
        if (!d) {
          const label = formatSlotDate(date, lang);
          const name = c?.holidayName ?? '';
          const state = t('appointments.pick.closed', { name: pick(name, HOLIDAY_EN.get(name)) });
          return (
            <button
              key={date}
              type="button"
              className="appt-date"
              disabled
              aria-label={t('appointments.pick.dateLabel', { date: label, state })}
              data-date={date}
              data-closed="true"
              data-testid="closed-date"
            >
              <span className="appt-date-day">{label}</span>
              <span className="appt-date-state">{state}</span>
            </button>
          );
        }
        const label = formatSlotDate(d.date, lang);
        const state = d.remaining > 0 ? t('appointments.pick.available') : t('appointments.pick.full');
        return (
          <button
            key={d.date}
            type="button"
            className="appt-date"
            aria-pressed={d.date === active}
            aria-label={t('appointments.pick.dateLabel', { date: label, state })}
            data-date={d.date}
            data-full={d.remaining > 0 ? undefined : 'true'}
            data-testid="slot-date"
            onClick={() => onPick(d.date)}
          >
            <span className="appt-date-day">{label}</span>
            <span className="appt-date-state">{state}</span>
          </button>
        );
      })}
    </fieldset>
  );
}

/** The windows of one day, by place (place and address), each with 余 N or 已约满 (not choosable). */
export function TimePicker({
  slots,
  chosen,
  onPick,
}: {
  slots: AvailableSlot[];
  chosen: string | null;
  onPick: (slot: AvailableSlot) => void;
}) {
  const { t } = useLocale();
  const id = useId();
  return (
    <div className="appt-places" data-testid="time-picker">
      {slotPlaces(slots).map((p, i) => (
        <section
          key={`${p.place}-${p.address}`}
          className="card appt-place"
          aria-labelledby={`${id}-${i}`}
          data-testid="slot-place"
        >
          <h3 id={`${id}-${i}`} className="appt-place-name">
            <Icon name="building" /> {p.place}
          </h3>
          <p className="appt-place-address">{t('appointments.pick.address', { address: p.address })}</p>
          <fieldset className="appt-times">
            <legend className="visually-hidden">{t('appointments.pick.times')}</legend>
            {p.slots.map((s) => {
              const full = s.remaining <= 0;
              const state = full
                ? t('appointments.pick.full')
                : t('appointments.pick.remaining', { count: s.remaining });
              return (
                <button
                  key={s.id}
                  type="button"
                  className="appt-time"
                  disabled={full}
                  aria-pressed={chosen === s.id}
                  aria-label={t('appointments.pick.timeLabel', { time: formatWindow(s), state })}
                  data-slot-id={s.id}
                  data-testid="slot-time"
                  onClick={() => onPick(s)}
                >
                  <span className="appt-time-window">{formatWindow(s)}</span>
                  <span className="appt-time-state">{state}</span>
                </button>
              );
            })}
          </fieldset>
        </section>
      ))}
    </div>
  );
}

type PageError = { text: string; exists?: boolean };

/** The notice, then a date and a window; the confirm sheet books it (one submissionId per confirm attempt). */
export function BookFlow({
  spec,
  service,
  existing,
  acting,
}: {
  spec: AppointmentServiceSpec;
  service: Pick<ServiceDetail, 'name' | 'nameEn'>;
  /** The citizen's upcoming appointment of this service, if any (a hint, not a block: the server decides). */
  existing: Appointment | undefined;
  /** 为他人办理: the delegation's principal is booked (absent or delegationId null: the citizen). */
  acting?: ActingChoice;
}) {
  const { t, pick, name, lang } = useLocale();
  const auth = useAuth();
  const { city, cityInfo } = usePreferences();
  const problemText = useProblemText();
  const [slots, setSlots] = useState<AvailableSlots | undefined>(undefined);
  const [slotsProblem, setSlotsProblem] = useState<ApiProblem | null>(null);
  /** 工作日历: the holidays of the booking window (closed days in the date picker); none if it cannot be read. */
  const holidays = useBookingHolidays(spec.bookingWindowDays);
  const [wantedDate, setWantedDate] = useState<string | null>(null);
  const [chosen, setChosen] = useState<AvailableSlot | null>(null);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [pageError, setPageError] = useState<PageError | null>(null);
  const [done, setDone] = useState<Appointment | null>(null);
  /** 选择车辆 (年审预约): the record the booking is for, where the service asks. */
  const [subject, setSubject] = useState<AppointmentSubject | null>(null);
  /** 上门服务 (开锁): where to come and whom to call, asked in the confirm sheet. */
  const [visit, setVisit] = useState({ address: '', phone: '' });
  const [visitErrors, setVisitErrors] = useState<Partial<Record<'address' | 'phone', string>>>({});
  const forId = acting?.delegationId ?? null;
  /** The confirm attempt: one submissionId per chosen slot while a retry may still be needed, no double submit. */
  const { busy, isBusy, submit } = useIdempotentSubmit();
  const loadSeq = useRef(0);
  const pageErrorRef = useRef<HTMLDivElement>(null);
  const sheetTitleId = useId();

  const loadSlots = useCallback(async () => {
    const seq = ++loadSeq.current;
    setSlotsProblem(null);
    try {
      const data = await appointmentsApi.slots(spec.serviceId, city);
      if (seq === loadSeq.current) setSlots(data);
    } catch (e) {
      if (seq !== loadSeq.current) return;
      setSlots(undefined);
      if (isApiProblem(e)) setSlotsProblem(e);
    }
  }, [spec.serviceId, city]);

  useEffect(() => {
    setSlots(undefined);
    void loadSlots();
  }, [loadSlots]);

  useEffect(() => {
    if (pageError) pageErrorRef.current?.focus();
  }, [pageError]);

  // the sheet takes the focus when it opens (ConfirmSheet); closing gives it back to the window that opened it
  const lastChosen = useRef<string | null>(null);
  useEffect(() => {
    if (chosen) {
      lastChosen.current = chosen.id;
    } else if (lastChosen.current) {
      const id = lastChosen.current;
      lastChosen.current = null;
      document.querySelector<HTMLButtonElement>(`[data-slot-id="${id}"]:not(:disabled)`)?.focus();
    }
  }, [chosen]);

  const open = (slot: AvailableSlot) => {
    setChosen(slot);
    setSheetError(null);
  };

  const close = () => {
    if (isBusy()) return;
    setChosen(null);
    setSheetError(null);
  };

  const confirm = async () => {
    if (!chosen || isBusy()) return;
    setSheetError(null);
    setVisitErrors({});
    // one submissionId per slot and record: choosing another vehicle (or another address) is another booking
    const attempt = `${chosen.id}:${subject?.id ?? ''}:${spec.homeVisit ? `${visit.address}:${visit.phone}` : ''}`;
    const subjectId = spec.subject ? subject?.id : undefined;
    const homeVisit = spec.homeVisit ? visit : undefined;
    await submit(
      attempt,
      (submissionId) => appointmentsApi.book({ slotId: chosen.id, submissionId, subjectId, visit: homeVisit }, forId),
      {
        onDone: (appointment) => {
          setChosen(null);
          setDone(appointment);
          window.scrollTo?.(0, 0);
        },
        onError: (e) => setSheetError(errorText(e, t)),
        onProblem: (e) => {
          if (SLOT_GONE_CODES.includes(e.code)) {
            // the window was taken or stopped meanwhile: say so, show the slots as they are now, on the same day
            setChosen(null);
            setPageError({ text: problemText(e) });
            void loadSlots();
          } else if (e.code === 'APPOINTMENT_EXISTS') {
            setChosen(null);
            setPageError({ text: problemText(e), exists: true });
          } else if (spec.homeVisit && Object.keys(fieldErrorsOf(e, ['address', 'phone'] as const)).length > 0) {
            // the address or the phone: said under the field itself
            setVisitErrors(fieldErrorsOf(e, ['address', 'phone'] as const));
          } else {
            setSheetError(problemText(e));
          }
        },
      },
    );
  };

  if (done) return <Booked appointment={done} />;

  const notInCity = slotsProblem && ['SERVICE_NOT_IN_CITY', 'APPOINTMENT_NOT_OFFERED'].includes(slotsProblem.code);
  const days = slots ? slotDates(slots.slots) : [];
  const active = pickDate(days, wantedDate);
  const day = days.find((d) => d.date === active);
  const own = auth.account?.realName ?? null;
  const realName =
    forId && acting ? { nameMasked: acting.nameMasked, idNumberMasked: acting.idNumberMasked ?? '—' } : own;

  return (
    <div className="appt-book">
      <section className="card case-notice" data-testid="book-notice">
        <h2 className="case-subheading">{t('appointments.noticeTitle')}</h2>
        <NoticeList items={pick(spec.notice, spec.noticeEn)} />
      </section>

      {existing && (
        <NoticeBar
          color="info"
          wrap
          data-testid="book-existing"
          content={
            <span>
              {existing.subjectLabel
                ? t('appointments.existingVehicle', {
                    when: formatWhen(existing, lang),
                    subject: existing.subjectLabel,
                  })
                : t('appointments.existing', { when: formatWhen(existing, lang) })}{' '}
              <Link to={`/appointments/${encodeURIComponent(existing.id)}`}>{t('appointments.viewExisting')}</Link>
            </span>
          }
        />
      )}

      {pageError && (
        <div
          className="form-error appt-page-error"
          role="alert"
          tabIndex={-1}
          ref={pageErrorRef}
          data-testid="book-error"
        >
          <span>{pageError.text}</span>
          {pageError.exists && (
            <>
              {' '}
              <Link to={mineLink(spec.serviceId)} data-testid="book-error-mine">
                {t('appointments.confirm.viewMine')}
              </Link>
            </>
          )}
        </div>
      )}

      {spec.subject && (
        <SubjectPicker
          serviceId={spec.serviceId}
          kind={spec.subject}
          forId={forId}
          chosen={subject}
          onChoose={(s) => {
            setSubject(s);
            setPageError(null);
          }}
        />
      )}

      <section className="appt-pick" aria-labelledby={`${sheetTitleId}-pick`}>
        <div className="appt-pick-head">
          <h2 id={`${sheetTitleId}-pick`} className="case-step-title appt-pick-title">
            {t('appointments.pick.title')}
          </h2>
          <span className="appt-pick-city">{t('appointments.pick.city', { city: name(cityInfo) })}</span>
        </div>

        {notInCity ? (
          <NotInCity serviceId={spec.serviceId} reason={problemText(slotsProblem)} />
        ) : spec.subject && !subject ? (
          <p className="field-help appt-subject-first" data-testid="book-subject-first">
            {t('appointments.subject.pickFirst', {
              label: pick(
                APPOINTMENT_SUBJECT_KINDS[spec.subject].label,
                APPOINTMENT_SUBJECT_KINDS[spec.subject].labelEn,
              ),
            })}
          </p>
        ) : slotsProblem ? (
          <ErrorState
            problem={slotsProblem}
            onRetry={() => void loadSlots()}
            title={t('appointments.pick.loadFailed')}
          />
        ) : !slots ? (
          <ListSkeleton rows={3} />
        ) : days.length === 0 ? (
          <div data-testid="book-empty">
            <EmptyState
              title={t('appointments.pick.empty')}
              description={t('appointments.pick.emptyDesc')}
              action={
                <div className="case-actions appt-empty-actions">
                  <Button color="primary" fill="outline" onClick={() => void loadSlots()}>
                    {t('appointments.pick.reload')}
                  </Button>
                  <Link to={serviceLink(spec.serviceId)} className="state-link">
                    <Icon name="left" /> {t('appointments.backToService')}
                  </Link>
                </div>
              }
            />
          </div>
        ) : (
          <>
            <DatePicker
              slots={slots.slots}
              closed={holidays}
              active={active}
              onPick={(date) => {
                setWantedDate(date);
                setPageError(null);
              }}
            />
            {day && day.remaining === 0 && (
              <p className="field-help appt-day-full" data-testid="day-full">
                {t('appointments.pick.dayFull')}
              </p>
            )}
            {day && <TimePicker slots={day.slots} chosen={chosen?.id ?? null} onPick={open} />}
          </>
        )}
      </section>

      <ConfirmSheet
        open={chosen !== null}
        title={t('appointments.confirm.title')}
        busy={busy}
        error={sheetError}
        cancelLabel={t('appointments.confirm.cancel')}
        submitLabel={t('appointments.confirm.submit')}
        submittingLabel={t('appointments.confirm.submitting')}
        onClose={close}
        onConfirm={() => void confirm()}
        testId="confirm-sheet"
        errorTestId="confirm-error"
        submitTestId="confirm-submit"
      >
        {chosen && (
          <>
            <dl className="case-facts" data-testid="confirm-facts">
              <div>
                <dt>{t('appointments.confirm.service')}</dt>
                <dd>{pick(service.name, service.nameEn)}</dd>
              </div>
              {spec.subject && subject && (
                <div>
                  <dt>
                    {pick(
                      APPOINTMENT_SUBJECT_KINDS[spec.subject].label,
                      APPOINTMENT_SUBJECT_KINDS[spec.subject].labelEn,
                    )}
                  </dt>
                  <dd data-testid="confirm-subject">{subject.label}</dd>
                </div>
              )}
              <div>
                <dt>{t('appointments.confirm.city')}</dt>
                <dd>{name(cityInfo)}</dd>
              </div>
              <div>
                <dt>{t('appointments.confirm.place')}</dt>
                <dd>{chosen.place}</dd>
              </div>
              <div>
                <dt>{t('appointments.confirm.address')}</dt>
                <dd>{chosen.address}</dd>
              </div>
              <div>
                <dt>{t('appointments.confirm.time')}</dt>
                <dd data-testid="confirm-time">
                  <When x={chosen} />
                </dd>
              </div>
              <div>
                <dt>{t('appointments.confirm.applicant')}</dt>
                <dd data-testid="confirm-applicant">{realName?.nameMasked ?? t('me.noRealName')}</dd>
              </div>
              {realName && (
                <div>
                  <dt>{t('appointments.confirm.applicantId')}</dt>
                  <dd>{realName.idNumberMasked}</dd>
                </div>
              )}
            </dl>
            {spec.homeVisit && (
              <HomeVisitFields
                value={visit}
                cityName={name(cityInfo)}
                errors={visitErrors}
                onChange={(next) => {
                  setVisit(next);
                  setVisitErrors({});
                }}
              />
            )}
            <p className="field-help">
              {forId ? t('forOthers.applicantOtherBook') : t('appointments.confirm.applicantNote')}
            </p>
          </>
        )}
      </ConfirmSheet>
    </div>
  );
}

/** The fresh verification personal pages ask for (loading the citizen's appointments of this service), then the picker. */
function VerifiedBook({ spec, service }: { spec: AppointmentServiceSpec; service: ServiceDetail }) {
  const { pick } = useLocale();
  const mine = useVerifiedLoad(() => appointmentsApi.list(spec.serviceId), [spec.serviceId]);
  if (mine.problem) return <ErrorState problem={mine.problem} onRetry={mine.reload} />;
  if (!mine.data) return <ListSkeleton rows={4} />;
  const upcoming = mine.data
    .filter((a) => a.serviceId === spec.serviceId && isUpcoming(a))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  // 为谁预约 (本人或为他人办理 services), then 是否可以预约 for that person: a refusal replaces the slot picker.
  return (
    <>
      {/* the header says 在线预约: the service's name above 为谁预约, the picker, or a refusal */}
      <p className="appt-service-name" data-testid="book-service">
        {pick(service.name, service.nameEn)}
      </p>
      <ForWhom serviceId={spec.serviceId} whoMayAct={service.whoMayAct} kind="book" check={appointmentsApi.eligibility}>
        {(acting) => (
          <BookFlow
            key={acting.delegationId ?? 'self'}
            spec={spec}
            service={service}
            existing={upcoming.find((a) => isFor(a, acting))}
            acting={acting}
          />
        )}
      </ForWhom>
    </>
  );
}

/** Whether a booking in 我的预约 is the chosen person's (their own, or made by the caller for them). */
function isFor(a: Appointment, acting: ActingChoice): boolean {
  if (acting.delegationId === null) return a.onBehalf === null || a.onBehalf.role === 'principal';
  return a.onBehalf?.role === 'agent' && a.onBehalf.otherNameMasked === acting.nameMasked;
}

/** Before the picker: the service offered in the chosen city, a verified real name. */
function BookGate({ spec }: { spec: AppointmentServiceSpec }) {
  const { t, pick } = useLocale();
  const { city } = usePreferences();
  const auth = useAuth();
  const service = useApi(`service:${spec.serviceId}:${city}`, (signal) =>
    api.service(spec.serviceId, city, { signal }),
  );
  if (service.error) return <ErrorState problem={service.error} onRetry={service.reload} />;
  if (!service.data) return <ListSkeleton rows={4} />;
  const s = service.data;
  if (!s.available) {
    const reason = pick(s.unavailableReason ?? '', s.unavailableReasonEn) || t('common.unavailable');
    return <NotInCity serviceId={spec.serviceId} reason={reason} />;
  }
  if (auth.account && !auth.account.realName) {
    return (
      <section className="card" data-testid="book-need-real-name">
        <Result status="info" title={t('appointments.needRealName')} description={t('realName.reason')} />
        <Link to="/me/real-name" className="state-link">
          {t('appointments.needRealNameAction')}
        </Link>
      </section>
    );
  }
  return <VerifiedBook spec={spec} service={s} />;
}

/** /book/:serviceId — 在线预约 of a service in APPOINTMENT_SERVICES. */
export default function Book() {
  const { serviceId = '' } = useParams();
  const { t } = useLocale();
  const spec = findAppointmentService(serviceId);
  if (!spec) {
    return (
      <Page title={t('appointments.bookOnline')}>
        <EmptyState
          title={t('appointments.notOffered')}
          description={t('appointments.notOfferedDesc')}
          action={
            <Link to={serviceLink(serviceId)} className="state-link">
              <Icon name="left" /> {t('appointments.backToService')}
            </Link>
          }
        />
      </Page>
    );
  }
  return (
    <Page title={t('appointments.bookOnline')}>
      <RequireAuth>
        <BookGate spec={spec} />
      </RequireAuth>
    </Page>
  );
}
