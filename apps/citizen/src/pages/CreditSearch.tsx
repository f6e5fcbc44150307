import type { CreditSearchResult, CreditSubjectSummary } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Tag from 'antd-mobile/es/components/tag';
import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ApiProblem, isApiProblem } from '../api/client';
import { credit } from '../api/credit';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { LinkItem } from '../components/ServiceItem';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { TextField } from '../components/TextField';
import { useLocale } from '../i18n/localize';
import { STATUS_COLOR } from '../lib/credit';
import { formatDate } from '../lib/delegation';
import './credit.css';

const PAGE_SIZE = 10;

function ResultItem({ e }: { e: CreditSubjectSummary }) {
  const { t, lang } = useLocale();
  return (
    <LinkItem
      to={`/credit/${e.uscc}`}
      description={
        <>
          <span className="credit-code">{e.uscc}</span>
          <br />
          {t('credit.legalRep', { name: e.legalRepresentative })} ·{' '}
          {t('credit.established', { date: formatDate(e.establishedOn, lang) })}
        </>
      }
      extra={
        <Tag color={STATUS_COLOR[e.status]} fill="outline">
          {e.status}
        </Tag>
      }
      data-testid="credit-result"
    >
      <span className="credit-name">{e.name}</span>
    </LinkItem>
  );
}

/** 信用查询 (F3): by 主体名称 or 统一社会信用代码, results paged; the query lives in the address (back keeps it). */
export default function CreditSearch() {
  const { t } = useLocale();
  const problemText = useProblemText();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [data, setData] = useState<CreditSearchResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const inputId = useId();
  const resultsId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on query, page or retry
  useEffect(() => {
    if (!q) {
      setData(null);
      setProblem(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setProblem(null);
    setFieldError(null);
    credit
      .search({ q, page, pageSize: PAGE_SIZE }, { signal: controller.signal })
      .then(
        (d) => setData(d),
        (e: unknown) => {
          if (controller.signal.aborted || !isApiProblem(e)) return;
          setData(null);
          // A bad code or a too-short keyword is about the field; anything else is a page problem.
          if (e.status === 400) setFieldError(e.errors[0]?.message ?? problemText(e));
          else setProblem(e);
        },
      )
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [q, page, attempt]);

  const submit = () => {
    const value = text.trim();
    if (!value) return setFieldError(t('credit.searchRequired'));
    if (Array.from(value).length < 2) return setFieldError(t('credit.searchShort'));
    setFieldError(null);
    if (value === q && page === 1) setAttempt((n) => n + 1);
    else setParams({ q: value });
  };
  const goPage = (p: number) => setParams({ q, page: String(p) });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Page title={t('credit.searchTitle')}>
      <p className="page-intro">{t('credit.searchIntro')}</p>
      <div className="credit-links">
        <Link to="/credit/subscriptions" data-testid="credit-my-subscriptions">
          <Icon name="message" /> {t('credit.mySubscriptions')}
        </Link>
      </div>
      <section className="card credit-search">
        <SubmitForm
          onSubmit={submit}
          busy={loading}
          submitText={t('credit.search')}
          submitTestId="credit-search-submit"
        >
          <div className="field">
            <label htmlFor={inputId} className="field-label">
              {t('credit.searchLabel')}
            </label>
            <TextField
              id={inputId}
              testId="credit-search-input"
              value={text}
              onChange={(v) => {
                setText(v);
                setFieldError(null);
              }}
              placeholder={t('credit.searchPlaceholder')}
              maxLength={50}
              required
              clearable
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? `${inputId}-error` : `${inputId}-help`}
            />
            {fieldError ? (
              <p id={`${inputId}-error`} className="field-error" role="alert" data-testid="credit-search-error">
                {fieldError}
              </p>
            ) : (
              <p id={`${inputId}-help`} className="field-help">
                {t('credit.searchHelp')}
              </p>
            )}
          </div>
        </SubmitForm>
      </section>

      {problem ? (
        <ErrorState problem={problem} title={t('credit.failed')} onRetry={() => setAttempt((n) => n + 1)} />
      ) : loading && !data ? (
        <ListSkeleton rows={4} />
      ) : data && data.total === 0 ? (
        <EmptyState title={t('credit.noResults')} description={t('credit.noResultsDesc')} />
      ) : data ? (
        <section aria-labelledby={resultsId} aria-busy={loading} data-testid="credit-results">
          <h2 id={resultsId} className="visually-hidden">
            {t('credit.resultsTitle')}
          </h2>
          <p className="credit-count" aria-live="polite">
            {t('credit.resultsCount', { count: data.total })}
          </p>
          <ul className="credit-results adm-list">
            {data.items.map((e) => (
              <li key={e.uscc}>
                <ResultItem e={e} />
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <nav className="credit-pager" aria-label={t('credit.resultsTitle')}>
              <Button size="small" disabled={page <= 1 || loading} onClick={() => goPage(page - 1)}>
                {t('credit.prevPage')}
              </Button>
              <span>{t('credit.pageOf', { page, pages })}</span>
              <Button
                size="small"
                disabled={page >= pages || loading}
                onClick={() => goPage(page + 1)}
                data-testid="credit-next-page"
              >
                {t('credit.nextPage')}
              </Button>
            </nav>
          )}
          <div className="credit-count">
            <SourceNote source={data.source} />
          </div>
        </section>
      ) : null}
    </Page>
  );
}
