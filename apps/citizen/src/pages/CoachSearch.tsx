import { CITIES, type CoachDeparture, formatFen } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { formatSlotDate } from '../lib/appointments';
import { orderLink, type SaleState, saleDates, saleState, searchFromParams } from '../lib/coach';
import { usePreferences } from '../state/preferences';
import { CoachNotice, useDepartures, useDurationText } from './coach-shared';
import './cases.css';
import './appointments.css';
import './coach.css';

type Query = { from: string; to: string; date: string };

function cityName(code: string, isEn: boolean): string {
  const c = CITIES.find((x) => x.code === code);
  return c ? (isEn ? c.nameEn : c.name) : code;
}

/** One departure: time, 出发站 → 到达站, duration, 车型, price and what can be bought (a link while on sale). */
function DepartureRow({ d, query }: { d: CoachDeparture; query: Query }) {
  const { t } = useLocale();
  const duration = useDurationText();
  const state: SaleState = saleState(d);
  const stateText =
    state === 'on-sale'
      ? t('coach.search.seatsLeft', { count: d.seatsLeft })
      : state === 'sold-out'
        ? t('coach.search.soldOut')
        : t('coach.search.stopped');
  const body = (
    <>
      <span className="coach-row-main">
        <span className="coach-row-time">{d.time}</span>
        <span className="coach-row-route">
          <span>{d.fromStation.name}</span>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden">{t('coach.search.toWord')}</span>
          <span>{d.toStationName}</span>
        </span>
        <span className="coach-row-price">{formatFen(d.priceFen)}</span>
      </span>
      <span className="coach-row-meta">
        <span>{duration(d.durationMinutes)}</span>
        <span>{d.coachType}</span>
        <span>{t('coach.search.run', { run: d.runNumber })}</span>
        <span className={`coach-row-state coach-state-${state}`} data-testid="departure-state">
          {stateText}
        </span>
      </span>
    </>
  );
  return (
    <li>
      {state === 'on-sale' ? (
        <Link
          to={orderLink(query, d.id)}
          className="card coach-row"
          data-testid="departure"
          data-state={state}
          data-departure-id={d.id}
        >
          {body}
        </Link>
      ) : (
        <div
          className="card coach-row coach-row-off"
          data-testid="departure"
          data-state={state}
          data-departure-id={d.id}
        >
          {body}
        </div>
      )}
    </li>
  );
}

