import {
  type Delegation,
  PENSION_SERVICE_ID,
  type PensionCertifyResult,
  type PensionSchemeCode,
  type PensionStatus,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Tag from 'antd-mobile/es/components/tag';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { delegation } from '../api/delegation';
import { pension } from '../api/pension';
import { LinkCertificateButton } from '../components/LinkCertificateButton';
import { LookupProblem } from '../components/LookupProblem';
import { Page, useGoBack } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SourceNote } from '../components/SourceNote';
import { ListSkeleton, useProblemText } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts } from './records-shared';
import './pension.css';

const STATUS_COLOR = { valid: 'success', 'due-soon': 'warning', expired: 'danger', never: 'default' } as const;

/** 2027-11-26 → 2027年11月26日 (Chinese), as it is in English. */
function useDay() {
  const { isEn } = useLocale();
  return (day: string | null) => {
    if (!day) return '';
    if (isEn) return day;
    const [y, m, d] = day.split('-');
    return `${y}年${Number(m)}月${Number(d)}日`;
  };
}

/** The family members who authorised the caller for 养老资格认证 (active delegations covering the service). */
export function certifiableMembers(list: { asAgent: Delegation[] }): Delegation[] {
  return list.asAgent.filter((d) => d.status === 'active' && d.services.some((s) => s.id === PENSION_SERVICE_ID));
}

function WhoPicker({ value, onChange }: { value: string | null; onChange: (forId: string | null) => void }) {
  const { t } = useLocale();
  const auth = useAuth();
  const [data, setData] = useState<{ asAgent: Delegation[] } | null>(null);
  // Behind the same verification prompt as the status (one prompt for both); a cancel is handled by the status
  // (which goes back once), so here it only leaves the list empty.
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per page
  useEffect(() => {
    let live = true;
    auth
      .withVerification(() => delegation.list())
      .then(
        (list) => live && setData(list),
        () => live && setData({ asAgent: [] }),
      );
    return () => {
      live = false;
    };
  }, []);
  const members = data ? certifiableMembers(data) : [];
  const hintId = useId();
  const options = ['self', ...members.map((m) => m.id)];
  const nameOf = (id: string) => {
    if (id === 'self') return t('welfare.pension.self');
    const m = members.find((x) => x.id === id);
    if (!m) return id;
    return m.otherParty.relationLabel
      ? t('welfare.pension.forMember', { name: m.otherParty.nameMasked, relation: m.otherParty.relationLabel })
      : t('welfare.pension.forMemberNoRelation', { name: m.otherParty.nameMasked });
  };
  return (
    <section className="card" aria-labelledby={hintId} data-testid="pension-who">
      <h2 id={hintId} className="section-title">
        {t('welfare.pension.who')}
      </h2>
      <Segmented
        className="pension-who"
        label={t('welfare.pension.who')}
        options={options}
        value={value ?? 'self'}
        onChange={(id) => onChange(id === 'self' ? null : id)}
        testId={(id) => (id === 'self' ? 'pension-who-self' : `pension-who-${id}`)}
        text={nameOf}
      />
      {data && (
        <p className="field-help">
          {members.length === 0 ? t('welfare.pension.noMembers') : t('welfare.pension.memberHint')}{' '}
          <Link to={`/me/family/add?service=${PENSION_SERVICE_ID}`} data-testid="pension-add-member">
            {t('welfare.pension.addMember')}
          </Link>
        </p>
      )}
    </section>
  );
}

function StatusCard({ data }: { data: PensionStatus }) {
  const { t } = useLocale();
  const problemText = useProblemText();
  const day = useDay();
  const headingId = useId();
  const c = data.certification;
  const p = data.pension;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="pension-status">
      <div className="records-card-head">
        <h2 id={headingId} className="section-title">
          {t('welfare.pension.status')}
        </h2>
        <Tag
          color={c ? STATUS_COLOR[c.status] : 'default'}
          fill="outline"
          className="pension-tag"
          data-testid="pension-status-tag"
        >
          {c ? c.statusName : t('welfare.pension.noPension')}
        </Tag>
      </div>
      {c?.validUntil && (
        <p className={`pension-until ${c.status}`} data-testid="pension-valid-until">
          {t('welfare.pension.validUntil')} {day(c.validUntil)}
          {c.daysLeft !== null && (
            <span className="pension-days">
              {c.daysLeft >= 0
                ? t('welfare.pension.daysLeft', { count: c.daysLeft })
                : t('welfare.pension.overdue', { count: -c.daysLeft })}
            </span>
          )}
        </p>
      )}
      <Facts
        rows={[
          [t('welfare.pension.person'), data.subject.nameMasked],
          [t('welfare.pension.scheme'), p?.schemeName],
          [t('welfare.pension.payingCity'), p?.insuredCityName],
          [t('welfare.pension.since'), p?.since],
          [t('welfare.pension.lastCertified'), c ? day(c.lastCertifiedOn) || t('welfare.pension.never') : null],
          [
            t('welfare.pension.lastBy'),
            c?.lastCertifiedBy
              ? t(c.lastCertifiedBy === 'self' ? 'welfare.pension.bySelf' : 'welfare.pension.byAgent')
              : null,
          ],
        ]}
      />
      {data.blocker && (
        <p className="pension-notice" role="note" data-testid="pension-blocker">
          <strong>
            {t('welfare.pension.cannotCertify')}
            {t('common.colon')}
          </strong>
          {problemText(data.blocker)}
        </p>
      )}
    </section>
  );
}

