import Button from 'antd-mobile/es/components/button';
import { Link, useParams } from 'react-router';
import { taxfund } from '../api/taxfund';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { formatBeijing } from '../lib/taxfund-time';
import { RequireAuth } from '../state/auth';
import './medfund.css';
import './taxfund.css';

function Detail({ id }: { id: string }) {
  const { t } = useLocale();
  const { data, problem, reload } = useVerifiedLoad(() => taxfund.withdrawal(id), [id]);
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('taxfund.failed')} />;
  if (!data) return <ListSkeleton rows={6} />;
  return (
    <section className="card" data-testid="gjj-withdrawal" data-status={data.status}>
      <h2 className={`section-title tf-status tf-status-${data.status}`}>
        {t(`taxfund.withdraw.statusOf.${data.status}`)}
      </h2>
      <dl className="mf-facts">
        <dt>{t('taxfund.withdraw.reason')}</dt>
        <dd>{data.reasonName}</dd>
        <dt>{t('taxfund.withdraw.amount')}</dt>
        <dd data-testid="gjj-withdrawal-amount">{data.amount.toFixed(2)}</dd>
        <dt>{t('taxfund.withdraw.card')}</dt>
        <dd>
          {data.bankName} {data.bankCardMasked}
        </dd>
        <dt>{t('taxfund.withdraw.applicationNumber')}</dt>
        <dd>{data.applicationNumber}</dd>
        <dt>{t('taxfund.withdraw.submittedAt')}</dt>
        <dd>{formatBeijing(data.submittedAt)}</dd>
        {data.completedOn && (
          <>
            <dt>{t('taxfund.withdraw.completedOn')}</dt>
            <dd>{data.completedOn}</dd>
          </>
        )}
        {data.refusalNote && (
          <>
            <dt>{t('taxfund.withdraw.refusal')}</dt>
            <dd>{data.refusalNote}</dd>
          </>
        )}
      </dl>
      <p className="field-help">
        {data.centreName}
        {data.status === 'in-progress' && ` · ${t('taxfund.withdraw.inProgressNote')}`}
      </p>
      <div className="tf-actions">
        {data.status === 'in-progress' && (
          <Button color="primary" fill="outline" onClick={reload} data-testid="gjj-refresh">
            {t('taxfund.withdraw.refresh')}
          </Button>
        )}
        <Link to="/housing-fund/withdraw">{t('taxfund.withdraw.toList')}</Link>
      </div>
    </section>
  );
}

/** 公积金提取进度: one online application and the centre's decision (the 消息 of each step links here). */
export default function HousingFundWithdrawal() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  return (
    <Page title={t('taxfund.withdraw.detailTitle')}>
      <RequireAuth>
        <Detail id={id} />
      </RequireAuth>
    </Page>
  );
}
