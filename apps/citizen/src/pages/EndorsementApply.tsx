import {
  ENDORSEMENT_CANCEL_NOTE,
  ENDORSEMENT_PROOF_NOTE,
  type EndorsementOptionView,
  type EndorsementPermit,
  type EndorsementServiceId,
  formatFen,
  type PaymentOrder,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Result from 'antd-mobile/es/components/result';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { duesApi } from '../api/dues';
import { ForWhomChoice } from '../components/ForWhom';
import { Page } from '../components/Page';
import '../components/problem.css';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { newSubmissionId } from '../lib/apply-drafts';
import { outcomeUnknown } from '../lib/appointments';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './cases.css';
import './records.css';
import './payments.css';

const SERVICES: readonly EndorsementServiceId[] = ['gangao-zaici-qianzhu', 'taiwan-qianzhu'];
const optionKey = (documentNumber: string, o: EndorsementOptionView) =>
  `${documentNumber}:${o.destination}:${o.kind}:${o.trips}`;

/** 不支持线上取消: the guide's words, and the proof of payment, before the citizen pays. */
function Notes() {
  const { t } = useLocale();
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId} data-testid="endorse-notes">
      <h2 id={titleId} className="section-title">
        {t('dues.endorse.cancelTitle')}
      </h2>
      <p className="field-help" data-testid="endorse-cancel-note">
        {ENDORSEMENT_CANCEL_NOTE}
      </p>
      <p className="field-help" data-testid="endorse-proof-note">
        {ENDORSEMENT_PROOF_NOTE}
      </p>
    </section>
  );
}

