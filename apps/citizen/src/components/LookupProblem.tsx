import type { ApiProblem } from '../api/client';
import { useLocale } from '../i18n/localize';
import { ErrorState } from './States';

/**
 * The problem of a personal lookup: a city the service does not cover is said in the guide's words (the
 * server's detail, e.g. 暂仅支持阳江) with where to change the city, not offered as a retry; anything else
 * gets the usual retry.
 */
export function LookupProblem({
  problem,
  onRetry,
  title,
}: {
  problem: ApiProblem;
  onRetry: () => void;
  title: string;
}) {
  const { t } = useLocale();
  if (problem.code === 'SERVICE_NOT_IN_CITY')
    return (
      <>
        <ErrorState problem={problem} title={t('bills.notInCity')} />
        <p className="page-intro bills-hint" data-testid="not-in-city-hint">
          {t('bills.switchCity')}
        </p>
      </>
    );
  return <ErrorState problem={problem} onRetry={onRetry} title={title} />;
}
