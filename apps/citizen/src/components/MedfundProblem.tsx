import { Link } from 'react-router';
import type { ApiProblem } from '../api/client';
import { useLocale } from '../i18n/localize';
import { ErrorState } from './States';

/**
 * A problem on the 医保/公积金 pages: a rule of the guide (city, activation, card: 4xx) says what to do and offers
 * no pointless retry; a failure (5xx, network) offers a retry.
 */
export function MedfundProblem({
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
  const rule = problem.status >= 400 && problem.status < 500;
  return (
    <>
      <ErrorState problem={problem} onRetry={rule ? undefined : onRetry} title={title} />
      <div className="mf-actions mf-actions-page">
        {action && problem.code === action.when && (
          <Link
            to={action.to}
            className="adm-button adm-button-primary adm-button-block adm-button-shape-default state-link"
          >
            {action.label}
          </Link>
        )}
        {problem.code === 'SERVICE_NOT_IN_CITY' && (
          <Link to="/" className="state-link" data-testid="mf-switch-city">
            {t('medfund.switchCity')}
          </Link>
        )}
      </div>
    </>
  );
}