/** One permit and the endorsements it may get (a radio group); unavailable ones say why. */
function PermitCard({
  permit,
  chosen,
  onChoose,
}: {
  permit: EndorsementPermit;
  chosen: string | null;
  onChoose: (permit: EndorsementPermit, o: EndorsementOptionView) => void;
}) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <li className="card records-card" aria-labelledby={headingId} data-testid="endorse-permit">
      <h3 id={headingId} className="records-card-title">
        {t('dues.endorse.permit', { kind: permit.kindName, number: permit.documentNumber })}
      </h3>
      <p className="field-help">
        {t('dues.endorse.validUntil', { date: permit.validUntil })} ·{' '}
        {t('dues.endorse.issuePlace', { place: permit.issuePlace })} · {permit.statusName}
      </p>
      {!permit.eligible ? (
        <p className="form-error" data-testid="endorse-permit-reason">
          {permit.reason ?? t('dues.endorse.notEligible')}
        </p>
      ) : (
        <fieldset className="endorse-options">
          <legend className="records-subtitle">{t('dues.endorse.choose')}</legend>
          {permit.options.map((o) => {
            const key = optionKey(permit.documentNumber, o);
            const reasonId = `${key}-reason`;
            return (
              <label key={key} className="pay-bill" data-testid="endorse-option" data-available={o.available}>
                <input
                  type="radio"
                  name="endorsement"
                  value={key}
                  checked={chosen === key}
                  disabled={!o.available}
                  onChange={() => onChoose(permit, o)}
                  aria-describedby={o.reason ? reasonId : undefined}
                />
                <span className="pay-bill-text">
                  <span className="pay-bill-period">
                    {t('dues.endorse.optionLabel', {
                      destination: o.destinationName,
                      kind: o.kindName,
                      trips: o.tripsName,
                    })}
                  </span>
                  <span className="pay-bill-amount">{formatFen(o.feeFen)}</span>
                  <span className="field-help">
                    {t('dues.endorse.optionFacts', { days: o.stayDays, months: o.validMonths })}
                  </span>
                  {o.reason && (
                    <span className="field-help" id={reasonId}>
                      {o.reason}
                    </span>
                  )}
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
    </li>
  );
}

/** The 申领预约 service of the permit an endorsement goes on. */
const PERMIT_APPLICATION: Record<EndorsementServiceId, string> = {
  'gangao-zaici-qianzhu': 'gangao-tongxingzheng-shenling-yuyue',
  'taiwan-qianzhu': 'taiwan-tongxingzheng-shenling-yuyue',
};

function ApplyFlow({ service, forId }: { service: EndorsementServiceId; forId: string | null }) {
  const { t } = useLocale();
  const auth = useAuth();
  const navigate = useNavigate();
  const { city } = usePreferences();
  const load = useVerifiedLoad(() => duesApi.endorsementOptions(service, city, forId), [service, city, forId]);
  const [chosen, setChosen] = useState<{ permit: EndorsementPermit; option: EndorsementOptionView } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ key: string; id: string } | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (load.problem?.code === 'SERVICE_NOT_IN_CITY') {
    return (
      <section className="card case-result" data-testid="endorse-not-in-city">
        <Result status="warning" title={t('dues.endorse.notInCity')} description={errorText(load.problem, t)} />
      </section>
    );
  }
  if (load.problem) return <ErrorState problem={load.problem} onRetry={load.reload} />;
  if (!load.data) return <ListSkeleton rows={3} />;
  const data = load.data;

  const submit = async () => {
    if (busy) return;
    if (!chosen) {
      setError(t('dues.endorse.chooseFirst'));
      return;
    }
    const key = optionKey(chosen.permit.documentNumber, chosen.option);
    if (attempt.current?.key !== key) attempt.current = { key, id: newSubmissionId() };
    const submissionId = attempt.current.id;
    setBusy(true);
    setError(null);
    try {
      const order: PaymentOrder = await auth.withVerification(() =>
        duesApi.createEndorsement(
          {
            service,
            city,
            documentNumber: chosen.permit.documentNumber,
            destination: chosen.option.destination,
            kind: chosen.option.kind,
            trips: chosen.option.trips,
            amountFen: chosen.option.feeFen,
            submissionId,
          },
          forId,
        ),
      );
      navigate(`/pay/${encodeURIComponent(order.id)}`);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (!isApiProblem(e) || !outcomeUnknown(e)) attempt.current = null;
      setError(errorText(e, t));
      if (isApiProblem(e) && (e.code === 'BILL_AMOUNT_CHANGED' || e.code === 'ENDORSEMENT_NOT_ELIGIBLE')) {
        setChosen(null);
        load.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Notes />
      {error && (
        <p className="form-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="endorse-error">
          {error}
        </p>
      )}
      {data.permits.length === 0 ? (
        <EmptyState
          title={t('dues.endorse.permitsEmpty')}
          description={t('dues.endorse.permitsEmptyDesc')}
          action={
            // no permit to endorse: the way to get one (出入境 申领预约 of the same permit)
            <Link
              to={`/services/${PERMIT_APPLICATION[service]}`}
              className="state-link"
              data-testid="endorse-get-permit"
            >
              {t(service === 'taiwan-qianzhu' ? 'dues.endorse.getTaiwanPermit' : 'dues.endorse.getGangaoPermit')}
            </Link>
          }
        />
      ) : (
        <section aria-label={t('dues.endorse.permits')}>
          <ul className="records-list" data-testid="endorse-permits">
            {data.permits.map((p) => (
              <PermitCard
                key={p.documentNumber}
                permit={p}
                chosen={chosen ? optionKey(chosen.permit.documentNumber, chosen.option) : null}
                onChoose={(permit, option) => {
                  setError(null);
                  setChosen({ permit, option });
                }}
              />
            ))}
          </ul>
          {data.permits.some((p) => p.eligible) && (
            <div className="card">
              {chosen ? (
                <p className="pay-amount-row">
                  <span className="visually-hidden">{t('dues.endorse.fee')} </span>
                  <span className="pay-amount" data-testid="endorse-fee">
                    {formatFen(chosen.option.feeFen)}
                  </span>
                </p>
              ) : (
                // before a choice, what to do, rather than a bare dash where the fee will be
                <p className="pay-amount-row field-help" data-testid="endorse-fee">
                  {t('dues.endorse.feeHint')}
                </p>
              )}
              <Button
                block
                color="primary"
                size="large"
                onClick={() => void submit()}
                loading={busy}
                data-testid="endorse-submit"
              >
                {busy ? t('dues.endorse.creating') : t('dues.endorse.submit')}
              </Button>
            </div>
          )}
        </section>
      )}
      <div className="problem-actions">
        <SourceNote source={data.source} />
        <Link to="/exit-entry/endorsements" className="state-link" data-testid="endorse-progress-link">
          {t('dues.endorse.progressLink')}
        </Link>
      </div>
    </>
  );
}

/**
 * /exit-entry/endorsements/apply?service=gangao-zaici-qianzhu|taiwan-qianzhu 港澳通行证再次签注 / 台湾通行证签注 (D6):
 * choose the permit and the endorsement, pay the fee (the cashier), then the exit-entry system handles it.
 */
export default function EndorsementApply() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const wanted = params.get('service');
  const service: EndorsementServiceId = SERVICES.find((s) => s === wanted) ?? 'gangao-zaici-qianzhu';
  return (
    <Page title={service === 'taiwan-qianzhu' ? t('dues.endorse.titleTaiwan') : t('dues.endorse.titleGangao')}>
      <p className="page-intro">{t('dues.endorse.intro')}</p>
      <RequireAuth>
        {/* 本人或为他人办理 (the catalog's rule for both services): the family member's permits with their 授权 */}
        <ForWhomChoice key={service} serviceId={service}>
          {(forId) => <ApplyFlow service={service} forId={forId} />}
        </ForWhomChoice>
      </RequireAuth>
    </Page>
  );
}
