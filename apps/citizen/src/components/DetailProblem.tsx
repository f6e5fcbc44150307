import { Link } from 'react-router';
import type { ApiProblem } from '../api/client';
import { ErrorState } from './States';
import './problem.css';

/**
 * The problem of a record's detail page (an appointment, a case, an order): "not found" — a wrong or foreign id,
 * which retrying would only repeat — says so with no retry; anything else offers a retry. Either way there is a
 * link back to the list the record belongs to.
 */
export function DetailProblem({
  problem,
  notFoundCode,
  notFoundTitle,
  onRetry,
  backTo,
  backLabel,
}: {
  problem: ApiProblem;
  /** The module's own not-found code (a 404 of any code counts too). */
  notFoundCode: string;
  notFoundTitle: string;
  onRetry: () => void;
  backTo: string;
  backLabel: string;
}) {
  const notFound = problem.code === notFoundCode || problem.status === 404;
  return (
    <>
      <ErrorState
        problem={problem}
        onRetry={notFound ? undefined : onRetry}
        title={notFound ? notFoundTitle : undefined}
      />
      <p className="problem-actions">
        <Link to={backTo} className="state-link">
          {backLabel}
        </Link>
      </p>
    </>
  );
}
