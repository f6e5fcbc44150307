import List from 'antd-mobile/es/components/list';
import type { SearchBarRef } from 'antd-mobile/es/components/search-bar';
import SearchBar from 'antd-mobile/es/components/search-bar';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/endpoints';
import { Highlight } from '../components/Highlight';
import { Icon } from '../components/icons';
import { KeyboardAccess } from '../components/KeyboardAccess';
import { Page } from '../components/Page';
import { ServiceItem } from '../components/ServiceItem';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useApi, useDebounced } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';
import { addRecentSearch, browserStore, clearRecentSearches, readRecentSearches } from '../state/storage';

export const SEARCH_DEBOUNCE_MS = 250;

/** Hot words: the Chinese term searched, and the i18n key of its label. */
const HOT_WORDS = [
  { q: '社保', key: 'shebao' },
  { q: '公积金', key: 'gongjijin' },
  { q: '个税', key: 'geshui' },
  { q: '违法查询', key: 'weifa' },
  { q: '取名', key: 'quming' },
] as const;

export default function Search() {
  const { t, name, isEn } = useLocale();
  const { city } = usePreferences();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(() => params.get('q') ?? '');
  const [recent, setRecent] = useState(() => readRecentSearches(browserStore()));
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const inputRef = useRef<SearchBarRef>(null);
  const recentId = useId();
  const hotId = useId();
  const resultsId = useId();

  // Keep ?q= in the address, so back/forward and shared links restore the search.
  useEffect(() => {
    setParams(q ? { q } : {}, { replace: true });
  }, [q, setParams]);

  // Name the real <input> (SearchBar puts its own generic label on it) and give tests a stable hook.
  useEffect(() => {
    const el = inputRef.current?.nativeElement;
    if (!el) return;
    el.setAttribute('data-testid', 'search-input');
    el.setAttribute('aria-label', t('search.inputLabel'));
    el.setAttribute('aria-controls', resultsId);
  });

  const results = useApi(q ? `search:${city}:${q}` : null, (signal) => api.search(q, city, 20, { signal }));
  const remember = (value: string) => setRecent(addRecentSearch(browserStore(), value));
  const searchFor = (value: string) => {
    setText(value);
    remember(value);
  };

  const hits = results.data ?? [];

  return (
    <Page title={t('search.title')}>
      <search className="search-box">
        <KeyboardAccess selector=".adm-input-clear" role="button">
          <SearchBar
            ref={inputRef}
            value={text}
            onChange={setText}
            onSearch={(v) => v.trim() && remember(v)}
            placeholder={t('search.placeholder')}
            autoFocus={!text}
            maxLength={50}
            clearable
          />
        </KeyboardAccess>
      </search>

      <div id={resultsId}>
        {!q ? (
          <>
            {recent.length > 0 && (
              <section className="card" aria-labelledby={recentId}>
                <div className="section-head">
                  <h2 id={recentId}>{t('search.recent')}</h2>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('search.clearRecent')}
                    onClick={() => {
                      clearRecentSearches(browserStore());
                      setRecent([]);
                    }}
                  >
                    <Icon name="trash" />
                  </button>
                </div>
                <ul className="chip-list">
                  {recent.map((r) => (
                    <li key={r}>
                      <button type="button" className="chip" onClick={() => searchFor(r)}>
                        <Icon name="clock" /> {r}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section className="card" aria-labelledby={hotId}>
              <div className="section-head">
                <h2 id={hotId}>{t('search.hot')}</h2>
              </div>
              <ul className="chip-list">
                {HOT_WORDS.map((w) => (
                  <li key={w.q}>
                    <button type="button" className="chip hot" onClick={() => searchFor(w.q)}>
                      {isEn ? t(`search.hotWords.${w.key}`) : w.q}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          </>
        ) : results.error ? (
          <ErrorState problem={results.error} onRetry={results.reload} />
        ) : results.loading ? (
          <ListSkeleton rows={5} />
        ) : hits.length === 0 ? (
          <EmptyState
            title={t('search.empty')}
            description={t('search.emptyHint')}
            action={
              <Link to="/services" className="adm-button adm-button-primary adm-button-fill-outline state-link">
                {t('search.browseAll')}
              </Link>
            }
          />
        ) : (
          <section aria-label={t('search.results')}>
            <p className="list-summary" role="status">
              {t('search.resultCount', { count: hits.length })}
            </p>
            <List className="service-list">
              {hits.map((h) => (
                <ServiceItem
                  key={h.service.id}
                  service={h.service}
                  testId="search-result"
                  title={<Highlight text={name(h.service)} query={q} />}
                  onClick={() => remember(q)}
                />
              ))}
            </List>
          </section>
        )}
      </div>
    </Page>
  );
}
