import { useState } from 'react';
import { travelApi } from '../api/travel';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { EmptyState } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';
import {
  Answer,
  CityOptions,
  CitySelect,
  DateSelect,
  EventItem,
  nextDates,
  SearchForm,
  Source,
  TravelSelect,
} from './travel-shared';
import './cases.css';
import './coach.css';

type View = 'area' | 'route';
/** Expressway events are known from yesterday to a week ahead: today and the next 7 days are offered. */
const DATES = 8;

function Events({
  loadKey,
  load,
}: {
  loadKey: string;
  load: (signal: AbortSignal) => ReturnType<typeof travelApi.events>;
}) {
  const { t } = useLocale();
  const events = useApi(loadKey, load);
  return (
    <Answer state={events}>
      {({ events, source }) =>
        events.length === 0 ? (
          <div data-testid="expressway-empty">
            <EmptyState title={t('travel.expressway.empty')} description={t('travel.expressway.emptyDesc')} />
          </div>
        ) : (
          <>
            <p role="status" data-testid="expressway-count">
              {t('travel.expressway.count', { count: events.length })}
            </p>
            <ul className="case-list">
              {events.map((e) => (
                <EventItem key={e.id} e={e} />
              ))}
            </ul>
            <Source source={source} />
          </>
        )
      }
    </Answer>
  );
}

function ByArea() {
  const { t } = useLocale();
  const roads = useApi('travel-expressways', (signal) => travelApi.expressways({ signal }));
  const { city: prefCity } = usePreferences();
  const [road, setRoad] = useState('');
  // the citizen's city first (the whole province is a long list); 全部 is one choice away
  const [city, setCity] = useState<string>(prefCity);
  const [date, setDate] = useState(nextDates(1)[0] as string);
  const key = `travel-events-${road}-${city}-${date}`;
  return (
    <>
      <div className="card coach-form">
        <TravelSelect label={t('travel.expressway.road')} value={road} onChange={setRoad} testId="expressway-road">
          <option value="">{t('travel.common.all')}</option>
          {(roads.data ?? []).map((r) => (
            <option key={r.code} value={r.code}>
              {r.code} {r.name}
            </option>
          ))}
        </TravelSelect>
        <TravelSelect label={t('travel.common.city')} value={city} onChange={setCity} testId="expressway-city">
          <option value="">{t('travel.common.all')}</option>
          <CityOptions />
        </TravelSelect>
        <DateSelect value={date} onChange={setDate} testId="expressway-date" days={DATES} />
      </div>
      <Events
        loadKey={key}
        load={(signal) => travelApi.events({ road: road || undefined, city: city || undefined, date }, { signal })}
      />
    </>
  );
}

function ByRoute() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const [from, setFrom] = useState<string>(city);
  const [to, setTo] = useState('');
  const [date, setDate] = useState(nextDates(1)[0] as string);
  const [error, setError] = useState<string | undefined>();
  const [query, setQuery] = useState<{ from: string; to: string; date: string } | null>(null);
  const route = useApi(query ? `travel-route-${query.from}-${query.to}-${query.date}` : null, (signal) =>
    travelApi.route(query as { from: string; to: string; date: string }, { signal }),
  );
  return (
    <>
      <SearchForm
        testId="route-form"
        submitTestId="route-submit"
        onSearch={() => {
          if (!to) return setError(t('travel.trips.toRequired'));
          if (to === from) return setError(t('travel.trips.sameCity'));
          setError(undefined);
          setQuery({ from, to, date });
        }}
      >
        <div className="coach-cities">
          <CitySelect label={t('travel.expressway.from')} value={from} onChange={setFrom} testId="route-from" />
          <CitySelect
            label={t('travel.expressway.to')}
            value={to}
            onChange={(v) => {
              setTo(v);
              setError(undefined);
            }}
            testId="route-to"
            placeholder={t('travel.trips.toPlaceholder')}
            error={error}
          />
        </div>
        <DateSelect value={date} onChange={setDate} testId="route-date" days={DATES} />
      </SearchForm>
      {query && (
        <Answer state={route}>
          {(r) => (
            <section data-testid="route-result">
              <p data-testid="route-legs">
                {t('travel.expressway.legs')}
                {r.legs.map((l) => `${l.roadCode} ${l.roadName}（${l.fromCity.name}—${l.toCity.name}）`).join(' → ')}
              </p>
              {r.events.length === 0 ? (
                <EmptyState title={t('travel.trip.noEvents')} />
              ) : (
                <ul className="case-list">
                  {r.events.map((e) => (
                    <EventItem key={e.id} e={e} />
                  ))}
                </ul>
              )}
              <Source source={r.source} />
            </section>
          )}
        </Answer>
      )}
    </>
  );
}

/** 高速动态 (D5): expressway events by road, city and date, or along the route between two cities. */
export default function TravelExpressways() {
  const { t } = useLocale();
  const [view, setView] = useState<View>('area');
  return (
    <Page title={t('travel.expressway.title')}>
      <p className="page-intro">{t('travel.expressway.intro')}</p>
      <Segmented
        label={t('travel.expressway.title')}
        options={['area', 'route'] as const}
        value={view}
        onChange={setView}
        testId={(v) => `expressway-view-${v}`}
        text={(v) => t(v === 'area' ? 'travel.expressway.byArea' : 'travel.expressway.byRoute')}
      />
      {view === 'area' ? <ByArea /> : <ByRoute />}
    </Page>
  );
}
