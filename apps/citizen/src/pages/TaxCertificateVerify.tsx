import { useState } from 'react';
import { isApiProblem } from '../api/client';
import { type TaxCertificateResult, type TaxListResult, tax } from '../api/tax';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { SubmitForm } from '../components/SubmitForm';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import './tax.css';

type Certificate = NonNullable<TaxCertificateResult['certificate']>;

/** The certificate's facts as the tax bureau answers them (the taxpayer masked). */
function CertificateFacts({ c }: { c: Certificate }) {
  const { t } = useLocale();
  return (
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
  );
}

function CertificateResult({ r }: { r: TaxCertificateResult }) {
  const { t } = useLocale();
  const c = r.certificate;
  return (
    <section className="card" aria-live="polite" data-testid="certificate-result" data-found={String(Boolean(c))}>
      <h2 className={`section-title ${c ? 'tax-result-consistent' : 'tax-result-not-found'}`}>
        {c ? t('tax.certificate.found') : t('tax.certificate.notFound')}
      </h2>
      {c ? <CertificateFacts c={c} /> : <p>{t('tax.certificate.notFoundDesc')}</p>}
      <SourceNote source={r.source} />
    </section>
  );
}

/** 个税缴纳清单: the certificate, then one row per month (扣缴义务人, 收入额, 已缴税额). */
function ListResult({ r }: { r: TaxListResult }) {
  const { t } = useLocale();
  const list = r.list;
  const yuan = (n: number) => t('tax.certificate.yuan', { amount: n.toFixed(2) });
  return (
    <section className="card" aria-live="polite" data-testid="tax-list-result" data-found={String(Boolean(list))}>
      <h2 className={`section-title ${list ? 'tax-result-consistent' : 'tax-result-not-found'}`}>
        {list ? t('tax.certificate.listFound') : t('tax.certificate.listNotFound')}
      </h2>
      {list ? (
        <>
          <CertificateFacts c={list.certificate} />
          <h3 className="tax-caption">{t('tax.certificate.listMonths')}</h3>
          <ol className="tax-list-months" data-testid="tax-list-months">
            {list.records.map((m) => (
              <li key={m.month} className="tax-list-month">
                <span className="tax-list-month-head">
                  <strong>{m.month}</strong> {m.incomeItem}
                </span>
                <span>
                  {t('tax.certificate.agent')}
                  {t('common.colon')}
                  {m.withholdingAgentName}
                </span>
                <span className="tax-list-amounts">
                  {t('tax.certificate.income')} {yuan(m.income)}　{t('tax.certificate.tax')} {yuan(m.tax)}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p>{t('tax.certificate.listNotFoundDesc')}</p>
      )}
      <SourceNote source={r.source} />
    </section>
  );
}

type Mode = 'certificate' | 'list';
type FieldErrors = { number?: string; idNumberTail?: string };

/**
 * 电子税票查验 (F5): as the guide says, 查询电子税票或个税缴纳清单 — an e-tax certificate by its number, or the
 * 纳税清单 issued with an income-tax certificate by its number and the taxpayer's ID-number tail. The taxpayer is
 * shown masked either way.
 */
export default function TaxCertificateVerify() {
  const { t } = useLocale();
  const [mode, setMode] = useState<Mode>('certificate');
  const [number, setNumber] = useState('');
  const [tail, setTail] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [certificate, setCertificate] = useState<TaxCertificateResult | null>(null);
  const [list, setList] = useState<TaxListResult | null>(null);

  const choose = (next: Mode) => {
    setMode(next);
    setErrors({});
    setCertificate(null);
    setList(null);
  };

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setCertificate(null);
    setList(null);
    try {
      if (mode === 'certificate') setCertificate(await tax.certificate(number));
      else setList(await tax.taxList({ number, idNumberTail: tail }));
    } catch (e) {
      if (isApiProblem(e) && e.errors.length > 0) {
        // each message under its own field (the server names them: number, idNumberTail)
        const byField: FieldErrors = {};
        for (const err of e.errors) {
          const key = err.path === 'idNumberTail' ? 'idNumberTail' : 'number';
          byField[key] ??= err.message;
        }
        setErrors(byField);
      } else {
        setErrors({ number: errorText(e, t) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('tax.certificate.title')}>
      <p className="page-intro">{t('tax.certificate.intro')}</p>
      <fieldset className="tax-modes" data-testid="tax-verify-modes">
        <legend className="visually-hidden">{t('tax.certificate.modes')}</legend>
        {(['certificate', 'list'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className={`tax-mode${mode === m ? ' active' : ''}`}
            aria-pressed={mode === m}
            data-testid={`tax-verify-mode-${m}`}
            onClick={() => choose(m)}
          >
            {m === 'certificate' ? t('tax.certificate.modeCertificate') : t('tax.certificate.modeList')}
          </button>
        ))}
      </fieldset>
      <section className="card">
        {mode === 'list' && <p className="field-help tax-list-intro">{t('tax.certificate.listIntro')}</p>}
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
              setErrors((e) => ({ ...e, number: undefined }));
            }}
            inputMode="numeric"
            maxLength={30}
            required
            help={t('tax.certificate.numberHelp')}
            error={errors.number ?? null}
            errorTestId="certificate-error"
            alert
          />
          {mode === 'list' && (
            <FormField
              label={t('tax.certificate.idNumberTail')}
              testId="tax-list-id-tail"
              value={tail}
              onChange={(v) => {
                setTail(v);
                setErrors((e) => ({ ...e, idNumberTail: undefined }));
              }}
              maxLength={6}
              autoComplete="off"
              required
              help={t('tax.certificate.idNumberTailHelp')}
              error={errors.idNumberTail ?? null}
              errorTestId="tax-list-id-tail-error"
              alert
            />
          )}
        </SubmitForm>
      </section>
      {certificate && <CertificateResult r={certificate} />}
      {list && <ListResult r={list} />}
    </Page>
  );
}
