import { encodeInvoiceTitleQr, type InvoiceTitle } from '@yss/contracts';
import Button, { type ButtonRef } from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import QRCode from 'qrcode';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { isApiProblem } from '../api/client';
import { type InvoiceTitleFields, taxfund } from '../api/taxfund';
import { FormField } from '../components/FormField';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { EmptyState, ListSkeleton } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { errorText, fieldErrorsOf } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import './taxfund.css';

const FIELDS = ['name', 'taxId', 'address', 'phone', 'bank', 'account'] as const;
type Field = (typeof FIELDS)[number];
const QUIET_ZONE = 4;

/** The title's QR (format: packages/contracts/src/invoice-titles.ts), built on the phone, level M, whole modules. */
function TitleQr({ title, onClose }: { title: InvoiceTitle; onClose: () => void }) {
  const { t } = useLocale();
  const closeRef = useRef<ButtonRef>(null);
  const text = encodeInvoiceTitleQr(title);
  const qr = useMemo(() => {
    const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const { size, data } = code.modules;
    let d = '';
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) if (data[y * size + x]) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
    }
    return { d, size: size + 2 * QUIET_ZONE };
  }, [text]);
  useEffect(() => {
    closeRef.current?.nativeElement?.focus();
    // Keep the screen on while the seller scans (where the browser allows it).
    let lock: { release: () => Promise<void> } | undefined;
    (navigator as Navigator & { wakeLock?: { request: (k: 'screen') => Promise<typeof lock> } }).wakeLock
      ?.request('screen')
      .then((l) => {
        lock = l;
      })
      .catch(() => undefined);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      void lock?.release().catch(() => undefined);
    };
  }, [onClose]);
  return (
    <div className="tf-qr-screen" role="dialog" aria-modal="true" aria-labelledby="tf-qr-title" data-testid="title-qr">
      <h2 id="tf-qr-title">{t('taxfund.titles.qrTitle')}</h2>
      <p>{t('taxfund.titles.qrHint')}</p>
      <svg
        viewBox={`0 0 ${qr.size} ${qr.size}`}
        role="img"
        aria-label={t('taxfund.titles.qrLabel', { name: title.name })}
        shapeRendering="crispEdges"
        data-testid="title-qr-code"
        data-payload={text}
      >
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={qr.d} fill="#000" />
      </svg>
      <p>
        <strong>{title.name}</strong>
        {title.taxId && <br />}
        {title.taxId}
      </p>
      <Button ref={closeRef} block size="large" color="primary" onClick={onClose} data-testid="title-qr-close">
        {t('taxfund.titles.close')}
      </Button>
    </div>
  );
}

const empty = (): Record<Field, string> => ({ name: '', taxId: '', address: '', phone: '', bank: '', account: '' });

function TitleForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: InvoiceTitle | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const headingId = useId();
  const [kind, setKind] = useState<InvoiceTitle['kind']>(editing?.kind ?? 'company');
  const [v, setV] = useState<Record<Field, string>>(() =>
    editing ? (Object.fromEntries(FIELDS.map((f) => [f, editing[f] ?? ''])) as Record<Field, string>) : empty(),
  );
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (f: Field) => (value: string) => {
    setV((s) => ({ ...s, [f]: value }));
    setErrors((e) => ({ ...e, [f]: undefined }));
  };
  const submit = async () => {
    if (v.name.trim() === '') {
      setErrors({ name: t('taxfund.titles.nameRequired') });
      return;
    }
    setBusy(true);
    setProblem(null);
    const body: InvoiceTitleFields = {
      kind,
      name: v.name,
      taxId: v.taxId || null,
      address: v.address || null,
      phone: v.phone || null,
      bank: v.bank || null,
      account: v.account || null,
    };
    // The server's schema takes absent or empty optional fields; send strings only.
    const payload = Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null)) as InvoiceTitleFields;
    try {
      await auth.withVerification(() => taxfund.saveInvoiceTitle(payload, editing?.id));
      onSaved();
    } catch (e) {
      if (isApiProblem(e) && e.errors.length > 0) {
        const byField = fieldErrorsOf(e, FIELDS);
        setErrors(byField);
        if (Object.keys(byField).length === 0) setProblem(errorText(e, t));
      } else setProblem(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const optional = t('taxfund.titles.optional');
  return (
    <section className="card" aria-labelledby={headingId} data-testid="title-form">
      <h2 id={headingId} className="section-title">
        {editing ? t('taxfund.titles.edit') : t('taxfund.titles.add')}
      </h2>
      <SubmitForm
        onSubmit={submit}
        busy={busy}
        submitText={t('taxfund.titles.save')}
        submitTestId="title-save"
        footer={
          <Button block fill="none" onClick={onCancel} data-testid="title-cancel">
            {t('taxfund.titles.cancel')}
          </Button>
        }
      >
        <p className="field-label">{t('taxfund.titles.kind')}</p>
        <Segmented
          label={t('taxfund.titles.kind')}
          options={['company', 'person'] as const}
          value={kind}
          onChange={setKind}
          testId={(k) => `title-kind-${k}`}
          text={(k) => t(`taxfund.titles.kinds.${k}`)}
        />
        {FIELDS.map((f) => (
          <FormField
            key={f}
            label={`${t(`taxfund.titles.${f}`)}${f === 'name' || (f === 'taxId' && kind === 'company') ? '' : optional}`}
            testId={`title-${f}`}
            value={v[f]}
            onChange={set(f)}
            required={f === 'name' || (f === 'taxId' && kind === 'company')}
            maxLength={f === 'name' || f === 'address' ? 100 : f === 'bank' ? 50 : 32}
            inputMode={f === 'phone' ? 'tel' : f === 'account' ? 'numeric' : undefined}
            help={f === 'taxId' ? t('taxfund.titles.taxIdHelp') : undefined}
            error={errors[f]}
            errorTestId={`title-${f}-error`}
          />
        ))}
        {problem && (
          <p className="form-error" role="alert" data-testid="title-problem">
            {problem}
          </p>
        )}
      </SubmitForm>
    </section>
  );
}

function Titles() {
  const { t } = useLocale();
  const auth = useAuth();
  const { data, problem, reload } = useVerifiedLoad(() => taxfund.invoiceTitles(), []);
  const [editing, setEditing] = useState<InvoiceTitle | 'new' | null>(null);
  const [showing, setShowing] = useState<InvoiceTitle | null>(null);
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('taxfund.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  const remove = async (title: InvoiceTitle) => {
    const ok = await Dialog.confirm({
      content: t('taxfund.titles.deleteConfirm'),
      confirmText: t('taxfund.titles.delete'),
      cancelText: t('taxfund.titles.cancel'),
    });
    if (!ok) return;
    await auth.withVerification(() => taxfund.deleteInvoiceTitle(title.id)).catch(() => undefined);
    reload();
  };
  if (editing) {
    return (
      <TitleForm
        editing={editing === 'new' ? null : editing}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
        onCancel={() => setEditing(null)}
      />
    );
  }
  return (
    <>
      {showing && <TitleQr title={showing} onClose={() => setShowing(null)} />}
      {data.items.length === 0 ? (
        <EmptyState title={t('taxfund.titles.empty')} description={t('taxfund.titles.emptyDesc')} />
      ) : (
        <ul className="tf-list" data-testid="title-list">
          {data.items.map((title) => (
            <li key={title.id} className="card" data-testid="title-item">
              <h2 className="section-title">{title.name}</h2>
              <p className="field-help">
                {t(`taxfund.titles.kinds.${title.kind}`)}
                {title.taxId && ` · ${title.taxId}`}
              </p>
              <div className="tf-actions">
                <Button color="primary" size="large" onClick={() => setShowing(title)} data-testid="title-show">
                  {t('taxfund.titles.show')}
                </Button>
                <Button fill="outline" onClick={() => setEditing(title)} data-testid="title-edit">
                  {t('taxfund.titles.edit')}
                </Button>
                <Button fill="outline" color="danger" onClick={() => void remove(title)} data-testid="title-delete">
                  {t('taxfund.titles.delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {data.items.length < data.max ? (
        <Button
          block
          color="primary"
          fill="outline"
          size="large"
          onClick={() => setEditing('new')}
          data-testid="title-add"
        >
          {t('taxfund.titles.add')}
        </Button>
      ) : (
        <p className="field-help">{t('taxfund.titles.limit', { max: data.max })}</p>
      )}
    </>
  );
}

/** 便捷开票 (F5): saved 发票抬头 and the QR code a seller invoices from. */
export default function InvoiceTitles() {
  const { t } = useLocale();
  return (
    <Page title={t('taxfund.titles.title')}>
      <p className="page-intro">{t('taxfund.titles.intro')}</p>
      <RequireAuth>
        <Titles />
      </RequireAuth>
    </Page>
  );
}