function Certify({ forId, onCertified }: { forId: string | null; onCertified: (r: PensionCertifyResult) => void }) {
  const { t } = useLocale();
  const auth = useAuth();
  const goBack = useGoBack();
  const { city } = usePreferences();
  const query = { city, for: forId ?? undefined };
  const { data, problem, reload } = useVerifiedLoad(() => pension.status(query), [city, forId]);
  const [scheme, setScheme] = useState<PensionSchemeCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const problemText = useProblemText();
  const failureRef = useRef<HTMLParagraphElement>(null);
  const schemeId = useId();

  useEffect(() => {
    // the person's own 社保类型 preselected, when the city supports it
    const own = data?.pension?.scheme;
    setScheme(own && data?.schemes.some((s) => s.scheme === own) ? own : null);
    setFailure(null);
  }, [data]);
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('welfare.pension.failed')} />;
  if (!data) return <ListSkeleton rows={4} />;

  const certify = async () => {
    if (!scheme) return;
    setBusy(true);
    setFailure(null);
    // The 认证 is the live face check: the verification prompt opens every time, even after a recent one.
    let faced = false;
    try {
      const result = await auth.withVerification(() => {
        if (!faced) {
          faced = true;
          const detail = forId ? t('welfare.pension.faceNeededAgent') : t('welfare.pension.faceNeeded');
          return Promise.reject(new ApiProblem({ status: 403, code: 'VERIFICATION_REQUIRED', title: detail, detail }));
        }
        return pension.certify(query, scheme);
      });
      onCertified(result);
    } catch (e) {
      if (!isVerificationCancelled(e) && isApiProblem(e)) setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const canCertify = data.blocker === null && data.pension !== null;
  return (
    <>
      <StatusCard data={data} />
      {canCertify && (
        <section className="card" aria-labelledby={schemeId} data-testid="pension-certify">
          <h2 id={schemeId} className="section-title">
            {t('welfare.pension.chooseScheme')}
          </h2>
          <fieldset className="pension-schemes" aria-labelledby={schemeId}>
            {data.schemes.map((s) => (
              <label key={s.scheme} className={`pension-scheme${scheme === s.scheme ? ' active' : ''}`}>
                <input
                  type="radio"
                  name="pension-scheme"
                  value={s.scheme}
                  checked={scheme === s.scheme}
                  onChange={() => setScheme(s.scheme)}
                  data-testid={`pension-scheme-${s.scheme}`}
                />
                <span>{s.name}</span>
              </label>
            ))}
          </fieldset>
          <p className="field-help">{t('welfare.pension.schemeHint')}</p>
          {failure && (
            <p className="pension-notice" role="alert" tabIndex={-1} ref={failureRef} data-testid="pension-failure">
              {problemText(failure)}
            </p>
          )}
          <Button
            color="primary"
            block
            size="large"
            className="pension-start"
            loading={busy}
            loadingText={t('welfare.pension.starting')}
            disabled={!scheme || busy}
            onClick={certify}
            data-testid="pension-start"
          >
            {t('welfare.pension.start')}
          </Button>
        </section>
      )}
      <SourceNote source={data.source} />
      {!canCertify && (
        <div className="action-row">
          {data.blocker?.code === 'SOCIAL_SECURITY_CARD_REQUIRED' && (
            // 关联社保卡后，选择养老资格认证: the way to link it, coming back here (and to the same person) afterwards
            <LinkCertificateButton
              type="social-security-card"
              next={forId ? `/pension-certification?${new URLSearchParams({ for: forId })}` : '/pension-certification'}
              testId="pension-link-card"
            >
              {t('welfare.pension.linkCard')}
            </LinkCertificateButton>
          )}
          <Button block size="large" onClick={goBack}>
            {t('common.back')}
          </Button>
        </div>
      )}
    </>
  );
}

function Success({ result, onDone }: { result: PensionCertifyResult; onDone: () => void }) {
  const { t } = useLocale();
  const day = useDay();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card pension-success" role="status" data-testid="pension-success">
      <h2 ref={headingRef} tabIndex={-1} className="pension-success-title">
        {result.subject.self
          ? t('welfare.pension.successTitle')
          : t('welfare.pension.successFor', { name: result.subject.nameMasked })}
      </h2>
      <p className="pension-success-until" data-testid="pension-success-until">
        {t('welfare.pension.successValid', { date: day(result.validUntil) })}
      </p>
      <p>{result.schemeName}</p>
      {result.alreadyCertified && <p data-testid="pension-already">{t('welfare.pension.successAgain')}</p>}
      <p className="field-help">{t('welfare.pension.successNote')}</p>
      <div className="pension-actions">
        <Button block size="large" color="primary" onClick={onDone} data-testid="pension-done">
          {t('welfare.pension.done')}
        </Button>
        <Link to="/inbox" className="state-link">
          {t('welfare.pension.inbox')}
        </Link>
      </div>
    </section>
  );
}

function Flow() {
  const [params, setParams] = useSearchParams();
  const forId = params.get('for');
  const [result, setResult] = useState<PensionCertifyResult | null>(null);
  if (result) return <Success result={result} onDone={() => setResult(null)} />;
  return (
    <>
      <WhoPicker value={forId} onChange={(id) => setParams(id ? { for: id } : {}, { replace: true })} />
      <Certify key={forId ?? 'self'} forId={forId} onCertified={setResult} />
    </>
  );
}

/**
 * 养老资格认证 (E4): for oneself or a family member who authorised it; the 社保类型 (the city's, the pension's own
 * preselected), the status, then 开始认证 → 刷脸 → 认证成功，有效期至 …. Large text and big buttons.
 */
export default function PensionCertification() {
  const { t } = useLocale();
  return (
    <Page title={t('welfare.pension.title')}>
      <p className="page-intro">{t('welfare.pension.intro')}</p>
      <RequireAuth>
        <Flow />
      </RequireAuth>
    </Page>
  );
}
