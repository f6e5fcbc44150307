import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { type HouseholdApproval, records } from '../api/records';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts, ProgressTimeline, useCityName, useCodeLabel } from './records-shared';

const STATUS_COLOR = { pending: 'primary', approved: 'success', rejected: 'danger' } as const;

function ApprovalCard({ a }: { a: HouseholdApproval }) {
  const { t } = useLocale();
  const label = useCodeLabel();
  const cityName = useCityName();
  const headingId = useId();
  return (
    <li className="card records-card" aria-labelledby={headingId} data-testid="household-approval">
      <div className="records-card-head">
        <h2 id={headingId} className="records-card-title">
          {label('approvals.kinds', a.kind, a.kindName)}
        </h2>
        <Tag color={STATUS_COLOR[a.status]} fill="outline" className="records-tag" data-testid="status">
          {label('approvals.statuses', a.status, a.statusName)}
        </Tag>
      </div>
      {a.role === 'applicant' && <p className="records-note">{t('records.approvals.roleApplicant')}</p>}
      <Facts
        rows={[
          [t('records.approvals.number'), a.number],
          [
            t('records.approvals.subject'),
            a.role === 'subject' ? t('records.approvals.self', { name: a.subjectNameMasked }) : a.subjectNameMasked,
          ],
          [
            t('records.approvals.applicant'),
            a.role === 'applicant'
              ? t('records.approvals.self', { name: a.applicantNameMasked ?? '' })
              : (a.applicantNameMasked ?? t('records.approvals.applicantNone')),
          ],
          [t('records.approvals.authority'), a.authority],
          [t('records.city'), cityName(a.cityCode)],
          [t('records.approvals.channel'), label('approvals.channels', a.channel, a.channelName)],
          [t('records.approvals.submittedOn'), a.submittedOn],
          [t('records.approvals.decidedOn'), a.decidedOn],
        ]}
      />
      <ProgressTimeline
        steps={a.steps}
        stepLabel={(s) =>
          a.status === 'pending' && s.state === 'pending' && s.step === 'approved'
            ? t('records.approvals.steps.outcome')
            : label('approvals.steps', s.step, s.name)
        }
      />
    </li>
  );
}

function Approvals() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => records.approvals({ city }), [city]);
  if (problem) return <ErrorState problem={problem} onRetry={reload} title={t('records.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  return (
    <>
      {data.approvals.length === 0 ? (
        <EmptyState title={t('records.approvals.empty')} description={t('records.approvals.emptyDesc')} />
      ) : (
        <ul className="records-list" aria-label={t('records.approvals.listLabel')} data-testid="household-approvals">
          {data.approvals.map((a) => (
            <ApprovalCard key={a.approvalId} a={a} />
          ))}
        </ul>
      )}
      <div className="records-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/** 户政审批查询 (C4): approvals about the citizen or applied for by them, with their progress. */
export default function HouseholdApprovals() {
  const { t } = useLocale();
  return (
    <Page title={t('records.approvals.title')}>
      <p className="page-intro">{t('records.approvals.intro')}</p>
      <RequireAuth>
        <Approvals />
      </RequireAuth>
    </Page>
  );
}
