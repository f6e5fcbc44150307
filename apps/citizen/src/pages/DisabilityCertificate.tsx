import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { type DisabilityRecords, welfare } from '../api/welfare';
import { ForWhomChoice } from '../components/ForWhom';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts, ProgressTimeline, useCityName } from './records-shared';
import { useWelfareLabel } from './welfare-shared';

type Certificate = NonNullable<DisabilityRecords['certificate']>;
type Application = DisabilityRecords['applications'][number];

function CertificateCard({ c }: { c: Certificate }) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <section className="card records-card" aria-labelledby={headingId} data-testid="disability-certificate">
      <div className="records-card-head">
        <h2 id={headingId} className="records-card-title">
          {t('welfare.disability.certificate')}
        </h2>
        <Tag color={c.status === 'valid' ? 'success' : 'warning'} fill="outline" className="records-tag">
          {c.statusName}
        </Tag>
      </div>
      <Facts
        rows={[
          [t('welfare.disability.number'), c.certificateNumberMasked],
          [t('welfare.disability.category'), c.categoryName],
          [t('welfare.disability.grade'), c.gradeName],
          [t('welfare.disability.issuedOn'), c.issuedOn],
          [t('welfare.disability.firstIssuedOn'), c.firstIssuedOn],
          [t('welfare.disability.validUntil'), c.validUntil],
          [t('welfare.disability.issuedBy'), c.issuedBy],
        ]}
      />
    </section>
  );
}

function ApplicationCard({ a }: { a: Application }) {
  const { t } = useLocale();
  const label = useWelfareLabel();
  const headingId = useId();
  return (
    <li className="card records-card" aria-labelledby={headingId} data-testid="disability-application">
      <div className="records-card-head">
        <h3 id={headingId} className="records-card-title">
          {label('disability.kinds', a.kind, a.kindName)}
        </h3>
        <Tag color={a.status === 'processing' ? 'primary' : 'success'} fill="outline" className="records-tag">
          {a.statusName}
        </Tag>
      </div>
      {a.role === 'applicant' ? (
        <p data-testid="acting">{t('welfare.disability.forOther', { name: a.subjectNameMasked })}</p>
      ) : a.applicantNameMasked !== a.subjectNameMasked ? (
        <p data-testid="acting">{t('welfare.disability.byOther', { name: a.applicantNameMasked })}</p>
      ) : null}
      <Facts rows={[[t('welfare.disability.submittedOn'), a.submittedOn]]} />
      <ProgressTimeline steps={a.steps} stepLabel={(s) => label('disability.steps', s.step, s.name)} />
    </li>
  );
}

function Records({ forId }: { forId: string | null }) {
  const { t } = useLocale();
  const { city } = usePreferences();
  const cityName = useCityName();
  const { data, problem, reload } = useVerifiedLoad(
    () => welfare.disability({ city, for: forId ?? undefined }),
    [city, forId],
  );
  if (problem) return <ErrorState problem={problem} onRetry={reload} title={t('records.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  return (
    <>
      {!data.subject.self && (
        <p className="records-note" data-testid="records-of">
          {t('welfare.disability.recordsOf', { name: data.subject.nameMasked })}
        </p>
      )}
      {data.certificate ? (
        <CertificateCard c={data.certificate} />
      ) : (
        <EmptyState
          title={t('welfare.disability.noCertificate')}
          description={t('welfare.disability.noCertificateDesc')}
        />
      )}
      <section aria-labelledby="disability-subsidies">
        <h2 id="disability-subsidies" className="records-subtitle">
          {t('welfare.disability.subsidies')}
        </h2>
        {data.subsidies.length === 0 ? (
          <p data-testid="no-subsidies">{t('welfare.disability.noSubsidies')}</p>
        ) : (
          <ul className="records-list" data-testid="disability-subsidies">
            {data.subsidies.map((s) => (
              <li key={`${s.kind}-${s.since}`} className="card records-card">
                <Facts
                  rows={[
                    [s.kindName, t('welfare.disability.monthly', { amount: s.monthlyAmount.toFixed(2) })],
                    [t('welfare.disability.since'), s.since],
                    [t('records.city'), cityName(s.cityCode)],
                    [t('welfare.disability.status'), s.statusName],
                  ]}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="disability-applications">
        <h2 id="disability-applications" className="records-subtitle">
          {t('welfare.disability.applications')}
        </h2>
        {data.applications.length === 0 ? (
          <p>{t('welfare.disability.noApplications')}</p>
        ) : (
          <ul className="records-list" data-testid="disability-applications">
            {data.applications.map((a) => (
              <ApplicationCard key={a.applicationId} a={a} />
            ))}
          </ul>
        )}
      </section>
      <div className="records-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/** 残疾人证查询 (B8): the certificate, the subsidies paid and the federation's applications with progress. */
export default function DisabilityCertificate() {
  const { t } = useLocale();
  return (
    <Page title={t('welfare.disability.title')}>
      <p className="page-intro">{t('welfare.disability.intro')}</p>
      <RequireAuth>
        {/* 本人或为他人办理: a family member's records with their 授权 */}
        <ForWhomChoice serviceId="canjirenzheng-chaxun">{(forId) => <Records forId={forId} />}</ForWhomChoice>
      </RequireAuth>
    </Page>
  );
}
