import { useId, useState } from 'react';
import { legalApi } from '../api/legal';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';
import { InterruptionItem } from './legal-shared';
import './legal.css';

/** 停气查询 (G1, 广州, anyone): 广州燃气's planned interruptions, a week back to a week ahead, by district. */
export default function GasOutages() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const [district, setDistrict] = useState('');
  const selectId = useId();
  const listId = useId();
  const state = useApi(`gas-outages:${city}:${district}`, (signal) =>
    legalApi.gasInterruptions(city, district, { signal }),
  );
  const [districts, setDistricts] = useState<string[]>([]);
  if (state.data && districts.length === 0 && state.data.districts.length > 0) setDistricts(state.data.districts);
  const words = {
    area: t('legal.gasOutage.area'),
    reason: t('legal.gasOutage.reason'),
    time: t('legal.gasOutage.time'),
  };

  return (
    <Page title={t('legal.gasOutage.title')}>
      <div className="card">
        <label htmlFor={selectId} className="field-label">
          {t('legal.gasOutage.district')}
        </label>
        <select
          id={selectId}
          className="legal-select"
          value={district}
          onChange={(e) => setDistrict(e.target.value)}
          data-testid="district"
        >
          <option value="">{t('legal.gasOutage.allDistricts')}</option>
          {districts.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <section className="card" aria-labelledby={listId}>
        <h2 id={listId} className="visually-hidden">
          {t('legal.gasOutage.title')}
        </h2>
        {state.error ? (
          <ErrorState problem={state.error} onRetry={state.reload} />
        ) : !state.data ? (
          <ListSkeleton rows={4} />
        ) : state.data.interruptions.length === 0 ? (
          <EmptyState title={t('legal.gasOutage.empty')} />
        ) : (
          <ul className="outage-list">
            {state.data.interruptions.map((i) => (
              <InterruptionItem key={i.id} item={i} words={words} />
            ))}
          </ul>
        )}
        {state.data && <SourceNote source={state.data.source} />}
      </section>
    </Page>
  );
}
