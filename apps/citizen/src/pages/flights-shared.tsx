import type { Flight } from '@yss/contracts';
import { useLocale } from '../i18n/localize';

/** 08:00 of an ISO time with the China offset (as the airline wrote it, whatever the phone's zone). */
export const hm = (iso: string | null) => (iso ? iso.slice(11, 16) : '--:--');
/** 11月28日 */
export const monthDay = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The China date `days` from today. */
export function chinaDay(days: number, now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const STATUS_TONE: Record<Flight['status'], string> = {
  scheduled: 'plain',
  'check-in': 'ok',
  boarding: 'ok',
  departed: 'plain',
  delayed: 'warn',
  cancelled: 'bad',
  arrived: 'plain',
};

export function FlightStatusTag({ flight }: { flight: Flight }) {
  return (
    <span className={`flight-status flight-status-${STATUS_TONE[flight.status]}`} data-testid="flight-status">
      {flight.statusLabel}
    </span>
  );
}

/** One flight: number, airline, the two ends with planned and expected times, terminal, counters, gate, belt. */
export function FlightCard({ flight, children }: { flight: Flight; children?: React.ReactNode }) {
  const { t, isEn } = useLocale();
  // The day with the planned time: a booking list holds flights of several days, and an overnight flight lands
  // on the next one.
  const day = (iso: string) => (isEn ? iso.slice(5, 10) : monthDay(iso));
  return (
    <article
      className="card flight-card"
      data-testid="flight-card"
      aria-label={`${flight.flightNo} ${flight.statusLabel}`}
    >
      <header className="flight-card-head">
        <h3 className="flight-no">
          {flight.flightNo} <span className="flight-airline">{flight.airline.name}</span>
        </h3>
        <FlightStatusTag flight={flight} />
      </header>
      <div className="flight-ends">
        <div>
          <p className="flight-time">{hm(flight.estimatedDeparture ?? flight.scheduledDeparture)}</p>
          <p className="flight-place">
            {flight.from.name} {flight.departureTerminal}
          </p>
          <p className="field-help">
            {t('flights.scheduled')} {day(flight.scheduledDeparture)} {hm(flight.scheduledDeparture)}{' '}
            {t('flights.departs')}
          </p>
        </div>
        <span className="flight-arrow" aria-hidden="true">
          →
        </span>
        <div>
          <p className="flight-time">{hm(flight.estimatedArrival ?? flight.scheduledArrival)}</p>
          <p className="flight-place">
            {flight.to.name} {flight.arrivalTerminal}
          </p>
          <p className="field-help">
            {t('flights.scheduled')} {day(flight.scheduledArrival)} {hm(flight.scheduledArrival)} {t('flights.arrives')}
          </p>
        </div>
      </div>
      {flight.delayMinutes > 0 && flight.status !== 'cancelled' && (
        <p className="flight-delay" data-testid="flight-delay">
          {t('flights.delay', { minutes: flight.delayMinutes })}
        </p>
      )}
      {flight.status === 'cancelled' ? (
        <p className="field-error">{t('flights.cancelled')}</p>
      ) : (
        <dl className="flight-facts">
          <div>
            <dt>{t('flights.counters')}</dt>
            <dd data-testid="flight-counters">{flight.checkInCounters ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('flights.gate')}</dt>
            <dd data-testid="flight-gate">{flight.gate ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('flights.aircraft')}</dt>
            <dd>{flight.aircraft}</dd>
          </div>
          {flight.baggageBelt && (
            <div>
              <dt>{t('flights.belt')}</dt>
              <dd>{flight.baggageBelt}</dd>
            </div>
          )}
        </dl>
      )}
      {children}
    </article>
  );
}
