import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { type Property, type RegistrationProof, realEstate } from '../api/bills';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './bills.css';

const money = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function PropertyCard({ p }: { p: Property }) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="real-estate-property">
      <div className="bills-account-head">
        <h2 id={headingId} className="section-title bills-certificate">
          {p.certificateNumber}
        </h2>
        <Tag color={p.status === '抵押' ? 'warning' : 'success'} fill="outline" data-testid="real-estate-status">
          {p.status}
        </Tag>
      </div>
      <dl className="bills-kv">
        <dt>{t('bills.realEstate.certificateKind')}</dt>
        <dd>{p.certificateKind}</dd>
        <dt>{t('bills.realEstate.location')}</dt>
        <dd>{p.location}</dd>
        <dt>{t('bills.realEstate.floorArea')}</dt>
        <dd data-testid="real-estate-area">{t('bills.realEstate.area', { area: p.floorArea.toFixed(2) })}</dd>
        <dt>{t('bills.realEstate.use')}</dt>
        <dd>{p.use}</dd>
        <dt>{t('bills.realEstate.status')}</dt>
        <dd>{p.status}</dd>
        <dt>{t('bills.realEstate.shareKind')}</dt>
        <dd>{t('bills.realEstate.holders', { kind: p.shareKind, count: p.holderCount })}</dd>
        <dt>{t('bills.realEstate.registrationType')}</dt>
        <dd>{p.registrationType}</dd>
        <dt>{t('bills.realEstate.registeredOn')}</dt>
        <dd>{p.registeredOn}</dd>
        <dt>{t('bills.realEstate.landUseUntil')}</dt>
        <dd>{t('bills.realEstate.until', { date: p.landUseUntil })}</dd>
        <dt>{t('bills.realEstate.unitNumber')}</dt>
        <dd className="bills-break">{p.unitNumber}</dd>
      </dl>
      {p.mortgages.length > 0 && (
        <div className="bills-sub">
          <h3 className="bills-sub-title">{t('bills.realEstate.mortgages')}</h3>
          {p.mortgages.map((m) => (
            <dl className="bills-kv" key={m.proofNumber} data-testid="real-estate-mortgage">
              <dt>{t('bills.realEstate.mortgagee')}</dt>
              <dd>{m.mortgagee}</dd>
              <dt>{t('bills.realEstate.mortgageAmount')}</dt>
              <dd>{t('bills.realEstate.yuan', { amount: money(m.amount) })}</dd>
              <dt>{t('bills.realEstate.term')}</dt>
              <dd>{t('bills.realEstate.termValue', { from: m.termFrom, to: m.termTo })}</dd>
              <dt>{t('bills.realEstate.proofNumber')}</dt>
              <dd className="bills-break">{m.proofNumber}</dd>
            </dl>
          ))}
        </div>
      )}
    </section>
  );
}

function ProofCard({ p }: { p: RegistrationProof }) {
  const { t } = useLocale();
  return (
    <dl className="bills-kv" data-testid="real-estate-proof">
      <dt>{t('bills.realEstate.proofNumber')}</dt>
      <dd className="bills-break">{p.proofNumber}</dd>
      <dt>{t('bills.realEstate.kind')}</dt>
      <dd>
        {p.kindName} · {p.status}
      </dd>
      <dt>{t('bills.realEstate.location')}</dt>
      <dd>{p.location}</dd>
      <dt>{t('bills.realEstate.obligor')}</dt>
      <dd>{p.obligor}</dd>
      <dt>{t('bills.realEstate.registeredOn')}</dt>
      <dd>{p.registeredOn}</dd>
    </dl>
  );
}

function Info() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => realEstate.properties(city), [city]);
  const proofsId = useId();
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('bills.realEstate.failed')} />;
  if (!data) return <ListSkeleton rows={4} />;
  if (data.properties.length === 0 && data.proofs.length === 0)
    return (
      <>
        <EmptyState title={t('bills.realEstate.empty')} description={t('bills.realEstate.emptyDesc')} />
        <SourceNote source={data.source} />
      </>
    );
  return (
    <>
      {data.properties.map((p) => (
        <PropertyCard key={p.certificateNumber} p={p} />
      ))}
      {data.proofs.length > 0 && (
        <section className="card" aria-labelledby={proofsId}>
          <h2 id={proofsId} className="section-title">
            {t('bills.realEstate.proofsTitle')}
          </h2>
          {data.proofs.map((p) => (
            <ProofCard key={p.proofNumber} p={p} />
          ))}
        </section>
      )}
      <div className="bills-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/** 不动产信息查询 (G2): the person's titles in the province, with status and mortgages; co-owners only counted. */
export default function RealEstate() {
  const { t } = useLocale();
  return (
    <Page title={t('bills.realEstate.title')}>
      <p className="page-intro">{t('bills.realEstate.intro')}</p>
      <RequireAuth>
        <Info />
      </RequireAuth>
    </Page>
  );
}
