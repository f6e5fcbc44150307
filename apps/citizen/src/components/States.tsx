import Button from 'antd-mobile/es/components/button';
import Empty from 'antd-mobile/es/components/empty';
import Result from 'antd-mobile/es/components/result';
import Skeleton from 'antd-mobile/es/components/skeleton';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api/client';
import { problemText, type ShownProblem } from '../i18n/problems';

/**
 * What to tell a person about a problem, in the UI language: in Chinese the server's own detail (our own wording for
 * network failures); in English the English sentence of its code (i18n/problems.en.ts), else the server's text.
 */
export function useProblemText() {
  const { t, i18n } = useTranslation();
  return (problem: ShownProblem) => problemText(problem, t, i18n.language);
}

/** Error state of a data page: what happened (the problem's detail) and a retry button. */
export function ErrorState({ problem, onRetry, title }: { problem: ApiProblem; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const text = useProblemText();
  return (
    <div className="state-block" role="alert">
      <Result status="warning" title={title ?? t('errors.loadFailed')} description={text(problem)} />
      {onRetry && (
        <Button color="primary" fill="outline" className="state-action" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
}) {
  return (
    <div className="state-block" role="status">
      <Empty
        description={
          <span className="empty-text">
            <strong className="empty-title">{title}</strong>
            {description && <span className="empty-desc">{description}</span>}
          </span>
        }
      />
      {action}
    </div>
  );
}

/** Skeleton of a list (services, FAQs) while loading. */
export function ListSkeleton({ rows = 6 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton-list" role="status" aria-live="polite" aria-label={t('common.loading')}>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div className="skeleton-row" key={i}>
          <Skeleton animated className="skeleton-icon" />
          <div className="skeleton-lines">
            <Skeleton.Title animated className="skeleton-title" />
            <Skeleton animated className="skeleton-line" />
          </div>
        </div>
      ))}
    </div>
  );
}

export function GridSkeleton({ items = 8 }: { items?: number }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton-grid" role="status" aria-label={t('common.loading')}>
      {Array.from({ length: items }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div className="skeleton-tile" key={i}>
          <Skeleton animated className="skeleton-icon" />
          <Skeleton animated className="skeleton-label" />
        </div>
      ))}
    </div>
  );
}

/** Fallback of a lazily loaded page. */
export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="page-skeleton" role="status" aria-label={t('app.loadingPage')}>
      <div className="page-skeleton-bar" />
      <div className="page-skeleton-body">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={4} animated />
        <ListSkeleton rows={4} />
      </div>
    </div>
  );
}
