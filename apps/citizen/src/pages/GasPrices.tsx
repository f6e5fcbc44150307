import { useId } from 'react';
import { Link } from 'react-router';
import { legalApi } from '../api/legal';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';
import './legal.css';

/** 燃气价格 (G1, 广州, anyone): 广州燃气's tiered residential prices. */
export default function GasPrices() {
  const { t, isEn } = useLocale();
  const { city } = usePreferences();
  const headingId = useId();
  const state = useApi(`gas-prices:${city}`, (signal) => legalApi.gasPrices(city, { signal }));
  const d = state.data;
  return (
    <Page title={t('legal.gasPrice.title')}>
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('legal.gasPrice.intro')}</h2>
        {state.error ? (
          <ErrorState problem={state.error} onRetry={state.reload} />
        ) : !d ? (
          <ListSkeleton rows={3} />
        ) : (
          <>
            <table className="price-table" data-testid="price-table">
              <thead>
                <tr>
                  <th scope="col">{t('legal.gasPrice.range')}</th>
                  <th scope="col">{t('legal.gasPrice.price', { unit: d.company.unit })}</th>
                </tr>
              </thead>
              <tbody>
                {d.tiers.map((tier, i) => {
                  const from = i === 0 ? 0 : (d.tiers[i - 1]?.upTo ?? 0);
                  return (
                    <tr key={tier.tier}>
                      <th scope="row">
                        {t('legal.gasPrice.tier', { tier: String(tier.tier) })}{' '}
                        {tier.upTo === null
                          ? t('legal.gasPrice.above', { from: String(from), unit: d.company.unit })
                          : t('legal.gasPrice.upTo', {
                              from: String(from),
                              to: String(tier.upTo),
                              unit: d.company.unit,
                            })}
                      </th>
                      <td>{tier.unitPrice.toFixed(2)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="legal-muted">
              {d.period === 'year' ? t('legal.gasPrice.perYear') : t('legal.gasPrice.perMonth')}
              {d.note && !isEn ? `。${d.note}` : ''}
            </p>
            {d.company.hotline && (
              <p className="legal-muted">{t('legal.gasPrice.hotline', { hotline: d.company.hotline })}</p>
            )}
            <p>
              <Link to="/services/ranqi-zibao-dushu">{t('legal.gasPrice.readingLink')}</Link>
            </p>
            <SourceNote source={d.source} />
          </>
        )}
      </section>
    </Page>
  );
}
