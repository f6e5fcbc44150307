import {
  CITIES,
  type ExpresswayEvent,
  type RailTrain,
  WARNING_LEVEL_NAMES,
  type WeatherDay,
  type WeatherWarning,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';
import type { ApiProblem } from '../api/client';
import { ErrorState, ListSkeleton } from '../components/States';
import type { ApiState } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { formatSlotDate } from '../lib/appointments';
import './travel.css';

/** HH:MM China time of an instant (the phone's own zone does not matter). */
export function chinaClock(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** 11月28日 09:30 China time. */
export function chinaDateTime(iso: string, lang: string): string {
  const local = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  const [, m, d] = local.slice(0, 10).split('-').map(Number);
  return lang === 'en' ? `${d}/${m} ${local.slice(11, 16)}` : `${m}月${d}日 ${local.slice(11, 16)}`;
}

export function useCityName() {
  const { isEn } = useLocale();
  return (code: string, fallback?: string) => {
    const c = CITIES.find((x) => x.code === code);
    return c ? (isEn ? c.nameEn : c.name) : (fallback ?? code);
  };
}

/**
 * A labelled <select>, with its error under it: the one shape of every choice on the travel pages (city, station,
 * road, date), so that they are labelled and report errors alike.
 */
export function TravelSelect({
  label,
  value,
  onChange,
  testId,
  error,
  className = 'field',
  children,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  error?: string | undefined;
  /** The wrapper's class (`field coach-city` for the two halves of a from–to pair). */
  className?: string;
  /** The options. */
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className={className}>
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
        {children}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The 21 cities as options, in the page's language. */
export function CityOptions() {
  const { isEn } = useLocale();
  return CITIES.map((c) => (
    <option key={c.code} value={c.code}>
      {isEn ? c.nameEn : c.name}
    </option>
  ));
}

/** A labelled <select> of the 21 cities (optionally with an empty first choice). */
export function CitySelect({
  label,
  value,
  onChange,
  testId,
  placeholder,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  placeholder?: string;
  error?: string;
}) {
  return (
    <TravelSelect
      label={label}
      value={value}
      onChange={onChange}
      testId={testId}
      error={error}
      className="field coach-city"
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      <CityOptions />
    </TravelSelect>
  );
}

/** 日期: China today (marked 今天) and the following dates, `days` in all (each service's own window). */
export function DateSelect({
  value,
  onChange,
  testId,
  days,
}: {
  value: string;
  onChange: (v: string) => void;
  testId: string;
  days: number;
}) {
  const { t, lang } = useLocale();
  return (
    <TravelSelect label={t('travel.common.date')} value={value} onChange={onChange} testId={testId}>
      {nextDates(days).map((d, i) => (
        <option key={d} value={d}>
          {formatSlotDate(d, lang)}
          {i === 0 ? `（${t('travel.common.today')}）` : ''}
        </option>
      ))}
    </TravelSelect>
  );
}

/**
 * A search form of the travel pages (its fields, then the full-width 查询 button): checked by `onSearch` on submit
 * without the browser's own validation, so that the errors are the page's words.
 */
export function SearchForm({
  testId,
  submitTestId,
  onSearch,
  children,
}: {
  testId: string;
  submitTestId: string;
  onSearch: () => void;
  children: ReactNode;
}) {
  const { t } = useLocale();
  return (
    <form
      className="card coach-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
      data-testid={testId}
    >
      {children}
      <Button block color="primary" size="large" type="submit" data-testid={submitTestId}>
        {t('travel.common.search')}
      </Button>
    </form>
  );
}

/**
 * What a travel query answered, the same way on every list: the server's message on error (with 重试 unless
 * `canRetry` says a retry cannot help), a skeleton while it loads, else `children` of the data.
 */
export function Answer<T>({
  state,
  rows = 3,
  canRetry = () => true,
  children,
}: {
  state: ApiState<T>;
  rows?: number;
  canRetry?: (error: ApiProblem) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { t } = useLocale();
  if (state.error) {
    return (
      <ErrorState
        problem={state.error}
        onRetry={canRetry(state.error) ? state.reload : undefined}
        title={t('travel.common.loadFailed')}
      />
    );
  }
  if (state.data === undefined) return <ListSkeleton rows={rows} />;
  return children(state.data);
}

/** A warning signal: the colour is named in words too (never colour alone). */
export function WarningBadge({ w }: { w: WeatherWarning }) {
  return (
    <p className={`travel-warning travel-warning-${w.level}`} data-testid="weather-warning">
      <strong>
        {w.type}
        {WARNING_LEVEL_NAMES[w.level]}预警
      </strong>
      <span className="travel-warning-title">{w.title}</span>
      <span className="field-help">{w.advice}</span>
    </p>
  );
}

/** One day's forecast. */
export function WeatherCard({ day, heading }: { day: WeatherDay; heading?: string }) {
  const { t, lang } = useLocale();
  return (
    <li className="travel-day" data-testid="weather-day" data-date={day.date}>
      <strong className="travel-day-date">{heading ?? formatSlotDate(day.date, lang)}</strong>
      <span className="travel-day-weather">{day.weather}</span>
      <span>
        {t('travel.weather.low', { value: day.low })} / {t('travel.weather.high', { value: day.high })}
      </span>
      <span className="field-help">
        {t('travel.weather.rain', { value: day.rainChance })} ·{' '}
        {t('travel.weather.wind', { direction: day.windDirection, level: day.windLevel })}
      </span>
      {day.warnings.map((w) => (
        <WarningBadge key={w.id} w={w} />
      ))}
    </li>
  );
}

/** One expressway event. */
export function EventItem({ e }: { e: ExpresswayEvent }) {
  const { t, lang } = useLocale();
  return (
    <li className={`card travel-event travel-event-${e.kind}`} data-testid="expressway-event" data-kind={e.kind}>
      <p className="travel-event-head">
        <span className={`travel-kind travel-kind-${e.kind}`}>{e.kindName}</span>
        <strong>
          {e.roadCode} {e.roadName}
        </strong>
        <span className={`travel-status travel-status-${e.status}`}>{t(`travel.expressway.status.${e.status}`)}</span>
      </p>
      <p>
        {e.section} · {e.direction} · {e.location}
      </p>
      <p>{e.description}</p>
      {e.lengthKm !== null && <p>{t('travel.expressway.length', { km: e.lengthKm })}</p>}
      <p className="field-help">
        {t('travel.expressway.time', { start: chinaDateTime(e.startsAt, lang) })} ·{' '}
        {e.expectedEndAt
          ? t('travel.expressway.end', { end: chinaDateTime(e.expectedEndAt, lang) })
          : t('travel.expressway.endUnknown')}
      </p>
    </li>
  );
}

export function Source({ source }: { source: string }) {
  const { t } = useLocale();
  return (
    <p className="source-note" data-testid="source-note">
      {t('travel.common.source', { source })}
    </p>
  );
}

/** A date a link asked for (`?date=`) if it is within the first `days` dates, else China today. */
export function initialDate(asked: string | null, days: number): string {
  return asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) && nextDates(days).includes(asked)
    ? asked
    : (nextDates(1)[0] as string);
}

/** China today and the next n-1 dates. */
export function nextDates(n: number, now: number = Date.now()): string[] {
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );
}

export function useDuration() {
  const { t } = useLocale();
  return (minutes: number) =>
    minutes >= 60
      ? t('travel.railway.duration', { h: Math.floor(minutes / 60), m: minutes % 60 })
      : t('travel.railway.durationMin', { m: minutes });
}

/** One train between two stations: times, stations, duration, 检票口 and status; its number opens its stops. */
export function TrainRow({ train }: { train: RailTrain }) {
  const { t } = useLocale();
  const duration = useDuration();
  const q = new URLSearchParams({ number: train.number, date: train.date }).toString();
  return (
    <li className="card" data-testid="train" data-number={train.number}>
      <p className="travel-row">
        <Link to={`/travel/railway?${q}`} data-testid="train-link">
          <strong>{train.number}</strong>
        </Link>
        <span>
          {train.departs} {train.from.name} → {train.arrives} {train.to.name}
        </span>
        <span className={`travel-status travel-train-${train.status}`} data-testid="train-status">
          {train.statusText}
        </span>
      </p>
      <p className="field-help">
        {duration(train.durationMinutes)} · {t('travel.railway.gate', { gate: train.gate })} ·{' '}
        {t('travel.railway.originTerminus', { origin: train.origin, terminus: train.terminus })}
      </p>
    </li>
  );
}
