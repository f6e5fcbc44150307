import { useState } from 'react';
import { isApiProblem } from '../api/client';
import { type TaxCertificateResult, tax } from '../api/tax';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { SubmitForm } from '../components/SubmitForm';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import './tax.css';

function Result({ r }: { r: TaxCertificateResult }) {
  const { t } = useLocale();
  const c = r.certificate;
  return (
    <section className="card" aria-live="polite" data-testid="certificate-result" data-found={String(Boolean(c))}>
      <h2 className={`section-title ${c ? 'tax-result-consistent' : 'tax-result-not-found'}`}>
        {c ? t('tax.certificate.found') : t('tax.certificate.notFound')}
      </h2>
      {c ? (
        <dl className="tax-dl" aria-label={t('tax.certificate.resultTable')}>
          {(
            [
              [t('tax.certificate.number'), c.number],
              [t('tax.certificate.kind'), c.kindName],
              [t('tax.certificate.taxpayer'), c.taxpayerName],
              [t('tax.certificate.idNumber'), c.idNumberMasked],
              [t('tax.certificate.period'), `${c.from} ~ ${c.to}`],
              [t('tax.certificate.total'), c.total.toFixed(2)],
              [t('tax.certificate.issuedOn'), c.issuedOn],
              [t('tax.certificate.authority'), c.taxAuthority],
            ] as const
          ).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t('tax.certificate.notFoundDesc')}</p>
      )}
      <SourceNote source={r.source} />
    </section>
  );
}

/** 电子税票查验 (F5): an e-tax certificate by its number; the taxpayer is shown masked. */
export default function TaxCertificateVerify() {
  const { t } = useLocale();
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TaxCertificateResult | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await tax.certificate(number));
    } catch (e) {
      setError(isApiProblem(e) && e.errors[0] ? e.errors[0].message : errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('tax.certificate.title')}>
      <p className="page-intro">{t('tax.certificate.intro')}</p>
      <section className="card">
        <SubmitForm
          onSubmit={submit}
          busy={busy}
          submitText={t('tax.certificate.submit')}
          submitTestId="certificate-submit"
        >
          <FormField
            label={t('tax.certificate.number')}
            testId="certificate-number"
            value={number}
            onChange={(v) => {
              setNumber(v);
              setError(null);
            }}
            inputMode="numeric"
            maxLength={30}
            required
            help={t('tax.certificate.numberHelp')}
            error={error}
            errorTestId="certificate-error"
            alert
          />
        </SubmitForm>
      </section>
      {result && <Result r={result} />}
    </Page>
  );
}
