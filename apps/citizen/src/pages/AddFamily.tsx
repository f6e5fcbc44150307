import { DELEGATION_VALID_DAYS, type Delegation, parseResidentId } from '@yss/contracts';
import Result from 'antd-mobile/es/components/result';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { delegation } from '../api/delegation';
import { api } from '../api/endpoints';
import { ConsentStep } from '../components/ConsentStep';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { ErrorState, ListSkeleton } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';

type ValidDays = (typeof DELEGATION_VALID_DAYS)[number];

/** The form: who (checked against the register by the server), which services, how long. */
function AddForm({ onAdded }: { onAdded: (d: Delegation) => void }) {
  const { t, name: localName } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const catalog = useApi(`catalog:${city}`, (signal) => api.catalog(city, {}, { signal }));
  const delegable = (catalog.data ?? []).filter((s) => s.whoMayAct === 'self-or-others');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  // ?service=<id>: a service page sent the citizen here to act for someone (养老资格认证): that service is ticked.
  const [params] = useSearchParams();
  const [services, setServices] = useState<string[]>(() => {
    const preset = params.get('service');
    return preset ? [preset] : [];
  });
  const [days, setDays] = useState<ValidDays>(90);
  const [fieldErrors, setFieldErrors] = useState<{ name?: string; idNumber?: string; services?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const servicesId = useId();
  const daysId = useId();
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const validate = () => {
    const errors: typeof fieldErrors = {};
    if (name.trim().length < 2) errors.name = t('realName.nameRequired');
    const parsed = parseResidentId(idNumber);
    if (!idNumber) errors.idNumber = t('realName.idErrors.empty');
    else if (!parsed.ok) errors.idNumber = t(`realName.idErrors.${parsed.reason}`);
    if (services.length === 0) errors.services = t('family.servicesRequired');
    setFieldErrors(errors);
    return Object.keys(errors).length === 0 ? { name: name.trim(), idNumber: parsed.ok ? parsed.idNumber : '' } : null;
  };

  const submit = async () => {
    const input = validate();
    if (!input) return;
    setBusy(true);
    setError(null);
    try {
      onAdded(await auth.withVerification(() => delegation.add({ ...input, serviceIds: services, validDays: days })));
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (isApiProblem(e) && e.code === 'ID_NUMBER_INVALID') setFieldErrors({ idNumber: errorText(e, t) });
      else setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string, on: boolean) => {
    setServices((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
    setFieldErrors((f) => ({ ...f, services: undefined }));
  };

  return (
    <section className="card family-form">
      <p className="step-intro">{t('family.addIntro')}</p>
      <SubmitForm onSubmit={submit} busy={busy} submitText={t('family.submit')} submitTestId="family-submit">
        <FormField
          label={t('realName.name')}
          testId="family-name"
          value={name}
          onChange={(v) => {
            setName(v);
            setFieldErrors((f) => ({ ...f, name: undefined }));
          }}
          placeholder={t('realName.namePlaceholder')}
          maxLength={30}
          required
          error={fieldErrors.name}
        />
        <FormField
          label={t('realName.idNumber')}
          testId="family-id"
          value={idNumber}
          onChange={(v) => {
            setIdNumber(v.toUpperCase().replace(/\s/g, '').slice(0, 18));
            setFieldErrors((f) => ({ ...f, idNumber: undefined }));
          }}
          placeholder={t('realName.idPlaceholder')}
          maxLength={18}
          autoComplete="off"
          required
          error={fieldErrors.idNumber}
          help={t('family.guardianNote')}
        />

        <fieldset
          className="field check-list"
          aria-describedby={fieldErrors.services ? `${servicesId}-error` : `${servicesId}-hint`}
        >
          <legend className="field-label">{t('family.services')}</legend>
          <p id={`${servicesId}-hint`} className="field-help">
            {t('family.servicesHint')}
          </p>
          {catalog.error ? (
            <ErrorState problem={catalog.error} onRetry={catalog.reload} />
          ) : !catalog.data ? (
            <ListSkeleton rows={3} />
          ) : (
            delegable.map((s) => (
              <label key={s.id} className="check-item">
                <input
                  type="checkbox"
                  checked={services.includes(s.id)}
                  onChange={(e) => toggle(s.id, e.target.checked)}
                  data-testid={`family-service-${s.id}`}
                />
                <span>{localName(s)}</span>
              </label>
            ))
          )}
          {fieldErrors.services && (
            <p id={`${servicesId}-error`} className="field-error">
              {fieldErrors.services}
            </p>
          )}
        </fieldset>

        <div className="field">
          <p id={daysId} className="field-label">
            {t('family.validity')}
          </p>
          <fieldset className="segmented" aria-labelledby={daysId}>
            {DELEGATION_VALID_DAYS.map((d) => (
              <button
                key={d}
                type="button"
                aria-pressed={days === d}
                className={days === d ? 'segmented-item active' : 'segmented-item'}
                onClick={() => setDays(d)}
                data-testid={`family-days-${d}`}
              >
                {t(`family.days.${d}`)}
              </button>
            ))}
          </fieldset>
        </div>

        {error && (
          <p className="form-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="family-error">
            {error}
          </p>
        )}
      </SubmitForm>
    </section>
  );
}

/** The outcome: a guardian link or a consent that took effect. */
export function DelegationDone({ d }: { d: Delegation }) {
  const { t } = useLocale();
  const guardian = d.kind === 'guardian';
  return (
    <section className="card" role="status" data-testid="family-done">
      <Result
        status="success"
        title={guardian ? t('family.guardianTitle') : t('family.activeTitle')}
        description={t(guardian ? 'family.guardianDesc' : 'family.activeDesc', { name: d.otherParty.nameMasked })}
      />
      <Link to="/me/family" replace className="state-link">
        {t('family.viewList')}
      </Link>
    </section>
  );
}

/** 添加家庭成员: the form, then the principal's confirmation (unless it is one's own child under 14). */
export default function AddFamily() {
  const { t } = useLocale();
  const [current, setCurrent] = useState<Delegation | null>(null);
  return (
    <Page title={t('family.addTitle')}>
      <RequireAuth>
        {!current ? (
          <AddForm onAdded={setCurrent} />
        ) : current.status === 'active' ? (
          <DelegationDone d={current} />
        ) : (
          <ConsentStep pending={current} onDone={setCurrent} />
        )}
      </RequireAuth>
    </Page>
  );
}
