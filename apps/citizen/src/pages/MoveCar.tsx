import { MOVE_CAR_REASONS, type MoveCarRequest, type MoveCarResult } from '@yss/contracts';
import Result from 'antd-mobile/es/components/result';
import { useEffect, useId, useRef, useState } from 'react';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { moveCarApi } from '../api/move-car';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { SubmitForm } from '../components/SubmitForm';
import { useLocale } from '../i18n/localize';
import { errorText, fieldErrorsOf } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './cases.css';

type Field = 'plate' | 'contactPhone' | 'place' | 'reason';
type Values = Record<Field, string>;
const EMPTY: Values = { plate: '', contactPhone: '', place: '', reason: '' };

/** China time, whatever the phone's zone: 2026-03-02 10:00. */
function chinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function Sent({ result, onAnother }: { result: MoveCarResult; onAnother: () => void }) {
  const { t } = useLocale();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card" data-testid="move-car-sent" ref={ref} tabIndex={-1} aria-live="polite">
      <Result
        status="success"
        title={t('transport.moveCar.sentTitle')}
        description={t('transport.moveCar.sentDetail', { plate: result.request.plateMasked })}
      />
      <p className="field-help" data-testid="move-car-remaining">
        {t('transport.moveCar.remaining', { count: result.remainingToday })}
      </p>
      <button type="button" className="link-button" onClick={onAnother} data-testid="move-car-another">
        {t('transport.moveCar.another')}
      </button>
    </section>
  );
}

function History({ items }: { items: MoveCarRequest[] }) {
  const { t, pick } = useLocale();
  return (
    <section className="card" aria-labelledby="move-car-history">
      <h2 className="section-title" id="move-car-history">
        {t('transport.moveCar.history')}
      </h2>
      {items.length === 0 ? (
        <p className="field-help">{t('transport.moveCar.historyEmpty')}</p>
      ) : (
        <ul className="case-list" data-testid="move-car-history">
          {items.map((r) => {
            const reason = MOVE_CAR_REASONS.find((x) => x.value === r.reason);
            return (
              <li key={r.id} className="case-item" data-testid="move-car-item">
                <strong>{r.plateMasked}</strong> · {reason ? pick(reason.label, reason.labelEn) : r.reasonLabel}
                <p className="field-help">{r.place}</p>
                <p className="field-help">
                  {t('transport.moveCar.sentAt')}
                  {t('common.colon')}
                  {chinaTime(r.sentAt)}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function MoveCarForm() {
  const { t, pick } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const reasonId = useId();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MoveCarResult | null>(null);
  const [history, setHistory] = useState<MoveCarRequest[] | null>(null);

  const loadHistory = () => auth.withVerification(() => moveCarApi.list()).then(setHistory, () => setHistory(null));
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page opens
  useEffect(() => {
    void loadHistory();
  }, []);

  const set = (field: Field) => (v: string) => {
    setValues((old) => ({ ...old, [field]: v }));
    setErrors((old) => ({ ...old, [field]: undefined }));
    setProblem(null);
  };

  const submit = async () => {
    const missing: Partial<Record<Field, string>> = {};
    for (const f of ['plate', 'contactPhone', 'place', 'reason'] as const) {
      if (!values[f].trim()) missing[f] = t(`transport.moveCar.required.${f}`);
    }
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const r = await auth.withVerification(() =>
        moveCarApi.request({
          plate: values.plate.trim(),
          contactPhone: values.contactPhone.trim(),
          place: values.place.trim(),
          reason: values.reason as MoveCarResult['request']['reason'],
          city,
        }),
      );
      setResult(r);
      setValues(EMPTY);
      void loadHistory();
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (isApiProblem(e) && e.errors.length > 0) {
        const byField = fieldErrorsOf(e, ['plate', 'contactPhone', 'place', 'reason'] as const);
        setErrors(byField);
        if (Object.keys(byField).length === 0) setProblem(errorText(e, t));
      } else {
        setProblem(errorText(e, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="page-intro">{t('transport.moveCar.intro')}</p>
      {result ? (
        <Sent result={result} onAnother={() => setResult(null)} />
      ) : (
        <section className="card">
          <SubmitForm
            onSubmit={submit}
            busy={busy}
            submitText={t('transport.moveCar.submit')}
            submitTestId="move-car-submit"
            footer={<p className="field-help">{t('transport.moveCar.limits')}</p>}
          >
            <FormField
              label={t('transport.moveCar.plate')}
              testId="move-car-plate"
              value={values.plate}
              onChange={set('plate')}
              placeholder={t('transport.moveCar.platePlaceholder')}
              maxLength={10}
              required
              error={errors.plate}
              errorTestId="move-car-plate-error"
            />
            <FormField
              label={t('transport.moveCar.contactPhone')}
              testId="move-car-phone"
              value={values.contactPhone}
              onChange={set('contactPhone')}
              type="tel"
              inputMode="numeric"
              maxLength={11}
              required
              error={errors.contactPhone}
              errorTestId="move-car-phone-error"
              help={t('transport.moveCar.contactPhoneHelp')}
            />
            <FormField
              label={t('transport.moveCar.place')}
              testId="move-car-place"
              value={values.place}
              onChange={set('place')}
              placeholder={t('transport.moveCar.placePlaceholder')}
              maxLength={60}
              required
              error={errors.place}
              errorTestId="move-car-place-error"
            />
            <fieldset
              className="field check-list case-choice"
              aria-describedby={errors.reason ? `${reasonId}-error` : undefined}
              aria-invalid={errors.reason ? true : undefined}
            >
              <legend className="field-label">{t('transport.moveCar.reason')}</legend>
              {MOVE_CAR_REASONS.map((o) => (
                <label key={o.value} className="check-item">
                  <input
                    type="radio"
                    name={`${reasonId}-reason`}
                    value={o.value}
                    checked={values.reason === o.value}
                    onChange={() => set('reason')(o.value)}
                    data-testid={`move-car-reason-${o.value}`}
                  />
                  <span>{pick(o.label, o.labelEn)}</span>
                </label>
              ))}
              {errors.reason && (
                <p id={`${reasonId}-error`} className="field-error" data-testid="move-car-reason-error">
                  {errors.reason}
                </p>
              )}
            </fieldset>
            {problem && (
              <p className="field-error" role="alert" data-testid="move-car-problem">
                {problem}
              </p>
            )}
          </SubmitForm>
        </section>
      )}
      {history && <History items={history} />}
      <p className="detail-feedback">
        {t('transport.moveCar.urgent')} <a href="tel:110">110</a>
      </p>
    </>
  );
}

/** 一键移车 (G6): plate, the citizen's phone and the place → a polite SMS to the owner; the owner stays unknown. */
export default function MoveCar() {
  const { t } = useLocale();
  return (
    <Page title={t('transport.moveCar.title')}>
      <RequireAuth>
        <MoveCarForm />
      </RequireAuth>
    </Page>
  );
}
