import { TRIP_MAX_DAYS_AHEAD, TRIP_MODES, type Trip, type TripMode } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../api/client';
import { travelApi } from '../api/travel';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { formatSlotDate } from '../lib/appointments';
import { errorText } from '../lib/errors';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { CitySelect, nextDates, Source, useCityName, WeatherCard } from './travel-shared';
import './cases.css';
import './coach.css';

/** 天气预报: the 7 days of the chosen city. */
function Forecast() {
  const { t } = useLocale();
  const { city: prefCity } = usePreferences();
  const [city, setCity] = useState<string>(prefCity);
  const forecast = useApi(`travel-weather-${city}`, (signal) => travelApi.weather(city, { signal }));
  const id = useId();
  return (
    <section className="card" aria-labelledby={id} data-testid="travel-forecast">
      <h2 id={id} className="section-title">
        {t('travel.weather.title')}
      </h2>
      <CitySelect label={t('travel.common.city')} value={city} onChange={setCity} testId="weather-city" />
      {forecast.error ? (
        <ErrorState problem={forecast.error} onRetry={forecast.reload} title={t('travel.common.loadFailed')} />
      ) : !forecast.data ? (
        <ListSkeleton rows={2} />
      ) : (
        <>
          <ul className="travel-days" aria-label={t('travel.weather.title')}>
            {forecast.data.days.map((d, i) => (
              <WeatherCard key={d.date} day={d} heading={i === 0 ? t('travel.common.today') : undefined} />
            ))}
          </ul>
          <Source source={forecast.data.source} />
        </>
      )}
    </section>
  );
}

type Errors = Partial<Record<'toCity' | 'date' | 'trainNumber' | 'flightNumber' | 'form', string>>;

