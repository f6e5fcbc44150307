import { findCity } from '@yss/contracts';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiProblem } from '../api/client';
import { type HousingFundWithdrawal, taxfund, type WithdrawalConditions } from '../api/taxfund';
import { FormField } from '../components/FormField';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ListSkeleton, useProblemText } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { newSubmissionId } from '../lib/apply-drafts';
import { errorText, fieldErrorsOf } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './medfund.css';
import './taxfund.css';

const money = (n: number) => n.toFixed(2);
type Conditions = NonNullable<WithdrawalConditions['conditions']>;
type Field = 'amount' | 'bankName' | 'cardNumber';

/** Yuan typed by the citizen → fen, exactly (null: not an amount with at most two decimals). */
export function fenOf(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

function ApplyForm({ c, city }: { c: Conditions; city: string }) {
  const { t } = useLocale();
  const auth = useAuth();
  const navigate = useNavigate();
  const headingId = useId();
  const [submissionId] = useState(newSubmissionId);
  const [reason, setReason] = useState<Conditions['reasons'][number]['code']>(c.reasons[0]?.code ?? 'rent');
  const [values, setValues] = useState<Record<Field, string>>({ amount: '', bankName: '', cardNumber: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (f: Field) => (v: string) => {
    setValues((s) => ({ ...s, [f]: v }));
    setErrors((e) => ({ ...e, [f]: undefined }));
  };

  const submit = async () => {
    const fen = fenOf(values.amount);
    const found: Partial<Record<Field, string>> = {};
    if (fen === null || fen === 0) found.amount = t('taxfund.withdraw.amountInvalid');
    else if (fen > Math.round(c.maxAmount * 100)) found.amount = t('taxfund.withdraw.amountTooMuch');
    if (values.bankName.trim().length < 2) found.bankName = t('taxfund.withdraw.bankNameRequired');
    if (values.cardNumber.trim() === '') found.cardNumber = t('taxfund.withdraw.cardNumberRequired');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const w = await auth.withVerification(() =>
        taxfund.submitWithdrawal({
          submissionId,
          city,
          reason,
          amount: values.amount.trim(),
          bankName: values.bankName.trim(),
          cardNumber: values.cardNumber.replace(/\s/g, ''),
        }),
      );
      navigate(`/housing-fund/withdrawals/${w.id}`);
    } catch (e) {
      if (isApiProblem(e) && e.errors.length > 0) {
        const byField = fieldErrorsOf(e, ['amount', 'bankName', 'cardNumber'] as const);
        setErrors(byField);
        if (Object.keys(byField).length === 0) setProblem(errorText(e, t));
      } else setProblem(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('taxfund.withdraw.form')}
      </h2>
      <SubmitForm
        onSubmit={submit}
        busy={busy}
        submitText={t('taxfund.withdraw.submit')}
        submitTestId="gjj-withdraw-submit"
      >
        <p className="field-label" id={`${headingId}-reason`}>
          {t('taxfund.withdraw.reason')}
        </p>
        <Segmented
          label={t('taxfund.withdraw.reason')}
          options={c.reasons.map((r) => r.code)}
          value={reason}
          onChange={setReason}
          testId={(r) => `gjj-reason-${r}`}
          text={(r) => c.reasons.find((x) => x.code === r)?.name ?? r}
        />
        <FormField
          label={t('taxfund.withdraw.amount')}
          testId="gjj-amount"
          value={values.amount}
          onChange={set('amount')}
          inputMode="decimal"
          maxLength={11}
          required
          help={t('taxfund.withdraw.amountHelp', { max: money(c.maxAmount) })}
          error={errors.amount}
          errorTestId="gjj-amount-error"
        />
        <FormField
          label={t('taxfund.withdraw.bankName')}
          testId="gjj-bank"
          value={values.bankName}
          onChange={set('bankName')}
          maxLength={30}
          required
          help={t('taxfund.withdraw.bankNameHelp')}
          error={errors.bankName}
        />
        <FormField
          label={t('taxfund.withdraw.cardNumber')}
          testId="gjj-card"
          value={values.cardNumber}
          onChange={set('cardNumber')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={23}
          required
          help={t('taxfund.withdraw.cardNumberHelp')}
          error={errors.cardNumber}
          errorTestId="gjj-card-error"
        />
        {problem && (
          <p className="form-error" role="alert" data-testid="gjj-withdraw-problem">
            {problem}
          </p>
        )}
      </SubmitForm>
    </section>
  );
}

/** What stands in the way, in the centre's and the guide's words (in English, by its code), and the way forward. */
function Refusal({ r, counterServiceId }: { r: NonNullable<Conditions['refusal']>; counterServiceId: string }) {
  const { t } = useLocale();
  const problemText = useProblemText();
  return (
    <section className="card tf-refusal" role="alert" data-testid="gjj-refusal" data-code={r.code}>
      <h2 className="section-title">{t('taxfund.withdraw.cannot')}</h2>
      <p>{problemText(r)}</p>
      {r.code === 'HOUSING_FUND_COUNTER_REQUIRED' && (
        <Link to={`/book/${counterServiceId}`} className="tf-link-button" data-testid="gjj-book-counter">
          {t('taxfund.withdraw.book')}
        </Link>
      )}
    </section>
  );
}

export function WithdrawalList() {
  const { t } = useLocale();
  const headingId = useId();
  const { data, problem, reload } = useVerifiedLoad(() => taxfund.withdrawals(), []);
  return (
    <section className="card" aria-labelledby={headingId} data-testid="gjj-withdrawals">
      <h2 id={headingId} className="section-title">
        {t('taxfund.withdraw.mine')}
      </h2>
      {problem ? (
        <LookupProblem problem={problem} onRetry={reload} title={t('taxfund.failed')} />
      ) : !data ? (
        <ListSkeleton rows={2} />
      ) : data.items.length === 0 ? (
        <p className="field-help">{t('taxfund.withdraw.mineEmpty')}</p>
      ) : (
        <ul className="tf-list">
          {data.items.map((w: HousingFundWithdrawal) => (
            <li key={w.id}>
              <Link to={`/housing-fund/withdrawals/${w.id}`} data-testid="gjj-withdrawal-item">
                <span>
                  {w.reasonName} · {t('taxfund.yuan', { amount: money(w.amount) })}
                </span>
                <span className={`tf-status tf-status-${w.status}`}>{t(`taxfund.withdraw.statusOf.${w.status}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Withdraw() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => taxfund.withdrawalConditions({ city }), [city]);
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('taxfund.failed')} />;
  if (!data) return <ListSkeleton rows={6} />;
  const c = data.conditions;
  if (!c) {
    return (
      <EmptyState
        title={t('taxfund.withdraw.noAccount', { city: findCity(city)?.name ?? city })}
        description={t('taxfund.withdraw.noAccountDesc')}
      />
    );
  }
  return (
    <>
      <section className="card" data-testid="gjj-conditions">
        <h2 className="section-title">{t('taxfund.withdraw.conditions')}</h2>
        <dl className="mf-facts">
          <dt>{t('taxfund.withdraw.account')}</dt>
          <dd>{c.accountNumberMasked}</dd>
          <dt>{t('taxfund.withdraw.status')}</dt>
          <dd>{t(`taxfund.withdraw.statusNames.${c.accountStatus}`)}</dd>
          <dt>{t('taxfund.withdraw.maxAmount')}</dt>
          <dd data-testid="gjj-max">{t('taxfund.yuan', { amount: money(c.maxAmount) })}</dd>
          <dt>{t('taxfund.withdraw.boundPhone')}</dt>
          <dd>{c.boundPhoneMasked ?? '—'}</dd>
        </dl>
        <SourceNote source={data.source} />
      </section>
      {c.refusal ? <Refusal r={c.refusal} counterServiceId={data.counterServiceId} /> : <ApplyForm c={c} city={city} />}
      <WithdrawalList />
    </>
  );
}

/** 公积金再次提取 (B6): the centre's conditions, the application, and the citizen's applications. */
export default function HousingFundWithdraw() {
  const { t } = useLocale();
  return (
    <Page title={t('taxfund.withdraw.title')}>
      <p className="page-intro">{t('taxfund.withdraw.intro')}</p>
      <RequireAuth>
        <Withdraw />
      </RequireAuth>
    </Page>
  );
}
