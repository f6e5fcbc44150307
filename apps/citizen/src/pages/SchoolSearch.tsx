import { CITIES } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useEffect, useId, useState } from 'react';
import { type ApiProblem, isApiProblem } from '../api/client';
import { education, type SchoolOwnership, type SchoolSearchResult, type SchoolStage } from '../api/education';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { TextField } from '../components/TextField';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';
import './education.css';

const STAGES: SchoolStage[] = ['kindergarten', 'primary', 'junior', 'senior'];
const OWNERSHIPS: SchoolOwnership[] = ['public', 'private'];
const PAGE_SIZE = 20;

interface Filters {
  name: string;
  address: string;
  city: string;
  district: string;
  stage: SchoolStage | '';
  ownership: SchoolOwnership | '';
}

/** 学校查询 (E3): anyone searches schools by name and area, and sees name, address and 办学类型. */
export default function SchoolSearch() {
  const { t, lang } = useLocale();
  const { city: preferredCity } = usePreferences();
  const [draft, setDraft] = useState<Filters>({
    name: '',
    address: '',
    city: preferredCity,
    district: '',
    stage: '',
    ownership: '',
  });
  const [query, setQuery] = useState<Filters>(draft);
  const [districts, setDistricts] = useState<{ code: string; name: string }[] | null>(null);
  const [pages, setPages] = useState<SchoolSearchResult[]>([]);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const ids = {
    name: useId(),
    address: useId(),
    city: useId(),
    district: useId(),
    stage: useId(),
    ownership: useId(),
    list: useId(),
  };

  useEffect(() => {
    let live = true;
    setDistricts(null);
    education.districts(draft.city).then(
      (d) => live && setDistricts(d.districts),
      () => live && setDistricts([]),
    );
    return () => {
      live = false;
    };
  }, [draft.city]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a new query, a further page or a retry
  useEffect(() => {
    let live = true;
    setLoading(true);
    setProblem(null);
    education
      .schools(
        {
          name: query.name.trim() || undefined,
          address: query.address.trim() || undefined,
          city: query.city,
          district: query.district || undefined,
          stage: query.stage || undefined,
          ownership: query.ownership || undefined,
          page,
          pageSize: PAGE_SIZE,
        },
        { lang },
      )
      .then(
        (r) => {
          if (!live) return;
          setPages((prev) => (page === 1 ? [r] : [...prev, r]));
          setLoading(false);
        },
        (e: unknown) => {
          if (!live) return;
          if (isApiProblem(e)) setProblem(e);
          setLoading(false);
        },
      );
    return () => {
      live = false;
    };
  }, [query, page, attempt]);

  const schools = pages.flatMap((p) => p.schools);
  const last = pages.at(-1);
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <Page title={t('education.schools.title')}>
      <p className="page-intro">{t('education.schools.intro')}</p>
      <section className="card">
        <form
          noValidate
          className="edu-filters"
          onSubmit={(e) => {
            e.preventDefault();
            setPages([]);
            setPage(1);
            setQuery({ ...draft });
          }}
        >
          <div className="field">
            <label htmlFor={ids.name} className="field-label">
              {t('education.schools.name')}
            </label>
            <TextField
              id={ids.name}
              testId="school-name"
              value={draft.name}
              onChange={(v) => set({ name: v })}
              placeholder={t('education.schools.namePlaceholder')}
              maxLength={30}
              clearable
            />
          </div>
          <div className="field">
            <label htmlFor={ids.address} className="field-label">
              {t('education.schools.addressFilter')}
            </label>
            <TextField
              id={ids.address}
              testId="school-address"
              value={draft.address}
              onChange={(v) => set({ address: v })}
              placeholder={t('education.schools.addressPlaceholder')}
              maxLength={30}
              clearable
            />
          </div>
          <div className="edu-row">
            <div className="field">
              <label htmlFor={ids.city} className="field-label">
                {t('education.schools.city')}
              </label>
              <select
                id={ids.city}
                className="edu-select"
                value={draft.city}
                data-testid="school-city"
                onChange={(e) => set({ city: e.target.value, district: '' })}
              >
                {CITIES.map((c) => (
                  <option key={c.code} value={c.code}>
                    {lang === 'en' ? c.nameEn : c.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.district} className="field-label">
                {t('education.schools.district')}
              </label>
              <select
                id={ids.district}
                className="edu-select"
                value={draft.district}
                data-testid="school-district"
                disabled={!districts || districts.length === 0}
                onChange={(e) => set({ district: e.target.value })}
              >
                <option value="">
                  {districts && districts.length === 0
                    ? t('education.schools.noDistricts')
                    : t('education.schools.allDistricts')}
                </option>
                {(districts ?? []).map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="edu-row">
            <div className="field">
              <label htmlFor={ids.stage} className="field-label">
                {t('education.schools.stage')}
              </label>
              <select
                id={ids.stage}
                className="edu-select"
                value={draft.stage}
                data-testid="school-stage"
                onChange={(e) => set({ stage: e.target.value as Filters['stage'] })}
              >
                <option value="">{t('education.schools.all')}</option>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`education.schools.stages.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.ownership} className="field-label">
                {t('education.schools.ownership')}
              </label>
              <select
                id={ids.ownership}
                className="edu-select"
                value={draft.ownership}
                data-testid="school-ownership"
                onChange={(e) => set({ ownership: e.target.value as Filters['ownership'] })}
              >
                <option value="">{t('education.schools.all')}</option>
                {OWNERSHIPS.map((o) => (
                  <option key={o} value={o}>
                    {t(`education.schools.ownerships.${o}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <Button block color="primary" size="large" type="submit" data-testid="school-submit">
            {t('education.schools.search')}
          </Button>
        </form>
      </section>

      {problem && pages.length === 0 ? (
        <ErrorState problem={problem} onRetry={() => setAttempt((n) => n + 1)} title={t('education.schools.failed')} />
      ) : loading && pages.length === 0 ? (
        <ListSkeleton rows={5} />
      ) : last && last.total === 0 ? (
        <EmptyState title={t('education.schools.empty')} description={t('education.schools.emptyDesc')} />
      ) : last ? (
        <section className="card" aria-labelledby={ids.list} data-testid="school-results">
          <h2 id={ids.list} className="section-title" aria-live="polite">
            {t('education.schools.total', { count: last.total })}
          </h2>
          <ul className="edu-school-list" aria-label={t('education.schools.listLabel')}>
            {schools.map((s) => (
              <li key={s.code} className="edu-school" data-testid="school-item">
                <p className="edu-school-name">{s.name}</p>
                <p className="edu-tags">
                  <span className="edu-tag">{s.stageName}</span>
                  <span className={`edu-tag${s.ownership === 'private' ? ' edu-tag-private' : ''}`}>
                    {s.ownershipName}
                  </span>
                  <span className="edu-tag edu-tag-plain">{s.districtName}</span>
                </p>
                <p className="field-help">
                  {t('education.schools.address')}
                  {t('common.colon')}
                  {s.address}
                </p>
                <p className="field-help">
                  {t('education.schools.phone')}
                  {t('common.colon')}
                  <a href={`tel:${s.phone.replace(/[^\d]/g, '')}`}>{s.phone}</a>
                </p>
              </li>
            ))}
          </ul>
          {problem && <ErrorState problem={problem} onRetry={() => setAttempt((n) => n + 1)} />}
          {schools.length < last.total && !problem && (
            <Button
              block
              loading={loading}
              disabled={loading}
              onClick={() => setPage((p) => p + 1)}
              data-testid="school-more"
            >
              {t('education.schools.more')}
            </Button>
          )}
          <SourceNote source={last.source} />
        </section>
      ) : null}
    </Page>
  );
}
