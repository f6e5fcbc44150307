import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { ASSISTANCE_KINDS, type AssistanceCase, type AssistanceKind, welfare } from '../api/welfare';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts, ProgressTimeline, useCityName } from './records-shared';
import { useWelfareLabel } from './welfare-shared';

const isKind = (v: string | null): v is AssistanceKind => ASSISTANCE_KINDS.includes(v as AssistanceKind);

function CaseCard({ c, kindName }: { c: AssistanceCase; kindName: string }) {
  const { t } = useLocale();
  const label = useWelfareLabel();
  const cityName = useCityName();
  const headingId = useId();
  const yuan = (n: number | null) => (n === null ? null : t('welfare.assistance.yuan', { amount: n.toFixed(2) }));
  return (
    <li className="card records-card" aria-labelledby={headingId} data-testid="assistance-case">
      <div className="records-card-head">
        <h2 id={headingId} className="records-card-title">
          {kindName}
        </h2>
        <Tag
          color={c.status === 'rejected' ? 'danger' : c.status === 'processing' ? 'primary' : 'success'}
          fill="outline"
          className="records-tag"
          data-testid="status"
        >
          {c.statusName}
        </Tag>
      </div>
      <Facts
        rows={[
          [t('welfare.assistance.caseNumber'), c.caseNumber],
          [t('welfare.assistance.appliedOn'), c.appliedOn],
          [t('records.city'), cityName(c.cityCode)],
          [t('welfare.assistance.householdSize'), t('welfare.assistance.persons', { count: c.householdSize })],
          [t('welfare.assistance.channel'), t(`welfare.assistance.channels.${c.channel}`)],
          [t('welfare.assistance.monthly'), yuan(c.monthlyAmount)],
          [t('welfare.assistance.oneOff'), yuan(c.oneOffAmount)],
        ]}
      />
      <ProgressTimeline steps={c.steps} stepLabel={(s) => label('assistance.steps', s.step, s.name)} />
      {c.status === 'rejected' && (
        // what was decided, why, and the way to contest it (a refusal without them leaves a family with nothing to do)
        <div className="records-notice" role="note" data-testid="assistance-rejection">
          {c.rejectionReason && (
            <p>
              <strong>
                {t('welfare.assistance.rejectionReason')}
                {t('common.colon')}
              </strong>
              {c.rejectionReason}
            </p>
          )}
          <p className="field-help">{t('welfare.assistance.remedy')}</p>
        </div>
      )}
    </li>
  );
}

function Cases({ kind }: { kind: AssistanceKind }) {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => welfare.assistance({ city, kind }), [city, kind]);
  const kindName = t(`welfare.assistance.kinds.${kind}`);
  if (problem) return <ErrorState problem={problem} onRetry={reload} title={t('records.failed')} />;
  if (!data) return <ListSkeleton rows={2} />;
  return (
    <>
      {data.cases.length === 0 ? (
        <EmptyState
          title={t('welfare.assistance.empty', { kind: kindName })}
          description={t('welfare.assistance.emptyDesc', { kind: kindName })}
        />
      ) : (
        <ul
          className="records-list"
          aria-label={t('welfare.assistance.listLabel', { kind: kindName })}
          data-testid="assistance-cases"
        >
          {data.cases.map((c) => (
            <CaseCard key={c.caseId} c={c} kindName={kindName} />
          ))}
        </ul>
      )}
      <div className="records-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/**
 * 社会救助办理查询 (B7): the guide's 根据情况选择服务类型 — 最低生活保障, 低收入家庭, 特困人员救助供养, 临时救助, 医疗救助 —
 * then the applicant's cases of that type with their progress. Each catalog query opens it at its type (?kind=).
 */
export default function AssistanceProgress() {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const asked = params.get('kind');
  const kind: AssistanceKind = isKind(asked) ? asked : 'dibao';
  return (
    <Page title={t('welfare.assistance.title')}>
      <p className="page-intro">{t('welfare.assistance.intro')}</p>
      <Segmented
        className="segmented-wrap"
        label={t('welfare.assistance.kindLabel')}
        options={ASSISTANCE_KINDS}
        value={kind}
        onChange={(k) => setParams({ kind: k }, { replace: true })}
        testId={(k) => `kind-${k}`}
        text={(k) => t(`welfare.assistance.kinds.${k}`)}
      />
      <RequireAuth>
        <Cases kind={kind} />
      </RequireAuth>
    </Page>
  );
}
