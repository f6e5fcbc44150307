import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiProblem } from '../api/client';
import { type CertificateKind, type TaxCertificateRequest, taxfund } from '../api/taxfund';
import { FormField } from '../components/FormField';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { ListSkeleton } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { newSubmissionId } from '../lib/apply-drafts';
import { errorText, fieldErrorsOf } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import './tax.css';
import './taxfund.css';

type Field = 'year' | 'email' | 'recipient' | 'phone' | 'address';
const thisYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
/** Income tax: the guide's 2019年以前; social insurance fees: any year up to this one. */
export const yearsFor = (kind: CertificateKind) => {
  const last = kind === 'income-tax' ? 2018 : thisYear;
  return Array.from({ length: 8 }, (_, i) => last - i);
};

function IssueForm({ kind, onIssued }: { kind: CertificateKind; onIssued: (r: TaxCertificateRequest) => void }) {
  const { t } = useLocale();
  const auth = useAuth();
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [year, setYear] = useState(yearsFor(kind)[0] as number);
  const [method, setMethod] = useState<'email' | 'post'>('email');
  const [v, setV] = useState<Record<Exclude<Field, 'year'>, string>>({
    email: '',
    recipient: '',
    phone: '',
    address: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (f: Exclude<Field, 'year'>) => (value: string) => {
    setV((s) => ({ ...s, [f]: value }));
    setErrors((e) => ({ ...e, [f]: undefined }));
  };
  const post = kind === 'income-tax' && method === 'post';

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    if (!post) {
      if (v.email.trim() === '') found.email = t('taxfund.certificate.emailRequired');
      else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) found.email = t('taxfund.certificate.emailInvalid');
    } else {
      if (v.recipient.trim() === '') found.recipient = t('taxfund.certificate.recipientRequired');
      if (!/^1[3-9]\d{9}$/.test(v.phone.trim())) found.phone = t('taxfund.certificate.phoneInvalid');
      if (v.address.trim().length < 6) found.address = t('taxfund.certificate.addressRequired');
    }
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const r = await auth.withVerification(() =>
        taxfund.issueCertificate({
          submissionId,
          kind,
          year,
          delivery: post
            ? { method: 'post', recipient: v.recipient.trim(), phone: v.phone.trim(), address: v.address.trim() }
            : { method: 'email', email: v.email.trim() },
        }),
      );
      setSubmissionId(newSubmissionId());
      onIssued(r);
    } catch (e) {
      if (isApiProblem(e) && e.errors.length > 0) {
        const byField = fieldErrorsOf(e, ['year', 'email', 'recipient', 'phone', 'address'] as const);
        setErrors(byField);
        if (Object.keys(byField).length === 0) setProblem(errorText(e, t));
      } else setProblem(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SubmitForm onSubmit={submit} busy={busy} submitText={t('taxfund.certificate.submit')} submitTestId="cert-submit">
      <p className="field-label">{t('taxfund.certificate.year')}</p>
      <Segmented
        label={t('taxfund.certificate.year')}
        options={yearsFor(kind)}
        value={year}
        onChange={setYear}
        testId={(y) => `cert-year-${y}`}
        text={(y) => String(y)}
      />
      {kind === 'income-tax' && <p className="field-help">{t('taxfund.certificate.yearHelpIncome')}</p>}
      {errors.year && (
        <p className="field-error" role="alert">
          {errors.year}
        </p>
      )}
      {kind === 'income-tax' && (
        <>
          <p className="field-label">{t('taxfund.certificate.delivery')}</p>
          <Segmented
            label={t('taxfund.certificate.delivery')}
            options={['email', 'post'] as const}
            value={method}
            onChange={setMethod}
            testId={(m) => `cert-method-${m}`}
            text={(m) => t(`taxfund.certificate.${m}`)}
          />
        </>
      )}
      {post ? (
        <>
          <FormField
            label={t('taxfund.certificate.recipient')}
            testId="cert-recipient"
            value={v.recipient}
            onChange={set('recipient')}
            maxLength={30}
            required
            error={errors.recipient}
          />
          <FormField
            label={t('taxfund.certificate.phone')}
            testId="cert-phone"
            value={v.phone}
            onChange={set('phone')}
            inputMode="tel"
            maxLength={11}
            required
            error={errors.phone}
          />
          <FormField
            label={t('taxfund.certificate.address')}
            testId="cert-address"
            value={v.address}
            onChange={set('address')}
            maxLength={120}
            required
            error={errors.address}
          />
        </>
      ) : (
        <FormField
          label={t('taxfund.certificate.emailAddress')}
          testId="cert-email"
          value={v.email}
          onChange={set('email')}
          inputMode="email"
          type="email"
          maxLength={120}
          required
          error={errors.email}
          errorTestId="cert-email-error"
          help={t('taxfund.certificate.sandbox')}
        />
      )}
      {problem && (
        <p className="form-error" role="alert" data-testid="cert-problem">
          {problem}
        </p>
      )}
    </SubmitForm>
  );
}

function Issued({ r }: { r: TaxCertificateRequest }) {
  const { t } = useLocale();
  return (
    <section className="card" role="status" data-testid="cert-issued">
      <h2 className="section-title tf-status tf-status-completed">{t('taxfund.certificate.issued')}</h2>
      <p>
        {t(r.delivery.method === 'email' ? 'taxfund.certificate.issuedEmail' : 'taxfund.certificate.issuedPost', {
          kind: r.kindName,
          year: r.year,
          to: r.delivery.to,
        })}
      </p>
      <dl className="tax-dl">
        <div>
          <dt>{t('taxfund.certificate.number')}</dt>
          <dd data-testid="cert-number">{r.certificate.number}</dd>
        </div>
        <div>
          <dt>{t('taxfund.certificate.total')}</dt>
          <dd>{t('taxfund.yuan', { amount: r.certificate.total.toFixed(2) })}</dd>
        </div>
        <div>
          <dt>{t('taxfund.certificate.authority')}</dt>
          <dd>{r.certificate.taxAuthority}</dd>
        </div>
      </dl>
      <p className="field-help">{t('taxfund.certificate.verifyHint')}</p>
    </section>
  );
}

function History({ version }: { version: number }) {
  const { t } = useLocale();
  const headingId = useId();
  const { data, problem, reload } = useVerifiedLoad(() => taxfund.certificates(), [version]);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('taxfund.certificate.history')}
      </h2>
      {problem ? (
        <LookupProblem problem={problem} onRetry={reload} title={t('taxfund.failed')} />
      ) : !data ? (
        <ListSkeleton rows={2} />
      ) : data.items.length === 0 ? (
        <p className="field-help">{t('taxfund.certificate.historyEmpty')}</p>
      ) : (
        <ul className="tf-list" data-testid="cert-history">
          {data.items.map((r) => (
            <li key={r.id} className="tf-row">
              <span>
                {r.year} · {r.kindName}
              </span>
              <span>{r.delivery.to}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 开具电子税票 / 开具社保费电子税票 (F4): a year's 完税证明 by e-mail (or, for income tax, by post). */
export default function TaxCertificates() {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const kind: CertificateKind = params.get('kind') === 'social-insurance-fee' ? 'social-insurance-fee' : 'income-tax';
  const [issued, setIssued] = useState<TaxCertificateRequest | null>(null);
  return (
    <Page title={t('taxfund.certificate.title')}>
      <p className="page-intro">{t('taxfund.certificate.intro')}</p>
      <RequireAuth>
        <section className="card">
          <p className="field-label">{t('taxfund.certificate.kind')}</p>
          <Segmented
            label={t('taxfund.certificate.kind')}
            options={['income-tax', 'social-insurance-fee'] as const}
            value={kind}
            onChange={(k) => {
              setIssued(null);
              setParams({ kind: k }, { replace: true });
            }}
            testId={(k) => `cert-kind-${k}`}
            text={(k) => t(`taxfund.certificate.kinds.${k}`)}
          />
          <IssueForm key={kind} kind={kind} onIssued={setIssued} />
        </section>
        {issued && <Issued r={issued} />}
        <History version={issued ? 1 : 0} />
      </RequireAuth>
    </Page>
  );
}
