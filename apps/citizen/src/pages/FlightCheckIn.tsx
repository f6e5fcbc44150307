import type { FlightBooking, SeatMap } from '@yss/contracts';
import Dialog from 'antd-mobile/es/components/dialog';
import Toast from 'antd-mobile/es/components/toast';
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { flightsApi } from '../api/flights';
import { Page } from '../components/Page';
import { QrSvg } from '../components/QrSvg';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { FlightCard, hm, monthDay } from './flights-shared';
import './cases.css';
import './flights.css';

type Step =
  | { kind: 'list' }
  | { kind: 'seats'; booking: FlightBooking }
  | { kind: 'confirm'; booking: FlightBooking; seat: string }
  | { kind: 'pass'; booking: FlightBooking };

const when = (iso: string) => `${monthDay(iso)} ${hm(iso)}`;

function BookingCard({
  booking,
  onChoose,
  onPass,
  onCancel,
  busy,
}: {
  booking: FlightBooking;
  onChoose: () => void;
  onPass: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const { t } = useLocale();
  const { window: w, checkIn } = booking;
  return (
    <FlightCard flight={booking.flight}>
      <dl className="flight-facts" data-testid="booking-facts">
        <div>
          <dt>{t('flights.checkIn.passenger')}</dt>
          <dd data-testid="booking-passenger">{booking.passengerNameMasked}</dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.idNumber')}</dt>
          <dd data-testid="booking-id">{booking.idNumberMasked}</dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.ticket')}</dt>
          <dd>{booking.ticketNumber}</dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.cabin')}</dt>
          <dd>{booking.cabin}</dd>
        </div>
      </dl>
      {checkIn ? (
        <div className="flight-actions">
          <p className="flight-ok" data-testid="booking-checked-in">
            {t('flights.checkIn.checkedIn', { seat: checkIn.seat })}
          </p>
          <button
            type="button"
            className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default"
            onClick={onPass}
            data-testid="booking-pass"
          >
            {t('flights.checkIn.showPass')}
          </button>
          {w.state === 'open' && (
            <button
              type="button"
              className="link-button"
              onClick={onCancel}
              disabled={busy}
              data-testid="booking-cancel"
            >
              {t('flights.checkIn.cancel')}
            </button>
          )}
        </div>
      ) : w.state === 'open' ? (
        <div className="flight-actions">
          <p className="field-help">{t('flights.checkIn.open', { time: when(w.closesAt) })}</p>
          <button
            type="button"
            className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default"
            onClick={onChoose}
            data-testid="booking-choose"
          >
            {t('flights.checkIn.choose')}
          </button>
        </div>
      ) : (
        <p className="field-help" data-testid="booking-window">
          {w.state === 'not-yet'
            ? t('flights.checkIn.opensAt', { time: when(w.opensAt) })
            : t('flights.checkIn.closedNote')}
        </p>
      )}
    </FlightCard>
  );
}

function SeatPicker({
  booking,
  onBack,
  onNext,
  notice,
}: {
  booking: FlightBooking;
  onBack: () => void;
  onNext: (seat: string) => void;
  notice: string | null;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const headingId = useId();
  const [map, setMap] = useState<SeatMap | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry
  useEffect(() => {
    let live = true;
    setMap(null);
    setProblem(null);
    auth
      .withVerification(() => flightsApi.seats(booking.ticketNumber))
      .then(
        (m) => live && setMap(m),
        (e) => {
          if (!live || isVerificationCancelled(e)) return;
          if (isApiProblem(e)) setProblem(e);
        },
      );
    return () => {
      live = false;
    };
  }, [booking.ticketNumber, attempt]);

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 className="section-title" id={headingId}>
        {t('flights.checkIn.seatsTitle')}
      </h2>
      {notice && (
        <p className="field-error" role="alert" data-testid="seat-notice">
          {notice}
        </p>
      )}
      {problem && <ErrorState problem={problem} onRetry={() => setAttempt((n) => n + 1)} />}
      {!map && !problem && <ListSkeleton rows={5} />}
      {map && (
        <>
          <p className="field-help">
            {t('flights.checkIn.seatsIntro', { flight: booking.flight.flightNo, aircraft: map.aircraft })}
          </p>
          <ul className="seat-legend" aria-label={t('flights.checkIn.seatsTitle')}>
            {(['free', 'taken', 'exit', 'premium', 'chosen'] as const).map((k) => (
              <li key={k}>
                <span className={`seat seat-${k}`} aria-hidden="true" /> {t(`flights.checkIn.legend.${k}`)}
              </li>
            ))}
          </ul>
          <div className="seat-map" data-testid="seat-map">
            {map.rows.map((r) => (
              <Fragment key={r.row}>
                {/* on its own line above the row: beside six seats it ran past a phone's screen */}
                {r.exit && <div className="seat-exit-mark">{t('flights.checkIn.exitRow')}</div>}
                <div className="seat-row">
                  <span className="seat-row-no" aria-hidden="true">
                    {r.row}
                  </span>
                  {r.seats.map((s, i) => {
                    const selectable = s.state === 'free';
                    const isChosen = chosen === s.seat;
                    return (
                      <span key={s.seat} className={i === Math.floor(r.seats.length / 2) ? 'seat-aisle' : undefined}>
                        <button
                          type="button"
                          className={`seat seat-${isChosen ? 'chosen' : s.state}`}
                          disabled={!selectable}
                          aria-pressed={selectable ? isChosen : undefined}
                          aria-label={`${t('flights.checkIn.seatLabel', { seat: s.seat })}，${t(`flights.checkIn.seatStates.${s.state}`)}`}
                          onClick={() => setChosen(s.seat)}
                          data-testid={`seat-${s.seat}`}
                        >
                          {s.seat.replace(/^\d+/, '')}
                        </button>
                      </span>
                    );
                  })}
                </div>
              </Fragment>
            ))}
          </div>
        </>
      )}
      <p className="field-help" aria-live="polite" data-testid="seat-chosen">
        {chosen ? t('flights.checkIn.chosenSeat', { seat: chosen }) : t('flights.checkIn.noSeatChosen')}
      </p>
      <div className="flight-actions">
        <button
          type="button"
          className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default"
          disabled={!chosen}
          onClick={() => chosen && onNext(chosen)}
          data-testid="seat-next"
        >
          {t('flights.checkIn.next')}
        </button>
        <button type="button" className="link-button" onClick={onBack} data-testid="seat-back">
          {t('flights.checkIn.backToList')}
        </button>
      </div>
    </section>
  );
}

function Confirm({
  booking,
  seat,
  onBack,
  onDone,
  onSeatTaken,
}: {
  booking: FlightBooking;
  seat: string;
  onBack: () => void;
  onDone: (b: FlightBooking) => void;
  onSeatTaken: (message: string) => void;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const f = booking.flight;
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const done = await auth.withVerification(() => flightsApi.checkIn(booking.ticketNumber, { seat }));
      Toast.show({ content: t('flights.checkIn.successToast') });
      onDone(done);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (isApiProblem(e) && e.code === 'FLIGHT_SEAT_TAKEN') onSeatTaken(errorText(e, t));
      else setProblem(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 className="section-title" id={headingId}>
        {t('flights.checkIn.confirmTitle')}
      </h2>
      <dl className="flight-facts">
        <div>
          <dt>{t('flights.flightNo')}</dt>
          <dd>{f.flightNo}</dd>
        </div>
        <div>
          <dt>{t('flights.date')}</dt>
          <dd>{monthDay(f.scheduledDeparture)}</dd>
        </div>
        <div>
          <dt>{t('flights.departs')}</dt>
          <dd>
            {f.from.city} {hm(f.scheduledDeparture)}
          </dd>
        </div>
        <div>
          <dt>{t('flights.arrives')}</dt>
          <dd>
            {f.to.city} {hm(f.scheduledArrival)}
          </dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.passenger')}</dt>
          <dd>{booking.passengerNameMasked}</dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.seat')}</dt>
          <dd data-testid="confirm-seat">{seat}</dd>
        </div>
      </dl>
      {problem && (
        <p className="field-error" role="alert" data-testid="confirm-problem">
          {problem}
        </p>
      )}
      <div className="flight-actions">
        <button
          type="button"
          className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default"
          onClick={confirm}
          disabled={busy}
          data-testid="confirm-check-in"
        >
          {t('flights.checkIn.confirm')}
        </button>
        <button type="button" className="link-button" onClick={onBack} data-testid="confirm-back">
          {t('flights.checkIn.back')}
        </button>
      </div>
    </section>
  );
}

export function BoardingPassView({ booking, onBack }: { booking: FlightBooking; onBack: () => void }) {
  const { t } = useLocale();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const pass = booking.checkIn?.boardingPass;
  if (!pass) return null;
  return (
    <section
      className="card boarding-pass"
      data-testid="boarding-pass"
      ref={ref}
      tabIndex={-1}
      aria-label={t('flights.checkIn.passTitle')}
    >
      <h2 className="section-title">{t('flights.checkIn.passTitle')}</h2>
      <p className="boarding-route">
        <strong>{pass.from.city}</strong> {pass.from.code} → <strong>{pass.to.city}</strong> {pass.to.code}
      </p>
      <QrSvg text={pass.qr} label={t('flights.checkIn.passQr')} className="boarding-qr" testId="boarding-qr" />
      <dl className="flight-facts">
        <div>
          <dt>{t('flights.checkIn.passenger')}</dt>
          <dd>{pass.passengerNameMasked}</dd>
        </div>
        <div>
          <dt>{t('flights.flightNo')}</dt>
          <dd>{pass.flightNo}</dd>
        </div>
        <div>
          <dt>{t('flights.date')}</dt>
          <dd>{monthDay(pass.departureTime)}</dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.seat')}</dt>
          <dd className="boarding-big" data-testid="pass-seat">
            {pass.seat}
          </dd>
        </div>
        <div>
          <dt>{t('flights.gate')}</dt>
          <dd className="boarding-big" data-testid="pass-gate">
            {pass.gate ?? '—'}
          </dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.boardingTime')}</dt>
          <dd className="boarding-big" data-testid="pass-boarding">
            {hm(pass.boardingTime)}
          </dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.departureTime')}</dt>
          <dd>{hm(pass.departureTime)}</dd>
        </div>
        <div>
          <dt>{t('flights.terminal')}</dt>
          <dd>{pass.departureTerminal}</dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.sequence')}</dt>
          <dd>{pass.sequence}</dd>
        </div>
        <div>
          <dt>{t('flights.checkIn.cabin')}</dt>
          <dd>{pass.cabin}</dd>
        </div>
      </dl>
      <p className="field-help">{t('flights.checkIn.passNote')}</p>
      <button type="button" className="link-button" onClick={onBack} data-testid="pass-back">
        {t('flights.checkIn.backToList')}
      </button>
    </section>
  );
}

function CheckInFlow() {
  const { t } = useLocale();
  const auth = useAuth();
  const rulesId = useId();
  const { data, problem, reload, setData } = useVerifiedLoad(() => flightsApi.bookings(), []);
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const [seatNotice, setSeatNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const replace = (b: FlightBooking) =>
    data && setData({ ...data, bookings: data.bookings.map((x) => (x.ticketNumber === b.ticketNumber ? b : x)) });

  const cancel = async (b: FlightBooking) => {
    const ok = await Dialog.confirm({
      content: t('flights.checkIn.cancelConfirm'),
      confirmText: t('flights.checkIn.cancel'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    setBusy(true);
    try {
      replace(await auth.withVerification(() => flightsApi.cancelCheckIn(b.ticketNumber)));
      Toast.show({ content: t('flights.checkIn.cancelled') });
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };

  if (step.kind === 'seats')
    return (
      <SeatPicker
        booking={step.booking}
        notice={seatNotice}
        onBack={() => setStep({ kind: 'list' })}
        onNext={(seat) => {
          setSeatNotice(null);
          setStep({ kind: 'confirm', booking: step.booking, seat });
        }}
      />
    );
  if (step.kind === 'confirm')
    return (
      <Confirm
        booking={step.booking}
        seat={step.seat}
        onBack={() => setStep({ kind: 'seats', booking: step.booking })}
        onSeatTaken={(message) => {
          setSeatNotice(message);
          setStep({ kind: 'seats', booking: step.booking });
        }}
        onDone={(b) => {
          replace(b);
          setStep({ kind: 'pass', booking: b });
        }}
      />
    );
  if (step.kind === 'pass') return <BoardingPassView booking={step.booking} onBack={() => setStep({ kind: 'list' })} />;

  return (
    <>
      <p className="page-intro">{t('flights.checkIn.intro')}</p>
      {problem && <ErrorState problem={problem} title={t('flights.checkIn.loadFailed')} onRetry={reload} />}
      {!data && !problem && <ListSkeleton rows={4} />}
      {data &&
        (data.bookings.length === 0 ? (
          <EmptyState title={t('flights.checkIn.empty')} description={t('flights.checkIn.emptyDesc')} />
        ) : (
          <div data-testid="flight-bookings">
            {data.bookings.map((b) => (
              <BookingCard
                key={b.ticketNumber}
                booking={b}
                busy={busy}
                onChoose={() => {
                  setSeatNotice(null);
                  setStep({ kind: 'seats', booking: b });
                }}
                onPass={() => setStep({ kind: 'pass', booking: b })}
                onCancel={() => void cancel(b)}
              />
            ))}
          </div>
        ))}
      {data && (
        <section className="card" aria-labelledby={rulesId}>
          <h2 className="section-title" id={rulesId}>
            {t('flights.checkIn.rulesTitle')}
          </h2>
          <ol className="flight-rules" data-testid="flight-rules">
            {/* the API's rules (data.rules) are the Chinese of these keys; the page says them in the UI language */}
            {(['opens', 'once', 'exitRow', 'gate'] as const).map((k) => (
              <li key={k}>{t(`flights.checkIn.rules.${k}`)}</li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/** 航班在线值机 (D5): my tickets → seat → confirm → electronic boarding pass. The passenger's own, verified. */
export default function FlightCheckIn() {
  const { t } = useLocale();
  return (
    <Page title={t('flights.checkIn.title')}>
      <RequireAuth>
        <CheckInFlow />
      </RequireAuth>
    </Page>
  );
}
