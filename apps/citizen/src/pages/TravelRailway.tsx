import type { RailStation } from '@yss/contracts';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { travelApi } from '../api/travel';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { EmptyState } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { Answer, DateSelect, initialDate, SearchForm, Source, TrainRow, TravelSelect } from './travel-shared';
import './cases.css';
import './coach.css';

/** 12306 sells 15 days: today and the next 14 are offered. */
const DATES = 15;

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
  // grouped by city, city codes first (all the city's stations)
  const cities = [...new Map(stations.map((s) => [s.city.code, s.city.name])).entries()];
  return (
    <TravelSelect
      label={label}
      value={value}
      onChange={onChange}
      testId={testId}
      error={error}
      className="field coach-city"
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
    </TravelSelect>
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
  const [date, setDate] = useState(initialDate(initial.get('date'), DATES));
  const [error, setError] = useState<string | undefined>();
  const [query, setQuery] = useState<{ from: string; to: string; date: string } | null>(
    initial.get('from') && initial.get('to') ? { from, to, date } : null,
  );
  const trains = useApi(query ? `travel-trains-${query.from}-${query.to}-${query.date}` : null, (signal) =>
    travelApi.trains(query as { from: string; to: string; date: string }, { signal }),
  );
  return (
    <>
      <SearchForm
        testId="trains-form"
        submitTestId="trains-submit"
        onSearch={() => {
          if (from === to) return setError(t('travel.railway.sameStation'));
          setError(undefined);
          setQuery({ from, to, date });
        }}
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
        <DateSelect value={date} onChange={setDate} testId="rail-date" days={DATES} />
      </SearchForm>
      {query && (
        <Answer state={trains}>
          {(found) =>
            found.trains.length === 0 ? (
              <div data-testid="trains-empty">
                <EmptyState title={t('travel.railway.empty')} description={t('travel.railway.emptyDesc')} />
              </div>
            ) : (
              <section data-testid="trains-result">
                <p role="status">{t('travel.railway.count', { count: found.trains.length })}</p>
                <ul className="case-list">
                  {found.trains.map((train) => (
                    <TrainRow key={train.number} train={train} />
                  ))}
                </ul>
                <Source source={found.source} />
              </section>
            )
          }
        </Answer>
      )}
    </>
  );
}

function ByNumber({ initial }: { initial: URLSearchParams }) {
  const { t } = useLocale();
  const [number, setNumber] = useState(initial.get('number') ?? '');
  const [date, setDate] = useState(initialDate(initial.get('date'), DATES));
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
      <SearchForm
        testId="train-form"
        submitTestId="train-submit"
        onSearch={() => {
          const n = number.trim().toUpperCase();
          if (!n) return setError(t('travel.railway.numberRequired'));
          setError(undefined);
          setQuery({ number: n, date });
        }}
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
        <DateSelect value={date} onChange={setDate} testId="rail-number-date" days={DATES} />
      </SearchForm>
      {query && (
        // an unknown train (404) or a bad number (400) will not be found by asking again
        <Answer state={detail} canRetry={(e) => e.status >= 500 || e.status === 0}>
          {(train) => (
            <section className="card" data-testid="train-detail">
              <h2 className="section-title">
                {train.number} <span className="travel-status">{train.statusText}</span>
              </h2>
              <h3 className="field-label">{t('travel.railway.stops')}</h3>
              <ol className="case-list">
                {train.stops.map((s) => (
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
              <Source source={train.source} />
            </section>
          )}
        </Answer>
      )}
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
        {t('travel.railway.ticketNote')}
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
      ) : (
        <Answer state={stations} rows={2}>
          {(list) => <ByStation stations={list} initial={params} />}
        </Answer>
      )}
    </Page>
  );
}
