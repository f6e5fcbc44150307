import { RAILWAY_TICKET_NOTE, type RailStation } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { travelApi } from '../api/travel';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { formatSlotDate } from '../lib/appointments';
import { nextDates, Source, TrainRow } from './travel-shared';
import './cases.css';
import './coach.css';

const DATES = 15;
const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

function StationSelect({
  label,
  value,
  onChange,
  stations,
  testId,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  stations: RailStation[];
  testId: string;
  error?: string;
}) {
  const id = useId();
  // grouped by city, city codes first (all the city's stations)
  const cities = [...new Map(stations.map((s) => [s.city.code, s.city.name])).entries()];
  return (
    <div className="field coach-city">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select
        id={id}
        className="coach-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      >
        {cities.map(([code, name]) => (
          <optgroup key={code} label={name}>
            {stations
              .filter((s) => s.city.code === code)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function DateSelect({ value, onChange, testId }: { value: string; onChange: (v: string) => void; testId: string }) {
  const { t, lang } = useLocale();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t('travel.common.date')}
      </label>
      <select
        id={id}
        className="coach-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        {nextDates(DATES).map((d, i) => (
          <option key={d} value={d}>
            {formatSlotDate(d, lang)}
            {i === 0 ? `（${t('travel.common.today')}）` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

/** From a city code (a trip's link) to that city's first station. */
function stationOf(value: string | null, stations: RailStation[], fallback: string): string {
  if (!value) return fallback;
  if (stations.some((s) => s.id === value)) return value;
  return stations.find((s) => s.city.code === value)?.id ?? fallback;
}

function ByStation({ stations, initial }: { stations: RailStation[]; initial: URLSearchParams }) {
  const { t } = useLocale();
  const [from, setFrom] = useState(stationOf(initial.get('from'), stations, 'guangzhounan'));
  const [to, setTo] = useState(stationOf(initial.get('to'), stations, 'shenzhenbei'));
  const d = initial.get('date');
  const [date, setDate] = useState(isDate(d) && nextDates(DATES).includes(d) ? d : (nextDates(1)[0] as string));
  const [error, setError] = useState<string | undefined>();
  const [query, setQuery] = useState<{ from: string; to: string; date: string } | null>(
    initial.get('from') && initial.get('to') ? { from, to, date } : null,
  );
  const trains = useApi(query ? `travel-trains-${query.from}-${query.to}-${query.date}` : null, (signal) =>
    travelApi.trains(query as { from: string; to: string; date: string }, { signal }),
  );
  return (
    <>
      <form
        className="card coach-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (from === to) return setError(t('travel.railway.sameStation'));
          setError(undefined);
          setQuery({ from, to, date });
        }}
        data-testid="trains-form"
      >
        <div className="coach-cities">
          <StationSelect
            label={t('travel.railway.from')}
            value={from}
            onChange={setFrom}
            stations={stations}
            testId="rail-from"
          />
          <StationSelect
            label={t('travel.railway.to')}
            value={to}
            onChange={(v) => {
              setTo(v);
              setError(undefined);
            }}
            stations={stations}
            testId="rail-to"
            error={error}
          />
        </div>
        <DateSelect value={date} onChange={setDate} testId="rail-date" />
        <Button block color="primary" size="large" type="submit" data-testid="trains-submit">
          {t('travel.common.search')}
        </Button>
      </form>
      {query &&
        (trains.error ? (
          <ErrorState problem={trains.error} onRetry={trains.reload} title={t('travel.common.loadFailed')} />
        ) : !trains.data ? (
          <ListSkeleton rows={3} />
        ) : trains.data.trains.length === 0 ? (
          <div data-testid="trains-empty">
            <EmptyState title={t('travel.railway.empty')} description={t('travel.railway.emptyDesc')} />
          </div>
        ) : (
          <section data-testid="trains-result">
            <p role="status">{t('travel.railway.count', { count: trains.data.trains.length })}</p>
            <ul className="case-list">
              {trains.data.trains.map((train) => (
                <TrainRow key={train.number} train={train} />
              ))}
            </ul>
            <Source source={trains.data.source} />
          </section>
        ))}
    </>
  );
}

function ByNumber({ initial }: { initial: URLSearchParams }) {
  const { t } = useLocale();
  const d = initial.get('date');
  const [number, setNumber] = useState(initial.get('number') ?? '');
  const [date, setDate] = useState(isDate(d) && nextDates(DATES).includes(d) ? d : (nextDates(1)[0] as string));
  const [error, setError] = useState<string | undefined>();
  const [query, setQuery] = useState<{ number: string; date: string } | null>(
    initial.get('number') ? { number: initial.get('number') as string, date } : null,
  );
  const numberId = useId();
  const detail = useApi(query ? `travel-train-${query.number}-${query.date}` : null, (signal) =>
    travelApi.train(query?.number ?? '', query?.date ?? '', { signal }),
  );
  return (
    <>
      <form
        className="card coach-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const n = number.trim().toUpperCase();
          if (!n) return setError(t('travel.railway.numberRequired'));
          setError(undefined);
          setQuery({ number: n, date });
        }}
        data-testid="train-form"
      >
        <div className="field">
          <label htmlFor={numberId} className="field-label">
            {t('travel.railway.number')}
          </label>
          <input
            id={numberId}
            className="travel-input"
            value={number}
            maxLength={8}
            placeholder={t('travel.trips.trainPlaceholder')}
            onChange={(e) => {
              setNumber(e.target.value);
              setError(undefined);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${numberId}-error` : undefined}
            data-testid="rail-number"
          />
          {error && (
            <p id={`${numberId}-error`} className="field-error" role="alert" data-testid="rail-number-error">
              {error}
            </p>
          )}
        </div>
        <DateSelect value={date} onChange={setDate} testId="rail-number-date" />
        <Button block color="primary" size="large" type="submit" data-testid="train-submit">
          {t('travel.common.search')}
        </Button>
      </form>
      {query &&
        (detail.error ? (
          <ErrorState
            problem={detail.error}
            onRetry={detail.error.status >= 500 || detail.error.status === 0 ? detail.reload : undefined}
            title={t('travel.common.loadFailed')}
          />
        ) : !detail.data ? (
          <ListSkeleton rows={3} />
        ) : (
          <section className="card" data-testid="train-detail">
            <h2 className="section-title">
              {detail.data.number} <span className="travel-status">{detail.data.statusText}</span>
            </h2>
            <h3 className="field-label">{t('travel.railway.stops')}</h3>
            <ol className="case-list">
              {detail.data.stops.map((s) => (
                <li key={s.station.id} className="travel-row" data-testid="train-stop">
                  <strong>{s.station.name}</strong>
                  <span>
                    {s.arrives && t('travel.railway.arrives', { time: s.arrives })}
                    {s.arrives && s.departs ? ' · ' : ''}
                    {s.departs && t('travel.railway.departs', { time: s.departs })}
                  </span>
                  {s.gate && <span className="field-help">{t('travel.railway.gate', { gate: s.gate })}</span>}
                </li>
              ))}
            </ol>
            <Source source={detail.data.source} />
          </section>
        ))}
    </>
  );
}

/** 铁路信息 (D5): trains between stations on a date, or one train's stops — information only (tickets: 12306). */
export default function TravelRailway() {
  const [params] = useSearchParams();
  // a train's number (a link in the list, a trip) changes the address: start again from it
  return <Railway key={params.toString()} params={params} />;
}

function Railway({ params }: { params: URLSearchParams }) {
  const { t } = useLocale();
  const [view, setView] = useState<'station' | 'number'>(params.get('number') ? 'number' : 'station');
  const stations = useApi('travel-stations', (signal) => travelApi.stations({ signal }));
  return (
    <Page title={t('travel.railway.title')}>
      <p className="page-intro">{t('travel.railway.intro')}</p>
      <p className="field-help" data-testid="railway-note">
        {RAILWAY_TICKET_NOTE}
      </p>
      <Segmented
        label={t('travel.railway.title')}
        options={['station', 'number'] as const}
        value={view}
        onChange={setView}
        testId={(v) => `railway-view-${v}`}
        text={(v) => t(v === 'station' ? 'travel.railway.byStation' : 'travel.railway.byNumber')}
      />
      {view === 'number' ? (
        <ByNumber initial={params} />
      ) : stations.error ? (
        <ErrorState problem={stations.error} onRetry={stations.reload} title={t('travel.common.loadFailed')} />
      ) : !stations.data ? (
        <ListSkeleton rows={2} />
      ) : (
        <ByStation stations={stations.data} initial={params} />
      )}
    </Page>
  );
}
