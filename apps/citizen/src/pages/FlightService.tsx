import { type Airport, type Flight, type FlightBoard, GD_AIRPORT_CODES } from '@yss/contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ApiProblem, isApiProblem } from '../api/client';
import { flightsApi } from '../api/flights';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { useLocale } from '../i18n/localize';
import { chinaDay, FlightCard, FlightStatusTag, hm } from './flights-shared';
import './cases.css';
import './flights.css';

type Mode = 'flight' | 'airport';
const DAY_OFFSETS = [-1, 0, 1, 2] as const;
const DAY_KEYS = { '-1': 'yesterday', '0': 'today', '1': 'tomorrow', '2': 'dayAfter' } as const;

function DatePick({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const { t } = useLocale();
  return (
    <Segmented
      label={t('flights.date')}
      options={DAY_OFFSETS}
      value={value}
      onChange={onChange}
      testId={(d) => `flight-date-${d}`}
      text={(d) => t(`flights.dates.${DAY_KEYS[String(d) as keyof typeof DAY_KEYS]}`)}
    />
  );
}

/** 交通指引: how to reach the airport (metro, intercity rail, airport bus, taxi, car), its address and phone. */
export function AirportGuide({ airport }: { airport: Airport }) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="airport-guide">
      <h2 className="section-title" id={headingId}>
        {t('flights.guideOf', { airport: airport.name })}
      </h2>
      <dl className="flight-facts">
        <div>
          <dt>{t('flights.address')}</dt>
          <dd>{airport.address}</dd>
        </div>
        <div>
          <dt>{t('flights.phone')}</dt>
          <dd>
            <a href={`tel:${airport.phone}`}>{airport.phone}</a>
          </dd>
        </div>
        <div>
          <dt>{t('flights.terminals')}</dt>
          <dd>{airport.terminals.join('、')}</dd>
        </div>
      </dl>
      <ul className="guide-list">
        {airport.guide.map((g) => (
          <li key={g.title} className="guide-item">
            <span className={`guide-mode guide-mode-${g.mode}`}>{t(`flights.guideModes.${g.mode}`)}</span>
            <strong>{g.title}</strong>
            <p className="field-help">{g.detail}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FlightSearch({
  initialFlight,
  initialDate,
  onGuide,
}: {
  initialFlight: string;
  initialDate: string | undefined;
  onGuide: (code: string) => void;
}) {
  const { t } = useLocale();
  const [, setParams] = useSearchParams();
  const [flightNo, setFlightNo] = useState(initialFlight);
  const [days, setDays] = useState<number>(() => DAY_OFFSETS.find((d) => chinaDay(d) === initialDate) ?? 0);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [flight, setFlight] = useState<Flight | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const search = useCallback(async (no: string, date: string) => {
    setBusy(true);
    setProblem(null);
    setFlight(null);
    try {
      setFlight(await flightsApi.status(no, date));
    } catch (e) {
      if (isApiProblem(e)) {
        const field = e.errors.find((x) => x.path.endsWith('flightNo'));
        if (field) setError(field.message);
        else setProblem(e);
      }
    } finally {
      setBusy(false);
    }
  }, []);

  // ?flight=CZ3101 (from a trip) opens that flight's status at once
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page opens
  useEffect(() => {
    if (initialFlight) void search(initialFlight, initialDate ?? chinaDay(0));
  }, []);

  const submit = () => {
    const no = flightNo.replace(/\s+/g, '').toUpperCase();
    if (!no) {
      setError(t('flights.flightNoRequired'));
      return;
    }
    setParams({ flight: no }, { replace: true });
    void search(no, chinaDay(days));
  };

  return (
    <>
      <section className="card">
        <SubmitForm onSubmit={submit} busy={busy} submitText={t('flights.search')} submitTestId="flight-search">
          <FormField
            label={t('flights.flightNo')}
            testId="flight-no"
            value={flightNo}
            onChange={(v) => {
              setFlightNo(v);
              setError(undefined);
            }}
            placeholder={t('flights.flightNoPlaceholder')}
            maxLength={8}
            autoCapitalize="characters"
            required
            error={error}
            errorTestId="flight-no-error"
          />
          <div className="field">
            <span className="field-label">{t('flights.date')}</span>
            <DatePick value={days} onChange={setDays} />
          </div>
        </SubmitForm>
      </section>
      {busy && <ListSkeleton rows={3} />}
      {problem && <ErrorState problem={problem} title={t('flights.loadFailed')} onRetry={submit} />}
      {flight && (
        <FlightCard flight={flight}>
          {(GD_AIRPORT_CODES as readonly string[]).includes(flight.from.code) && (
            <button
              type="button"
              className="link-button"
              onClick={() => onGuide(flight.from.code)}
              data-testid="flight-guide-link"
            >
              {t('flights.showGuide', { airport: flight.from.name })}
            </button>
          )}
        </FlightCard>
      )}
    </>
  );
}

function AirportBoard({ airport, onAirport }: { airport: string; onAirport: (code: string) => void }) {
  const { t } = useLocale();
  const selectId = useId();
  const [airports, setAirports] = useState<Airport[] | null>(null);
  const [direction, setDirection] = useState<'departures' | 'arrivals'>('departures');
  const [days, setDays] = useState(0);
  const [board, setBoard] = useState<FlightBoard | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    flightsApi.airports({ signal: ac.signal }).then(
      (r) => setAirports(r.airports),
      (e) => isApiProblem(e) && !ac.signal.aborted && setProblem(e),
    );
    return () => ac.abort();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry
  useEffect(() => {
    const ac = new AbortController();
    setBoard(null);
    setProblem(null);
    flightsApi.board(airport, direction, chinaDay(days), { signal: ac.signal }).then(setBoard, (e) => {
      if (isApiProblem(e) && !ac.signal.aborted) setProblem(e);
    });
    return () => ac.abort();
  }, [airport, direction, days, attempt]);

  const current = airports?.find((a) => a.code === airport) ?? board?.airport;
  return (
    <>
      <section className="card">
        <div className="field">
          <label className="field-label" htmlFor={selectId}>
            {t('flights.airport')}
          </label>
          <select
            id={selectId}
            className="flight-select"
            value={airport}
            onChange={(e) => onAirport(e.target.value)}
            data-testid="flight-airport"
          >
            {(airports ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}（{a.code}）
              </option>
            ))}
            {!airports && <option value={airport}>{airport}</option>}
          </select>
        </div>
        <Segmented
          label={t('flights.direction')}
          options={['departures', 'arrivals'] as const}
          value={direction}
          onChange={setDirection}
          testId={(d) => `flight-direction-${d}`}
          text={(d) => t(`flights.directions.${d}`)}
        />
        <DatePick value={days} onChange={setDays} />
      </section>
      {current && <AirportGuide airport={current} />}
      {problem && (
        <ErrorState problem={problem} title={t('flights.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />
      )}
      {!board && !problem && <ListSkeleton rows={4} />}
      {board &&
        (board.flights.length === 0 ? (
          <EmptyState title={t('flights.noFlights')} />
        ) : (
          <section className="card" aria-label={t(`flights.directions.${board.direction}`)}>
            <ul className="flight-board" data-testid="flight-board">
              {board.flights.map((f) => (
                <li key={f.id} className="flight-board-row">
                  <span className="flight-time">
                    {hm(direction === 'departures' ? f.scheduledDeparture : f.scheduledArrival)}
                  </span>
                  <span className="flight-board-main">
                    <strong>{f.flightNo}</strong> {direction === 'departures' ? `→ ${f.to.city}` : `${f.from.city} →`}
                    <span className="field-help">
                      {' '}
                      {direction === 'departures'
                        ? `${f.departureTerminal} ${t('flights.gate')} ${f.gate ?? '—'}`
                        : f.arrivalTerminal}
                    </span>
                  </span>
                  <FlightStatusTag flight={f} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}

/**
 * 航班服务 (D5): flight status by number and date (`?flight=CZ3101` opens it at once: a trip's link), and an
 * airport's departures and arrivals with its 交通指引. Anyone may look; 在线值机 is one tap away.
 */
export default function FlightService() {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const initialFlight = (params.get('flight') ?? '').replace(/\s+/g, '').toUpperCase().slice(0, 8);
  const airport = params.get('airport') ?? '';
  // ?flight=CZ3101&date=2026-11-28 (a trip's flight on its day); today when none
  const date = params.get('date') ?? '';
  const initialDate = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;
  const [mode, setMode] = useState<Mode>(airport && !initialFlight ? 'airport' : 'flight');
  const [airportCode, setAirportCode] = useState(
    (GD_AIRPORT_CODES as readonly string[]).includes(airport) ? airport : 'CAN',
  );
  const showAirport = (code: string) => {
    setAirportCode(code);
    setMode('airport');
    setParams({ airport: code }, { replace: true });
  };
  return (
    <Page title={t('flights.title')}>
      <p className="page-intro">{t('flights.intro')}</p>
      <Segmented
        label={t('flights.modeLabel')}
        options={['flight', 'airport'] as const}
        value={mode}
        onChange={setMode}
        testId={(m) => `flight-mode-${m}`}
        text={(m) => t(`flights.modes.${m}`)}
      />
      {mode === 'flight' ? (
        <FlightSearch initialFlight={initialFlight} initialDate={initialDate} onGuide={showAirport} />
      ) : (
        <AirportBoard airport={airportCode} onAirport={showAirport} />
      )}
      <Link to="/travel/flights/check-in" className="card flight-checkin-link" data-testid="flight-checkin-link">
        <strong>{t('flights.checkInLink')}</strong>
        <span className="field-help">{t('flights.checkInLinkDesc')}</span>
      </Link>
      <p className="source-note">{t('flights.source')}</p>
    </Page>
  );
}
