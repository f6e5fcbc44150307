import { CITIES as CITY_LIST } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { travelApi } from '../api/travel';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { formatSlotDate } from '../lib/appointments';
import { usePreferences } from '../state/preferences';
import { CitySelect, EventItem, nextDates, Source } from './travel-shared';
import './cases.css';
import './coach.css';

type View = 'area' | 'route';

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
        {nextDates(8).map((d, i) => (
          <option key={d} value={d}>
            {formatSlotDate(d, lang)}
            {i === 0 ? `（${t('travel.common.today')}）` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

function Events({
  loadKey,
  load,
}: {
  loadKey: string;
  load: (signal: AbortSignal) => ReturnType<typeof travelApi.events>;
}) {
  const { t } = useLocale();
  const events = useApi(loadKey, load);
  if (events.error)
    return <ErrorState problem={events.error} onRetry={events.reload} title={t('travel.common.loadFailed')} />;
  if (!events.data) return <ListSkeleton rows={3} />;
  return events.data.events.length === 0 ? (
    <div data-testid="expressway-empty">
      <EmptyState title={t('travel.expressway.empty')} description={t('travel.expressway.emptyDesc')} />
    </div>
  ) : (
    <>
      <p role="status" data-testid="expressway-count">
        {t('travel.expressway.count', { count: events.data.events.length })}
      </p>
      <ul className="case-list">
        {events.data.events.map((e) => (
          <EventItem key={e.id} e={e} />
        ))}
      </ul>
      <Source source={events.data.source} />
    </>
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
  const roadId = useId();
  const cityId = useId();
  const key = `travel-events-${road}-${city}-${date}`;
  return (
    <>
      <div className="card coach-form">
        <div className="field">
          <label htmlFor={roadId} className="field-label">
            {t('travel.expressway.road')}
          </label>
          <select
            id={roadId}
            className="coach-select"
            value={road}
            onChange={(e) => setRoad(e.target.value)}
            data-testid="expressway-road"
          >
            <option value="">{t('travel.common.all')}</option>
            {(roads.data ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.code} {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={cityId} className="field-label">
            {t('travel.common.city')}
          </label>
          <CityOptions id={cityId} value={city} onChange={setCity} />
        </div>
        <DateSelect value={date} onChange={setDate} testId="expressway-date" />
      </div>
      <Events
        loadKey={key}
        load={(signal) => travelApi.events({ road: road || undefined, city: city || undefined, date }, { signal })}
      />
    </>
  );
}

function CityOptions({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const { t, isEn } = useLocale();
  return (
    <select
      id={id}
      className="coach-select"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid="expressway-city"
    >
      <option value="">{t('travel.common.all')}</option>
      {CITY_LIST.map((c) => (
        <option key={c.code} value={c.code}>
          {isEn ? c.nameEn : c.name}
        </option>
      ))}
    </select>
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
      <form
        className="card coach-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!to) return setError(t('travel.trips.toRequired'));
          if (to === from) return setError(t('travel.trips.sameCity'));
          setError(undefined);
          setQuery({ from, to, date });
        }}
        data-testid="route-form"
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
        <DateSelect value={date} onChange={setDate} testId="route-date" />
        <Button block color="primary" size="large" type="submit" data-testid="route-submit">
          {t('travel.common.search')}
        </Button>
      </form>
      {query &&
        (route.error ? (
          <ErrorState problem={route.error} onRetry={route.reload} title={t('travel.common.loadFailed')} />
        ) : !route.data ? (
          <ListSkeleton rows={3} />
        ) : (
          <section data-testid="route-result">
            <p data-testid="route-legs">
              {t('travel.expressway.legs')}
              {route.data.legs
                .map((l) => `${l.roadCode} ${l.roadName}（${l.fromCity.name}—${l.toCity.name}）`)
                .join(' → ')}
            </p>
            {route.data.events.length === 0 ? (
              <EmptyState title={t('travel.trip.noEvents')} />
            ) : (
              <ul className="case-list">
                {route.data.events.map((e) => (
                  <EventItem key={e.id} e={e} />
                ))}
              </ul>
            )}
            <Source source={route.data.source} />
          </section>
        ))}
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
