import { parseInvoiceCode, parseInvoiceQr } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { isApiProblem } from '../api/client';
import { type InvoiceVerifyRequest, type InvoiceVerifyResult, tax } from '../api/tax';
import { Page } from '../components/Page';
import { type PictureMiss, QrCapture } from '../components/QrCapture';
import { SourceNote } from '../components/SourceNote';
import { TextField } from '../components/TextField';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import './tax.css';

/** Kinds verified by 开具金额（不含税）, as the tax department's contract says (VERIFIED_BY_AMOUNT). */
const BY_AMOUNT = new Set(['vat-special', 'vat-electronic-special', 'vat-freight-special', 'motor-vehicle-sales']);

const byAmount = (code: string | null) => {
  const parsed = code ? parseInvoiceCode(code) : null;
  return parsed?.ok === true && BY_AMOUNT.has(parsed.kind);
};

type Form = { code: string; number: string; issuedOn: string; amount: string; checkCode: string };
const EMPTY: Form = { code: '', number: '', issuedOn: '', amount: '', checkCode: '' };
type Needed = 'amount' | 'total' | 'checkCode';

/** What the typed code asks for (the server decides; this only chooses which field to show). */
function neededOf(form: Form): { needed: Needed; kindName: string | null } {
  const code = form.code.replace(/\s/g, '');
  if (code === '') return { needed: 'total', kindName: /^\d{20}$/.test(form.number.trim()) ? '电子发票' : null };
  const parsed = parseInvoiceCode(code);
  if (!parsed.ok) return { needed: 'checkCode', kindName: null };
  return { needed: BY_AMOUNT.has(parsed.kind) ? 'amount' : 'checkCode', kindName: parsed.kindName };
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function Result({ r }: { r: InvoiceVerifyResult }) {
  const { t } = useLocale();
  const inv = r.invoice;
  const title =
    r.result === 'consistent'
      ? t('tax.invoice.consistent')
      : r.result === 'inconsistent'
        ? t('tax.invoice.inconsistent')
        : t('tax.invoice.notFound');
  return (
    <section className="card" aria-live="polite" data-testid="invoice-result" data-result={r.result}>
      <h2 className={`section-title tax-result-${r.result}`}>{title}</h2>
      {r.checked.fromQr && <p className="field-help">{t('tax.invoice.fromQr')}</p>}
      {r.result === 'inconsistent' && <p>{t('tax.invoice.inconsistentDesc')}</p>}
      {r.result === 'not-found' && <p>{t('tax.invoice.notFoundDesc')}</p>}
      {inv ? (
        <>
          {inv.status !== 'normal' && (
            <p className="check-warn" data-testid="invoice-status-warn">
              {t('tax.invoice.statusWarn', { status: inv.statusName })}
            </p>
          )}
          <dl className="tax-dl" aria-label={t('tax.invoice.resultTable')}>
            <Row label={t('tax.invoice.status')} value={inv.statusName} testId="invoice-status" />
            <Row label={t('tax.invoice.kind')} value={inv.kind} />
            {inv.code && <Row label={t('tax.invoice.code')} value={inv.code} />}
            <Row label={t('tax.invoice.number')} value={inv.number} testId="invoice-number" />
            <Row label={t('tax.invoice.issuedOn')} value={inv.issuedOn} />
            <Row label={t('tax.invoice.seller')} value={`${inv.seller.name}（${inv.seller.uscc}）`} />
            <Row
              label={t('tax.invoice.buyer')}
              value={inv.buyer.taxId ? `${inv.buyer.name}（${inv.buyer.taxId}）` : inv.buyer.name}
            />
            <Row label={t('tax.invoice.goods')} value={inv.goods} />
            <Row label={t('tax.invoice.amountRow')} value={inv.amount.toFixed(2)} />
            <Row label={t('tax.invoice.taxRow')} value={inv.tax.toFixed(2)} />
            <Row label={t('tax.invoice.totalRow')} value={inv.total.toFixed(2)} testId="invoice-total" />
          </dl>
        </>
      ) : (
        <dl className="tax-dl">
          <Row label={t('tax.invoice.kind')} value={r.checked.kindName} />
          {r.checked.code && <Row label={t('tax.invoice.code')} value={r.checked.code} />}
          <Row label={t('tax.invoice.number')} value={r.checked.number} />
          <Row label={t('tax.invoice.issuedOn')} value={r.checked.issuedOn} />
        </dl>
      )}
      <SourceNote source={r.source} />
    </section>
  );
}

/** 发票查询 (F5): verify an invoice by typing its details, scanning its QR code, or uploading a photo of it. */
export default function InvoiceVerify() {
  const { t } = useLocale();
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ path: string; message: string } | null>(null);
  const [scanNote, setScanNote] = useState<{ text: string; error: boolean } | null>(null);
  const [result, setResult] = useState<InvoiceVerifyResult | null>(null);
  const ids = { code: useId(), number: useId(), issuedOn: useId(), amount: useId() };
  const { needed, kindName } = neededOf(form);

  const set = (key: keyof Form) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setFieldError(null);
  };

  const run = async (body: InvoiceVerifyRequest) => {
    setBusy(true);
    setFieldError(null);
    setResult(null);
    try {
      setResult(await tax.verifyInvoice(body));
    } catch (e) {
      const first = isApiProblem(e) ? e.errors[0] : undefined;
      const path = first?.path && first.path in EMPTY ? first.path : 'form';
      setFieldError({ path, message: first?.message || errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    const body: InvoiceVerifyRequest = { number: form.number, issuedOn: form.issuedOn };
    if (form.code.trim()) body.code = form.code;
    if (needed === 'checkCode') body.checkCode = form.checkCode;
    else body.amount = form.amount;
    void run(body);
  };

  /** A QR text from the camera or a photo: fill the form, and verify at once when it carries everything. */
  const onQrText = (text: string) => {
    const qr = parseInvoiceQr(text);
    if (!qr.ok) {
      setScanNote({ text: qr.message, error: true });
      setResult(null);
      return;
    }
    const digitalOrAmount = qr.digital || byAmount(qr.code);
    setForm({
      code: qr.code ?? '',
      number: qr.number,
      issuedOn: qr.issuedOn,
      amount: digitalOrAmount ? (qr.amount ?? '') : '',
      checkCode: qr.checkCode ?? '',
    });
    if (qr.amount === null) {
      setScanNote({ text: t('tax.scan.partial'), error: false });
      setResult(null);
      setTimeout(() => document.getElementById(ids.amount)?.focus(), 0);
      return;
    }
    setScanNote(null);
    void run({ qr: text });
  };

  const onPicture = () => {
    setScanNote({ text: t('tax.scan.decoding'), error: false });
    setResult(null);
  };

  const onPictureMiss = (why: PictureMiss) =>
    setScanNote({ text: why === 'no-code' ? t('tax.scan.noCode') : t('tax.scan.loadFailed'), error: true });

  const idOf = (path: keyof Form) => (path === 'checkCode' ? ids.amount : ids[path]);
  const errorOf = (path: keyof Form) =>
    fieldError?.path === path ? (
      <p id={`${idOf(path)}-error`} className="field-error" role="alert" data-testid={`invoice-error-${path}`}>
        {fieldError.message}
      </p>
    ) : null;
  const invalid = (path: keyof Form) =>
    fieldError?.path === path ? { 'aria-invalid': true, 'aria-describedby': `${idOf(path)}-error` } : {};

  const amountLabel =
    needed === 'amount'
      ? t('tax.invoice.amount')
      : needed === 'total'
        ? t('tax.invoice.total')
        : t('tax.invoice.checkCode');

  return (
    <Page title={t('tax.invoice.title')}>
      <p className="page-intro">{t('tax.invoice.intro')}</p>
      <QrCapture
        testIdPrefix="invoice"
        labels={{
          scan: t('tax.invoice.scan'),
          upload: t('tax.invoice.upload'),
          title: t('tax.scan.title'),
          hint: t('tax.scan.hint'),
          starting: t('tax.scan.starting'),
          video: t('tax.scan.video'),
          noCamera: t('tax.scan.noCamera'),
          cancel: t('tax.scan.cancel'),
        }}
        onText={onQrText}
        onPicture={onPicture}
        onPictureMiss={onPictureMiss}
        onCameraError={(message) => setScanNote({ text: message, error: true })}
      />
      {scanNote && (
        <p
          className={scanNote.error ? 'form-error tax-note' : 'field-help tax-note'}
          role={scanNote.error ? 'alert' : 'status'}
          data-testid="invoice-scan-note"
        >
          {scanNote.text}
        </p>
      )}
      <section className="card">
        <h2 className="section-title">{t('tax.invoice.typeIn')}</h2>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="field">
            <label htmlFor={ids.code} className="field-label">
              {t('tax.invoice.code')}
            </label>
            <TextField
              id={ids.code}
              testId="invoice-code"
              value={form.code}
              onChange={set('code')}
              inputMode="numeric"
              maxLength={20}
              {...invalid('code')}
            />
            <p className="field-help">{t('tax.invoice.codeHelp')}</p>
            {kindName && (
              <p className="field-help" data-testid="invoice-kind">
                {t('tax.invoice.kindDetected', { kind: kindName })}
              </p>
            )}
            {errorOf('code')}
          </div>
          <div className="field">
            <label htmlFor={ids.number} className="field-label">
              {t('tax.invoice.number')}
            </label>
            <TextField
              id={ids.number}
              testId="invoice-number-input"
              value={form.number}
              onChange={set('number')}
              inputMode="numeric"
              maxLength={30}
              required
              {...invalid('number')}
            />
            <p className="field-help">{t('tax.invoice.numberHelp')}</p>
            {errorOf('number')}
          </div>
          <div className="field">
            <label htmlFor={ids.issuedOn} className="field-label">
              {t('tax.invoice.issuedOn')}
            </label>
            <input
              id={ids.issuedOn}
              type="date"
              className="tax-input"
              value={form.issuedOn}
              onChange={(e) => set('issuedOn')(e.target.value)}
              data-testid="invoice-date"
              required
              {...invalid('issuedOn')}
            />
            {errorOf('issuedOn')}
          </div>
          <div className="field">
            <label htmlFor={ids.amount} className="field-label">
              {amountLabel}
            </label>
            <TextField
              id={ids.amount}
              testId="invoice-amount"
              value={needed === 'checkCode' ? form.checkCode : form.amount}
              onChange={set(needed === 'checkCode' ? 'checkCode' : 'amount')}
              inputMode={needed === 'checkCode' ? 'numeric' : 'decimal'}
              maxLength={24}
              required
              {...invalid(needed === 'checkCode' ? 'checkCode' : 'amount')}
            />
            {needed === 'checkCode' && <p className="field-help">{t('tax.invoice.checkCodeHelp')}</p>}
            {errorOf(needed === 'checkCode' ? 'checkCode' : 'amount')}
          </div>
          {fieldError?.path === 'form' && (
            <p className="form-error" role="alert" data-testid="invoice-error-form">
              {fieldError.message}
            </p>
          )}
          <div className="tax-form-actions">
            <Button
              block
              color="primary"
              size="large"
              type="submit"
              loading={busy}
              disabled={busy}
              data-testid="invoice-submit"
            >
              {t('tax.invoice.submit')}
            </Button>
            <Button
              block
              fill="none"
              onClick={() => {
                setForm(EMPTY);
                setResult(null);
                setFieldError(null);
                setScanNote(null);
              }}
            >
              {t('tax.invoice.clear')}
            </Button>
          </div>
        </form>
      </section>
      {result && <Result r={result} />}
    </Page>
  );
}
