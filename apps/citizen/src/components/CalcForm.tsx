import { type Fen, MAX_AMOUNT_FEN, type MoneyErrorReason, parseMoney } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { isApiProblem } from '../api/client';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';

/** One money field of a calculator: the Chinese label the server uses (for identical messages), a max. */
export interface MoneySpec {
  readonly zhLabel: string;
  /** The label in the UI language (for the English messages). */
  readonly label: string;
  readonly max?: Fen;
  readonly required?: boolean;
}

type Errors<K extends string> = Partial<Record<K, string>>;

/**
 * The state of a calculator form: raw strings as typed, parsed with the shared code on every change (instant
 * result), and the server's field errors after a submission (cleared when the field changes).
 */
export function useMoneyForm<K extends string>(specs: Record<K, MoneySpec>, initial: Record<K, string>) {
  const { t, isEn } = useLocale();
  const [values, setValues] = useState(initial);
  const [serverErrors, setServerErrors] = useState<Errors<K>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [confirmed, setConfirmed] = useState(false);

  const localMessage = (reason: MoneyErrorReason, zhMessage: string, spec: MoneySpec) =>
    isEn ? t(`calc.errors.${reason}`, { field: spec.label }) : zhMessage;

  const parsed = {} as Record<K, Fen>;
  const localErrors: Errors<K> = {};
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    const raw = values[key];
    if (!spec.required && raw.trim() === '') {
      parsed[key] = 0;
      continue;
    }
    const r = parseMoney(raw, spec.zhLabel, spec.max ?? MAX_AMOUNT_FEN);
    if (r.ok) parsed[key] = r.fen;
    else if (r.reason !== 'empty' || attempted) localErrors[key] = localMessage(r.reason, r.message, spec);
  }
  const valid = (Object.keys(specs) as K[]).every((k) => parsed[k] !== undefined);

  return {
    values,
    set(key: K, value: string) {
      setValues((v) => ({ ...v, [key]: value }));
      setServerErrors((e) => ({ ...e, [key]: undefined }));
      setFormError(null);
      setConfirmed(false);
    },
    parsed: valid ? parsed : null,
    error: (key: K) => serverErrors[key] ?? localErrors[key],
    formError,
    confirmed,
    /** Send to the server; its problem's field errors land on the fields (paths mapped by `fieldOf`). */
    async submit(send: () => Promise<unknown>, fieldOf: (path: string) => K | null = (p) => p as K) {
      setAttempted(true);
      setFormError(null);
      try {
        await send();
        setConfirmed(true);
      } catch (e) {
        setConfirmed(false);
        if (isApiProblem(e)) {
          const next: Errors<K> = {};
          for (const err of e.errors) {
            const key = fieldOf(err.path);
            if (key && key in specs && !next[key]) next[key] = err.message;
          }
          setServerErrors(next);
        }
        setFormError(errorText(e, t));
      }
    },
  };
}

export function MoneyField({
  label,
  value,
  onChange,
  error,
  help,
  testId,
  unit,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  help?: string;
  testId?: string;
  unit?: string;
}) {
  const { t } = useLocale();
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field calc-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="calc-input-row">
        {/* A native input: antd-mobile's Input puts aria-* on its wrapper, not on the <input> itself. */}
        <input
          id={id}
          className="calc-input"
          data-testid={testId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          inputMode="decimal"
          autoComplete="off"
          maxLength={20}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <span className="calc-unit" aria-hidden="true">
          {unit ?? t('calc.yuan')}
        </span>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid="calc-field-error">
          {error}
        </p>
      )}
      {help && (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}

export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  testId,
  help,
}: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
  testId?: string;
  help?: string;
}) {
  const id = useId();
  return (
    <div className="field calc-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select
        id={id}
        className="calc-select"
        value={value}
        data-testid={testId}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {help && (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}

/** The submit button, the server's problem (role=alert, focused) and the "checked by the server" note. */
export function CalcSubmit({
  busy,
  formError,
  confirmed,
  testId = 'calc-submit',
}: {
  busy: boolean;
  formError: string | null;
  confirmed: boolean;
  testId?: string;
}) {
  const { t } = useLocale();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (formError) ref.current?.focus();
  }, [formError]);
  return (
    <>
      {formError && (
        <p className="form-error" role="alert" tabIndex={-1} ref={ref} data-testid="calc-form-error">
          {formError}
        </p>
      )}
      <Button block type="submit" color="primary" size="large" loading={busy} data-testid={testId}>
        {t('calc.calculate')}
      </Button>
      <p className="calc-status" role="status">
        {confirmed ? t('calc.confirmed') : ''}
      </p>
    </>
  );
}

/** A definition list of results: label → amount. */
export function ResultList({
  rows,
  testId,
}: {
  rows: readonly (readonly [string, ReactNode, string?])[];
  testId?: string;
}) {
  return (
    <dl className="calc-result-list" data-testid={testId}>
      {rows.map(([label, value, id]) => (
        <div key={label} data-testid={id}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Handles the submit event and the busy flag. */
export function useSubmit(run: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    onSubmit: (e: React.FormEvent) => {
      e.preventDefault();
      if (busy) return;
      setBusy(true);
      void run().finally(() => setBusy(false));
    },
  };
}
