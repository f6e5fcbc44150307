import { Link } from 'react-router';
import type { ApiProblem } from '../api/client';
import { useLocale } from '../i18n/localize';
import { ErrorState } from './States';
import './problem.css';

/**
 * The problem of a lookup page, so that the citizen knows what to do next. A rule of the guide (a 4xx answer: a
 * city the service does not cover, a payment not yet activated …) is said in the server's words with the way
 * forward and no retry, which would only repeat it; a failure (no answer, 5xx, rate limit) offers a retry.
 * `action` is a page's own way forward for one problem code (e.g. 去开通医保支付 when not activated).
 */
export function LookupProblem({
  problem,
  onRetry,
  title,
  action,
}: {
  problem: ApiProblem;
  onRetry: () => void;
  title: string;
  action?: { to: string; label: string; when: string };
}) {
  const { t } = useLocale();
  const notInCity = problem.code === 'SERVICE_NOT_IN_CITY';
  const rule = problem.status >= 400 && problem.status < 500 && problem.status !== 429;
  const showAction = action !== undefined && problem.code === action.when;
  return (
    <>
      <ErrorState
        problem={problem}
        onRetry={rule ? undefined : onRetry}
        title={notInCity ? t('errors.notInCity') : title}
      />
      {(showAction || notInCity) && (
        <div className="problem-actions">
          {showAction && (
            <Link
              to={action.to}
              className="adm-button adm-button-primary adm-button-block adm-button-shape-default state-link"
            >
              {action.label}
            </Link>
          )}
          {notInCity && (
            <Link to="/" className="state-link" data-testid="not-in-city-hint">
              {t('errors.switchCity')}
            </Link>
          )}
        </div>
      )}
    </>
  );
}
