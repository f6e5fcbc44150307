import { useState } from 'react';
import { isApiProblem } from '../api/client';
import { type LostInvoiceResult, tax } from '../api/tax';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { SubmitForm } from '../components/SubmitForm';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import './tax.css';

function Result({ r }: { r: LostInvoiceResult }) {
  const { t } = useLocale();
  return (
    <section className="card" aria-live="polite" data-testid="lost-result" data-reported={String(r.reported)}>
      <h2 className={`section-title ${r.reported ? 'tax-result-inconsistent' : 'tax-result-consistent'}`}>
        {r.reported ? t('tax.lost.reported') : t('tax.lost.notReported')}
      </h2>
      <p>{r.reported ? t('tax.lost.reportedDesc') : t('tax.lost.notReportedDesc')}</p>
      <dl className="tax-dl" aria-label={t('tax.lost.resultTable')}>
        <div>
          <dt>{t('tax.lost.kind')}</dt>
          <dd>{r.kindName}</dd>
        </div>
        <div>
          <dt>{t('tax.invoice.code')}</dt>
          <dd>{r.code}</dd>
        </div>
        <div>
          <dt>{t('tax.invoice.number')}</dt>
          <dd>{r.number}</dd>
        </div>
        {r.report && (
          <>
            <div>
              <dt>{t('tax.lost.reportedOn')}</dt>
              <dd data-testid="lost-reported-on">{r.report.reportedOn}</dd>
            </div>
            <div>
              <dt>{t('tax.lost.seller')}</dt>
              <dd>{`${r.report.seller.name}（${r.report.seller.uscc}）`}</dd>
            </div>
            <div>
              <dt>{t('tax.lost.authority')}</dt>
              <dd>{r.report.taxAuthority}</dd>
            </div>
          </>
        )}
      </dl>
      <SourceNote source={r.source} />
    </section>
  );
}

/** 丢失被盗发票查询 (F5): whether an invoice (code + number) was reported lost or stolen. */
export default function LostInvoice() {
  const { t } = useLocale();
  const [code, setCode] = useState('');
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ path: string; message: string } | null>(null);
  const [result, setResult] = useState<LostInvoiceResult | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await tax.lostInvoice({ code, number }));
    } catch (e) {
      const first = isApiProblem(e) ? e.errors[0] : undefined;
      setError({
        path: first?.path === 'number' ? 'number' : first?.path === 'code' ? 'code' : 'form',
        message: first?.message || errorText(e, t),
      });
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (path: 'code' | 'number') => (error?.path === path ? error.message : null);

  return (
    <Page title={t('tax.lost.title')}>
      <p className="page-intro">{t('tax.lost.intro')}</p>
      <section className="card">
        <SubmitForm onSubmit={submit} busy={busy} submitText={t('tax.lost.submit')} submitTestId="lost-submit">
          <FormField
            label={t('tax.invoice.code')}
            testId="lost-code"
            value={code}
            onChange={(v) => {
              setCode(v);
              setError(null);
            }}
            inputMode="numeric"
            maxLength={20}
            required
            error={errorOf('code')}
            errorTestId="lost-error-code"
            alert
          />
          <FormField
            label={t('tax.invoice.number')}
            testId="lost-number"
            value={number}
            onChange={(v) => {
              setNumber(v);
              setError(null);
            }}
            inputMode="numeric"
            maxLength={20}
            required
            error={errorOf('number')}
            errorTestId="lost-error-number"
            alert
          />
          {error?.path === 'form' && (
            <p className="form-error" role="alert">
              {error.message}
            </p>
          )}
        </SubmitForm>
      </section>
      {result && <Result r={result} />}
    </Page>
  );
}