function Results({ query }: { query: Query }) {
  const { t, lang, isEn } = useLocale();
  const result = useDepartures(query);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const date = formatSlotDate(query.date, lang);
  const from = result.data?.fromCityName && !isEn ? result.data.fromCityName : cityName(query.from, isEn);
  const to = result.data?.toCityName && !isEn ? result.data.toCityName : cityName(query.to, isEn);
  return (
    <section className="coach-results" aria-labelledby={id} data-testid="coach-results">
      <h2 id={id} ref={headingRef} tabIndex={-1} className="case-step-title">
        {t('coach.search.resultsTitle')}
      </h2>
      {result.error ? (
        <ErrorState problem={result.error} onRetry={result.reload} title={t('coach.search.loadFailed')} />
      ) : !result.data ? (
        <ListSkeleton rows={4} />
      ) : result.data.departures.length === 0 ? (
        <div data-testid="coach-empty">
          <EmptyState title={t('coach.search.empty')} description={t('coach.search.emptyDesc', { date, from, to })} />
        </div>
      ) : (
        <>
          <p className="coach-summary" role="status" data-testid="coach-summary">
            {t('coach.search.resultsSummary', { from, to, date, count: result.data.departures.length })}
          </p>
          <ul className="case-list coach-list" aria-label={t('coach.search.resultsTitle')}>
            {[...result.data.departures]
              .sort((a, b) => a.departsAt.localeCompare(b.departsAt))
              .map((d) => (
                <DepartureRow key={d.id} d={d} query={query} />
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The search form: 出发城市 (the current city first), 到达城市, 日期 (today … +9 days; 今天/明天/后天), 查询. */
function SearchForm({ initial, onSearch }: { initial: Query; onSearch: (q: Query) => void }) {
  const { t, lang, isEn } = useLocale();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [date, setDate] = useState(initial.date);
  const [error, setError] = useState<{ field: 'to'; text: string } | null>(null);
  const dates = saleDates();
  const fromId = useId();
  const toId = useId();
  const dateId = useId();
  const toRef = useRef<HTMLSelectElement>(null);

  const submit = () => {
    if (!to) {
      setError({ field: 'to', text: t('coach.search.toRequired') });
      toRef.current?.focus();
      return;
    }
    if (to === from) {
      setError({ field: 'to', text: t('coach.search.sameCity') });
      toRef.current?.focus();
      return;
    }
    setError(null);
    onSearch({ from, to, date });
  };

  const quick = [t('coach.search.today'), t('coach.search.tomorrow'), t('coach.search.dayAfter')];
  const options = CITIES.map((c) => (
    <option key={c.code} value={c.code}>
      {isEn ? c.nameEn : c.name}
    </option>
  ));

  return (
    <form
      className="card coach-form"
      noValidate
      aria-label={t('coach.search.title')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="coach-search-form"
    >
      <div className="coach-cities">
        <div className="field coach-city">
          <label htmlFor={fromId} className="field-label">
            {t('coach.search.from')}
          </label>
          <select
            id={fromId}
            className="coach-select"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              setError(null);
            }}
            data-testid="coach-from"
          >
            {options}
          </select>
        </div>
        <button
          type="button"
          className="coach-swap"
          aria-label={t('coach.search.swap')}
          disabled={!to}
          onClick={() => {
            setFrom(to);
            setTo(from);
            setError(null);
          }}
          data-testid="coach-swap"
        >
          <span aria-hidden="true">⇄</span>
        </button>
        <div className="field coach-city">
          <label htmlFor={toId} className="field-label">
            {t('coach.search.to')}
          </label>
          <select
            id={toId}
            ref={toRef}
            className="coach-select"
            value={to}
            aria-invalid={error?.field === 'to' ? true : undefined}
            aria-describedby={error?.field === 'to' ? `${toId}-error` : undefined}
            onChange={(e) => {
              setTo(e.target.value);
              setError(null);
            }}
            data-testid="coach-to"
          >
            <option value="">{t('coach.search.toPlaceholder')}</option>
            {options}
          </select>
        </div>
      </div>
      {error && (
        <p id={`${toId}-error`} className="field-error" role="alert" data-testid="coach-search-error">
          {error.text}
        </p>
      )}
      <div className="field">
        <label htmlFor={dateId} className="field-label">
          {t('coach.search.date')}
        </label>
        <fieldset className="segmented coach-quick" aria-label={t('coach.search.quickDates')}>
          {quick.map((label, i) => (
            <button
              key={label}
              type="button"
              className={`segmented-item${date === dates[i] ? ' active' : ''}`}
              aria-pressed={date === dates[i]}
              onClick={() => setDate(dates[i] as string)}
              data-testid={`coach-date-quick-${i}`}
            >
              {label}
            </button>
          ))}
        </fieldset>
        <select
          id={dateId}
          className="coach-select"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          data-testid="coach-date"
        >
          {dates.map((d, i) => (
            <option key={d} value={d}>
              {formatSlotDate(d, lang)}
              {i < 3 ? `（${quick[i]}）` : ''}
            </option>
          ))}
        </select>
      </div>
      <Button block color="primary" size="large" type="submit" data-testid="coach-search-submit">
        {t('coach.search.submit')}
      </Button>
    </form>
  );
}

/** /coach 长途车购票: 购票查询 (the query lives in the URL, so going back shows the same results), the 购票须知. */
export default function CoachSearch() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const [params, setParams] = useSearchParams();
  const initial = searchFromParams(params, city);
  const searched = Boolean(params.get('to')) && initial.to !== initial.from;
  const [formKey, setFormKey] = useState(0);
  // 查询 again with the same query asks again (seats change)
  const [searchSeq, setSearchSeq] = useState(0);

  // the form starts from the URL; a changed URL (back/forward) starts it again
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-seed the form when the URL query changes
  useEffect(() => setFormKey((k) => k + 1), [params.toString()]);

  return (
    <Page
      title={t('coach.title')}
      right={
        <Link to="/coach/orders" className="coach-nav-link" data-testid="coach-my-tickets">
          {t('coach.myTickets')}
        </Link>
      }
    >
      <p className="page-intro">{t('coach.intro')}</p>
      <SearchForm
        key={`form-${formKey}`}
        initial={initial}
        onSearch={(q) => {
          setSearchSeq((n) => n + 1);
          setParams({ from: q.from, to: q.to, date: q.date }, { replace: true });
        }}
      />
      {searched && <Results key={`results-${searchSeq}`} query={initial} />}
      <CoachNotice />
      <p className="problem-actions">
        <Link to="/coach/orders" className="state-link">
          <Icon name="receipt" /> {t('coach.myTickets')}
        </Link>
      </p>
    </Page>
  );
}
