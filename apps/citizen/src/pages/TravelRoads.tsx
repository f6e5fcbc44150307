import type { NearbyRoads } from '@yss/contracts';
import { useEffect, useId, useState } from 'react';
import { type ApiProblem, isApiProblem } from '../api/client';
import { travelApi } from '../api/travel';
import { Page } from '../components/Page';
import { ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { usePreferences } from '../state/preferences';
import { CitySelect, chinaClock, Source } from './travel-shared';
import './cases.css';
import './coach.css';

function Conditions({ data }: { data: NearbyRoads }) {
  const { t } = useLocale();
  return (
    <section className="card" data-testid="roads-result" aria-live="polite">
      <h2 className="section-title">
        {data.district.city.name} {data.district.name}
      </h2>
      {data.distanceKm !== null && (
        <p data-testid="roads-nearest">
          {t('travel.roads.nearest', { district: data.district.name, km: data.distanceKm })}
        </p>
      )}
      <p className="field-help">
        {t('travel.roads.updated', { time: chinaClock(data.updatedAt) })} · {t('travel.roads.legend')}
      </p>
      <ul className="case-list">
        {data.roads.map((r) => (
          <li key={r.name} className="travel-row card" data-testid="road" data-level={r.level}>
            <strong>{r.section}</strong>
            <span className={`travel-level travel-level-${r.level}`}>{r.levelName}</span>
            <span className="field-help">{t('travel.roads.speed', { speed: r.speedKmh })}</span>
          </li>
        ))}
      </ul>
      <Source source={data.source} />
    </section>
  );
}

/** 附近路况 (D5): the main roads of a district picked by hand, or of the district nearest the phone's position. */
export default function TravelRoads() {
  const { t, isEn } = useLocale();
  const { city: prefCity } = usePreferences();
  const [city, setCity] = useState<string>(prefCity);
  const [district, setDistrict] = useState('');
  const [position, setPosition] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateProblem, setLocateProblem] = useState<string | null>(null);
  const districtId = useId();
  const districts = useApi(`travel-districts-${city}`, (signal) => travelApi.districts(city, { signal }));
  // a new city's first district is chosen as soon as the list arrives
  useEffect(() => {
    if (position) return;
    const list = districts.data;
    if (list && !list.some((d) => d.code === district)) setDistrict(list[0]?.code ?? '');
  }, [districts.data, district, position]);

  const key = position
    ? `travel-nearby-${position.lat.toFixed(3)}-${position.lng.toFixed(3)}`
    : district
      ? `travel-nearby-${district}`
      : null;
  const nearby = useApi(key, (signal) =>
    travelApi.nearby(position ? { lat: position.lat, lng: position.lng } : { district }, { signal }),
  );

  const locate = () => {
    setLocateProblem(null);
    if (!('geolocation' in navigator)) {
      setLocateProblem(t('travel.roads.locateUnsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setPosition({ lat: p.coords.latitude, lng: p.coords.longitude });
      },
      () => {
        setLocating(false);
        setLocateProblem(t('travel.roads.locateFailed'));
      },
      { timeout: 10_000, maximumAge: 300_000 },
    );
  };

  const problem: ApiProblem | undefined = nearby.error;
  return (
    <Page title={t('travel.roads.title')}>
      <p className="page-intro">{t('travel.roads.intro')}</p>
      <div className="card coach-form">
        <CitySelect
          label={t('travel.common.city')}
          value={city}
          onChange={(v) => {
            setCity(v);
            setPosition(null);
            setDistrict('');
          }}
          testId="roads-city"
        />
        <div className="field">
          <label htmlFor={districtId} className="field-label">
            {t('travel.roads.district')}
          </label>
          <select
            id={districtId}
            className="coach-select"
            value={position ? '' : district}
            onChange={(e) => {
              setPosition(null);
              setDistrict(e.target.value);
            }}
            data-testid="roads-district"
          >
            {position && <option value="">{t('travel.roads.locate')}</option>}
            {(districts.data ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {isEn ? `${d.name}` : d.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="travel-inline-button"
          onClick={locate}
          disabled={locating}
          data-testid="roads-locate"
        >
          {locating ? t('travel.roads.locating') : t('travel.roads.locate')}
        </button>
        <p className="field-help">{t('travel.roads.privacy')}</p>
        {locateProblem && (
          <p className="field-error" role="alert" data-testid="roads-locate-problem">
            {locateProblem}
          </p>
        )}
      </div>
      {problem ? (
        <ErrorState
          problem={problem}
          onRetry={problem.status >= 500 || problem.status === 0 ? nearby.reload : undefined}
          title={
            // a refusal (4xx) is named by the server's title; in English the description already says it
            !isEn && isApiProblem(problem) && problem.status < 500 && problem.status > 0
              ? problem.title
              : t('travel.common.loadFailed')
          }
        />
      ) : nearby.data ? (
        <Conditions data={nearby.data} />
      ) : key ? (
        <ListSkeleton rows={3} />
      ) : districts.error ? (
        <p className="field-error" role="alert">
          {errorText(districts.error, t)}
        </p>
      ) : null}
    </Page>
  );
}