function AddTrip({ onSaved }: { onSaved: (trip: Trip) => void }) {
  const { t, lang } = useLocale();
  const { city } = usePreferences();
  const dates = nextDates(TRIP_MAX_DAYS_AHEAD + 1);
  const [fromCity, setFrom] = useState<string>(city);
  const [toCity, setTo] = useState('');
  const [date, setDate] = useState(dates[0] as string);
  const [mode, setMode] = useState<TripMode>('drive');
  const [number, setNumber] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const dateId = useId();
  const numberId = useId();
  const numberField = mode === 'rail' ? 'trainNumber' : 'flightNumber';

  const submit = async () => {
    if (!toCity) return setErrors({ toCity: t('travel.trips.toRequired') });
    if (toCity === fromCity) return setErrors({ toCity: t('travel.trips.sameCity') });
    setErrors({});
    setBusy(true);
    try {
      const n = number.trim();
      const trip = await travelApi.createTrip({
        fromCity: fromCity as never,
        toCity: toCity as never,
        date,
        mode,
        ...(mode === 'rail' && n ? { trainNumber: n } : {}),
        ...(mode === 'flight' && n ? { flightNumber: n } : {}),
      });
      setTo('');
      setNumber('');
      onSaved(trip);
    } catch (e) {
      const next: Errors = {};
      if (isApiProblem(e)) {
        for (const err of e.errors) {
          const f = err.path.replace(/^body\./, '') as keyof Errors;
          if (['toCity', 'date', 'trainNumber', 'flightNumber'].includes(f)) next[f] ??= err.message;
        }
      }
      if (Object.keys(next).length === 0) next.form = errorText(e, t);
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card coach-form"
      noValidate
      aria-label={t('travel.trips.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="trip-form"
    >
      <h2 className="section-title">{t('travel.trips.add')}</h2>
      <div className="coach-cities">
        <CitySelect label={t('travel.trips.from')} value={fromCity} onChange={setFrom} testId="trip-from" />
        <CitySelect
          label={t('travel.trips.to')}
          value={toCity}
          onChange={(v) => {
            setTo(v);
            setErrors({});
          }}
          testId="trip-to"
          placeholder={t('travel.trips.toPlaceholder')}
          error={errors.toCity}
        />
      </div>
      <div className="field">
        <label htmlFor={dateId} className="field-label">
          {t('travel.trips.date')}
        </label>
        <select
          id={dateId}
          className="coach-select"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          aria-invalid={errors.date ? true : undefined}
          data-testid="trip-date"
        >
          {dates.map((d) => (
            <option key={d} value={d}>
              {formatSlotDate(d, lang)}
            </option>
          ))}
        </select>
        {errors.date && (
          <p className="field-error" role="alert">
            {errors.date}
          </p>
        )}
      </div>
      <div className="field">
        <p className="field-label" id={`${dateId}-mode`}>
          {t('travel.trips.mode')}
        </p>
        <Segmented
          label={t('travel.trips.mode')}
          options={TRIP_MODES}
          value={mode}
          onChange={(m) => {
            setMode(m);
            setNumber('');
            setErrors({});
          }}
          testId={(m) => `trip-mode-${m}`}
          text={(m) => t(`travel.modes.${m}`)}
        />
      </div>
      {(mode === 'rail' || mode === 'flight') && (
        <div className="field">
          <label htmlFor={numberId} className="field-label">
            {t(mode === 'rail' ? 'travel.trips.trainNumber' : 'travel.trips.flightNumber')}
          </label>
          <input
            id={numberId}
            className="travel-input"
            value={number}
            maxLength={8}
            autoCapitalize="characters"
            placeholder={t(mode === 'rail' ? 'travel.trips.trainPlaceholder' : 'travel.trips.flightPlaceholder')}
            onChange={(e) => setNumber(e.target.value)}
            aria-invalid={errors[numberField] ? true : undefined}
            aria-describedby={errors[numberField] ? `${numberId}-error` : undefined}
            data-testid="trip-number"
          />
          {errors[numberField] && (
            <p id={`${numberId}-error`} className="field-error" role="alert" data-testid="trip-number-error">
              {errors[numberField]}
            </p>
          )}
        </div>
      )}
      {errors.form && (
        <p className="field-error" role="alert" data-testid="trip-form-error">
          {errors.form}
        </p>
      )}
      <Button block color="primary" size="large" type="submit" loading={busy} data-testid="trip-submit">
        {t('travel.trips.submit')}
      </Button>
    </form>
  );
}

function TripRow({ trip, onDeleted }: { trip: Trip; onDeleted: () => void }) {
  const { t, lang } = useLocale();
  const cityName = useCityName();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = async () => {
    try {
      await travelApi.deleteTrip(trip.id);
      onDeleted();
    } catch (e) {
      setProblem(errorText(e, t));
    }
  };
  const number = trip.trainNumber ?? trip.flightNumber;
  return (
    <li className="card" data-testid="trip-item">
      <Link to={`/travel/trips/${trip.id}`} className="travel-row" data-testid="trip-link">
        <strong>
          {t('travel.trips.route', {
            from: cityName(trip.fromCity.code, trip.fromCity.name),
            to: cityName(trip.toCity.code, trip.toCity.name),
          })}
        </strong>
        <span>{formatSlotDate(trip.date, lang)}</span>
        <span>
          {t(`travel.modes.${trip.mode}`)}
          {number ? ` ${number}` : ''}
        </span>
      </Link>
      <div className="travel-actions">
        {confirming ? (
          <>
            <span role="alert">{t('travel.trips.deleteConfirm')}</span>
            <button
              type="button"
              className="travel-inline-button danger"
              onClick={remove}
              data-testid="trip-delete-yes"
            >
              {t('travel.trips.delete')}
            </button>
            <button type="button" className="travel-inline-button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="travel-inline-button danger"
            onClick={() => setConfirming(true)}
            aria-label={`${t('travel.trips.delete')} ${trip.fromCity.name}—${trip.toCity.name} ${trip.date}`}
            data-testid="trip-delete"
          >
            {t('travel.trips.delete')}
          </button>
        )}
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

function MyTrips() {
  const { t } = useLocale();
  const trips = useApi('travel-trips', (signal) => travelApi.trips({ signal }));
  const [status, setStatus] = useState<string | null>(null);
  const id = useId();
  return (
    <>
      <section className="card" aria-labelledby={id} data-testid="travel-trips">
        <h2 id={id} className="section-title">
          {t('travel.trips.mine')}
        </h2>
        <p role="status" className="field-help" data-testid="trip-status">
          {status ?? ''}
        </p>
        {trips.error ? (
          <ErrorState problem={trips.error} onRetry={trips.reload} title={t('travel.common.loadFailed')} />
        ) : !trips.data ? (
          <ListSkeleton rows={2} />
        ) : trips.data.items.length === 0 ? (
          <div data-testid="trips-empty">
            <EmptyState title={t('travel.trips.empty')} description={t('travel.trips.emptyDesc')} />
          </div>
        ) : (
          <ul className="case-list" aria-label={t('travel.trips.mine')}>
            {trips.data.items.map((trip) => (
              <TripRow
                key={trip.id}
                trip={trip}
                onDeleted={() => {
                  setStatus(t('travel.trips.deleted'));
                  trips.reload();
                }}
              />
            ))}
          </ul>
        )}
        <p className="field-help">{t('travel.trips.limit', { max: trips.data?.max ?? 20 })}</p>
      </section>
      <AddTrip
        onSaved={() => {
          setStatus(t('travel.trips.saved'));
          trips.reload();
        }}
      />
    </>
  );
}

/** 行程订阅及天气 (D5): the 7-day weather of a city, the citizen's trips, and a form to subscribe to one. */
export default function TravelTrips() {
  const { t } = useLocale();
  return (
    <Page title={t('travel.trips.title')}>
      <p className="page-intro">{t('travel.trips.intro')}</p>
      <RequireAuth>
        <MyTrips />
        <Forecast />
      </RequireAuth>
    </Page>
  );
}
