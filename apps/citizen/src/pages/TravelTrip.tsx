import type { TripDetail, WeatherDay } from '@yss/contracts';
import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { travelApi } from '../api/travel';
import { Page } from '../components/Page';
import { ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { formatFullDate } from '../lib/appointments';
import { RequireAuth } from '../state/auth';
import { EventItem, Source, TrainRow, useCityName, WeatherCard } from './travel-shared';
import './cases.css';
import './coach.css';

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function WeatherPart({ day, title, unavailable }: { day: WeatherDay | null; title: string; unavailable: boolean }) {
  const { t } = useLocale();
  return (
    <Section title={title} testId="trip-weather">
      {unavailable ? (
        <p className="field-help">{t('travel.common.unavailable')}</p>
      ) : day ? (
        <ul className="travel-days">
          <WeatherCard day={day} />
        </ul>
      ) : (
        <p className="field-help" data-testid="trip-weather-later">
          {t('travel.weather.outOfRange')}
        </p>
      )}
    </Section>
  );
}

function ModePart({ detail }: { detail: TripDetail }) {
  const { t } = useLocale();
  const cityName = useCityName();
  const { trip } = detail;
  const from = cityName(trip.fromCity.code, trip.fromCity.name);
  const to = cityName(trip.toCity.code, trip.toCity.name);
  const search = new URLSearchParams({ from: trip.fromCity.code, to: trip.toCity.code, date: trip.date }).toString();
  switch (trip.mode) {
    case 'drive':
      return (
        <Section title={t('travel.trip.expressway')} testId="trip-expressway">
          {detail.unavailable.includes('expressway') ? (
            <p className="field-help">{t('travel.common.unavailable')}</p>
          ) : !detail.expressway ? (
            <p className="field-help">{t('travel.trip.expresswayLater')}</p>
          ) : (
            <>
              <p data-testid="trip-legs">
                {t('travel.expressway.legs')}
                {detail.expressway.legs
                  .map((l) => `${l.roadCode} ${l.roadName}（${l.fromCity.name}—${l.toCity.name}）`)
                  .join(' → ')}
              </p>
              {detail.expressway.events.length === 0 ? (
                <p className="field-help">{t('travel.trip.noEvents')}</p>
              ) : (
                <ul className="case-list">
                  {detail.expressway.events.map((e) => (
                    <EventItem key={e.id} e={e} />
                  ))}
                </ul>
              )}
              <Source source={detail.expressway.source} />
            </>
          )}
          <Link to="/travel/expressways" className="link-button">
            {t('travel.expressway.title')}
          </Link>
        </Section>
      );
    case 'rail':
      return (
        <Section title={t('travel.trip.train')} testId="trip-train">
          {detail.unavailable.includes('train') ? (
            <p className="field-help">{t('travel.common.unavailable')}</p>
          ) : !trip.trainNumber ? (
            <p className="field-help">{t('travel.trip.noTrainNumber')}</p>
          ) : detail.train ? (
            <ul className="case-list">
              <TrainRow train={detail.train} />
            </ul>
          ) : (
            <p className="field-help" data-testid="trip-train-missing">
              {t('travel.trip.trainMissing', { number: trip.trainNumber, from, to })}
            </p>
          )}
          <Link to={`/travel/railway?${search}`} className="link-button" data-testid="trip-railway-link">
            {t('travel.trip.railwayLink', { from, to })}
          </Link>
        </Section>
      );
    case 'coach':
      return (
        <Section title={t('travel.trip.coach')} testId="trip-coach">
          <Link to={`/coach?${search}`} className="link-button" data-testid="trip-coach-link">
            {t('travel.trip.coachLink', { from, to })}
          </Link>
        </Section>
      );
    case 'flight':
      return (
        <Section title={t('travel.trip.flight')} testId="trip-flight">
          {trip.flightNumber ? (
            <>
              <p>{t('travel.trip.flightNumber', { number: trip.flightNumber })}</p>
              <Link
                to={`/travel/flights?flight=${encodeURIComponent(trip.flightNumber)}`}
                className="link-button"
                data-testid="trip-flight-link"
              >
                {t('travel.trip.flightLink')}
              </Link>
            </>
          ) : (
            <p className="field-help">{t('travel.trip.flightNone')}</p>
          )}
        </Section>
      );
  }
}

function Detail({ id }: { id: string }) {
  const { t, lang } = useLocale();
  const cityName = useCityName();
  const detail = useApi(`travel-trip-${id}`, (signal) => travelApi.trip(id, { signal }));
  if (detail.error) {
    return (
      <>
        <ErrorState
          problem={detail.error}
          onRetry={detail.error.status >= 500 || detail.error.status === 0 ? detail.reload : undefined}
          title={detail.error.status === 404 ? t('travel.trip.notFound') : t('travel.common.loadFailed')}
        />
        <Link to="/travel/trips" className="link-button">
          {t('travel.trip.back')}
        </Link>
      </>
    );
  }
  if (!detail.data) return <ListSkeleton rows={3} />;
  const { trip, weather, unavailable } = detail.data;
  const from = cityName(trip.fromCity.code, trip.fromCity.name);
  const to = cityName(trip.toCity.code, trip.toCity.name);
  const number = trip.trainNumber ?? trip.flightNumber;
  return (
    <>
      <section className="card" data-testid="trip-summary">
        <h2 className="section-title">{t('travel.trips.route', { from, to })}</h2>
        <p>
          {formatFullDate(trip.date, lang)} · {t(`travel.modes.${trip.mode}`)}
          {number ? ` ${number}` : ''}
        </p>
      </section>
      <WeatherPart
        day={weather.from}
        title={t('travel.trip.weatherFrom', { city: from })}
        unavailable={unavailable.includes('weather')}
      />
      <WeatherPart
        day={weather.to}
        title={t('travel.trip.weatherTo', { city: to })}
        unavailable={unavailable.includes('weather')}
      />
      <ModePart detail={detail.data} />
      <Link to="/travel/trips" className="link-button">
        {t('travel.trip.back')}
      </Link>
    </>
  );
}

/** 行程信息: one subscribed trip — the weather at both ends that day and what its way of travel needs. */
export default function TravelTrip() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  return (
    <Page title={t('travel.trip.title')}>
      <RequireAuth>
        <Detail id={id} />
      </RequireAuth>
    </Page>
  );
}
