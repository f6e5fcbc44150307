import {
  type ApplicationFormSpec,
  CASE_WORKFLOW,
  type CaseDetail,
  type CaseSummary,
  type FormFieldSpec,
  findApplicationForm,
  type ServiceDetail,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import NoticeBar from 'antd-mobile/es/components/notice-bar';
import Result from 'antd-mobile/es/components/result';
import Steps from 'antd-mobile/es/components/steps';
import Toast from 'antd-mobile/es/components/toast';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { casesApi } from '../api/cases';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { api } from '../api/endpoints';
import { AttachmentSlotField, useSlotUploads } from '../components/AttachmentSlots';
import { FormField } from '../components/FormField';
import { type ActingChoice, ForWhom } from '../components/ForWhom';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { TextAreaField } from '../components/TextAreaField';
import { useApi } from '../hooks/use-api';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { type ApplyDraft, clearDraft, draftKey, readDraft, saveDraft } from '../lib/apply-drafts';
import {
  anyUploading,
  attachmentIds,
  formForSubmit,
  isFieldShown,
  placeProblem,
  type Shrinker,
  validateForm,
} from '../lib/cases';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './cases.css';

const STEP_KEYS = ['notice', 'form', 'materials', 'confirm'] as const;

/** 办件编号 with a copy button (the number is what the citizen quotes at the counter). */
export function CaseNumber({ value }: { value: string }) {
  const { t } = useLocale();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      Toast.show({ content: t('cases.result.copied') });
    } catch {
      Toast.show({ content: t('cases.result.copyFailed') });
    }
  };
  return (
    <span className="case-number">
      <span className="case-number-value" data-testid="case-number">
        {value}
      </span>
      <button type="button" className="case-copy" onClick={copy} aria-label={`${t('cases.result.copy')} ${value}`}>
        {t('cases.result.copy')}
      </button>
    </span>
  );
}

function optionLabel(field: FormFieldSpec, value: string, isEn: boolean): string {
  const option = field.options?.find((o) => o.value === value);
  if (!option) return value;
  return isEn ? option.labelEn : option.label;
}

/** One field of the form, from its spec: a text line, a text area, or a choice (radio buttons). */
function SpecField({
  field,
  value,
  error,
  onChange,
}: {
  field: FormFieldSpec;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const { t, pick } = useLocale();
  const id = useId();
  const label = (
    <>
      {field.required && (
        <span className="case-required" aria-hidden="true">
          *
        </span>
      )}
      {pick(field.label, field.labelEn)}
      {!field.required && <span className="case-optional">（{t('cases.optional')}）</span>}
    </>
  );
  const placeholder = field.placeholder ? pick(field.placeholder, field.placeholderEn) : undefined;

  if (field.kind === 'select') {
    return (
      <fieldset
        className="field check-list case-choice"
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        data-testid={`field-${field.name}`}
      >
        <legend className="field-label">{label}</legend>
        {field.options?.map((o) => (
          <label key={o.value} className="check-item">
            <input
              type="radio"
              name={`${id}-${field.name}`}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              required={field.required}
              data-testid={`option-${field.name}-${o.value}`}
            />
            <span>{pick(o.label, o.labelEn)}</span>
          </label>
        ))}
        {error && (
          <p id={`${id}-error`} className="field-error" data-testid={`error-${field.name}`}>
            {error}
          </p>
        )}
      </fieldset>
    );
  }

  if (field.kind === 'textarea') {
    return (
      <div className="field" data-testid={`field-${field.name}`}>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <TextAreaField
          id={id}
          value={value}
          onChange={onChange}
          placeholder={placeholder}
          maxLength={field.maxLength}
          showCount={Boolean(field.maxLength)}
          autoSize={{ minRows: 2, maxRows: 5 }}
          invalid={Boolean(error)}
          describedBy={error ? `${id}-error` : undefined}
          required={field.required}
          testId={`input-${field.name}`}
        />
        {error && (
          <p id={`${id}-error`} className="field-error" data-testid={`error-${field.name}`}>
            {error}
          </p>
        )}
      </div>
    );
  }

  const help = field.help ? pick(field.help, field.helpEn) : undefined;
  return (
    <div data-testid={`field-${field.name}`}>
      <FormField
        label={label}
        testId={`input-${field.name}`}
        value={value}
        onChange={(v) => onChange(field.kind === 'idNumber' ? v.toUpperCase() : v)}
        placeholder={placeholder}
        maxLength={field.maxLength ?? KIND_MAX_LENGTH[field.kind]}
        required={field.required}
        error={error}
        errorTestId={`error-${field.name}`}
        help={help}
        {...KIND_INPUT[field.kind]}
      />
    </div>
  );
}

/** The keyboard and native input type of each kind of one-line field (the form's schema checks the value). */
const KIND_INPUT: Partial<
  Record<
    FormFieldSpec['kind'],
    { type?: string; inputMode?: 'numeric' | 'tel' | 'email' | 'text'; autoComplete?: string }
  >
> = {
  date: { type: 'date' },
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
  idNumber: { inputMode: 'text', autoComplete: 'off' },
  email: { type: 'email', inputMode: 'email', autoComplete: 'email' },
  number: { inputMode: 'numeric' },
};
const KIND_MAX_LENGTH: Partial<Record<FormFieldSpec['kind'], number>> = { phone: 11, idNumber: 18, email: 120 };

/** The success state: 办件编号 (copyable), status, what happens next, and where to go. */
function Submitted({ detail }: { detail: CaseDetail }) {
  const { t, pick } = useLocale();
  const headingRef = useRef<HTMLDivElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card case-result" data-testid="apply-done" ref={headingRef} tabIndex={-1}>
      <Result status="success" title={t('cases.result.title')} description={t('cases.result.desc')} />
      <dl className="case-facts">
        <div>
          <dt>{t('cases.result.caseNumber')}</dt>
          <dd>
            <CaseNumber value={detail.caseNumber} />
          </dd>
        </div>
        <div>
          <dt>{t('cases.result.status')}</dt>
          <dd data-testid="case-status">{pick(detail.statusLabel, detail.statusLabelEn)}</dd>
        </div>
      </dl>
      <h2 className="case-subheading">{t('cases.result.nextTitle')}</h2>
      <ol className="detail-list">
        <li>{t('cases.result.next1', { department: detail.departmentName })}</li>
        <li>{t('cases.result.next2')}</li>
        <li>{t('cases.result.next3')}</li>
      </ol>
      <div className="case-actions">
        <Link
          to={`/cases/${encodeURIComponent(detail.id)}`}
          replace
          className="adm-button adm-button-primary adm-button-block adm-button-large adm-button-shape-default state-link"
          data-testid="view-case"
        >
          {t('cases.result.view')}
        </Link>
        <Link
          to="/"
          className="adm-button adm-button-default adm-button-block adm-button-large adm-button-shape-default"
        >
          {t('cases.result.home')}
        </Link>
      </div>
    </section>
  );
}

/** The four steps, with what was typed and uploaded kept in the draft (going back, errors, leaving the page). */
export function ApplyFlow({
  form,
  service,
  open,
  shrink,
  acting,
}: {
  form: ApplicationFormSpec;
  service: Pick<ServiceDetail, 'name' | 'nameEn' | 'department'>;
  /** The citizen's cases of this service still in progress (a hint, not a block). */
  open: CaseSummary[];
  shrink?: Shrinker;
  /** 为他人办理: the delegation's principal is the applicant (absent or delegationId null: the citizen). */
  acting?: ActingChoice;
}) {
  const { t, pick, name, isEn } = useLocale();
  const auth = useAuth();
  const { city, cityInfo } = usePreferences();
  const problemText = useProblemText();
  const forId = acting?.delegationId ?? null;
  // A draft per applicant: what was typed for one person is never sent for another.
  const key = draftKey(auth.account?.id ?? 'anonymous', forId ? `${form.serviceId}@${forId}` : form.serviceId);
  const [draft, setDraftState] = useState<ApplyDraft>(() => readDraft(key));
  const draftRef = useRef(draft);
  const setDraft = useCallback(
    (change: Partial<ApplyDraft>) => {
      const next = { ...draftRef.current, ...change };
      draftRef.current = next;
      saveDraft(key, next);
      setDraftState(next);
    },
    [key],
  );
  const { uploads, add, remove } = useSlotUploads(draft.uploads, (u) => setDraft({ uploads: u }), shrink);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [slotErrors, setSlotErrors] = useState<Record<string, string>>({});
  const [stepError, setStepError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [done, setDone] = useState<CaseDetail | null>(null);
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const step = draft.step;
  const values = draft.values;
  const own = auth.account?.realName ?? null;
  const realName =
    forId && acting ? { nameMasked: acting.nameMasked, idNumberMasked: acting.idNumberMasked ?? '—' } : own;

  // Moving between steps puts focus on the step's heading, so a screen reader says where one is.
  const [moved, setMoved] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the step
  useEffect(() => {
    if (moved) stepHeadingRef.current?.focus();
  }, [step]);
  useEffect(() => {
    if (stepError) errorRef.current?.focus();
  }, [stepError]);

  const go = (to: number) => {
    setMoved(true);
    setStepError(null);
    setDraft({ step: to });
    window.scrollTo?.(0, 0);
  };

  const setValue = (field: string, value: string) => {
    setDraft({ values: { ...draftRef.current.values, [field]: value } });
    setFieldErrors((e) => {
      if (!(field in e)) return e;
      const { [field]: _, ...rest } = e;
      return rest;
    });
  };

  const checkForm = () => {
    const errors = validateForm(form, values);
    setFieldErrors(errors);
    return Object.keys(errors).length === 0;
  };

  const checkSlots = () => {
    if (anyUploading(uploads)) {
      setStepError(t('cases.slot.waitUploads'));
      return false;
    }
    const ids = attachmentIds(uploads);
    const errors: Record<string, string> = {};
    for (const slot of form.attachments) {
      if (slot.required && !ids[slot.id])
        errors[slot.id] = t('cases.slot.required', { label: pick(slot.label, slot.labelEn) });
    }
    setSlotErrors(errors);
    return Object.keys(errors).length === 0;
  };

  const next = () => {
    if (step === 0 && !draft.agreed) {
      setStepError(t('cases.agreeRequired'));
      return;
    }
    if (step === 1 && !checkForm()) {
      setStepError(t('cases.fixFields'));
      return;
    }
    if (step === 2 && !checkSlots()) return;
    go(step + 1);
  };

  const submit = async () => {
    if (busyRef.current) return;
    if (!checkForm()) {
      go(1);
      setStepError(t('cases.fixFields'));
      return;
    }
    if (!checkSlots()) {
      go(2);
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setStepError(null);
    try {
      const detail = await auth.withVerification(() =>
        casesApi.submit(
          {
            serviceId: form.serviceId,
            city,
            form: formForSubmit(form, values),
            attachments: attachmentIds(uploads),
            submissionId: draftRef.current.submissionId,
          },
          forId,
        ),
      );
      clearDraft(key);
      setDone(detail);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (!isApiProblem(e)) {
        setStepError(errorText(e, t));
        return;
      }
      const placed = placeProblem(e, form, attachmentIds(uploads), problemText);
      if (Object.keys(placed.fields).length > 0) {
        setFieldErrors(placed.fields);
        setSlotErrors(placed.slots);
        go(1);
        setStepError(placed.general ?? t('cases.fixFields'));
      } else if (Object.keys(placed.slots).length > 0) {
        setSlotErrors(placed.slots);
        go(2);
        if (placed.general) setStepError(placed.general);
      } else {
        setStepError(placed.general);
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  if (done) return <Submitted detail={done} />;

  const stepTitle = t(`cases.steps.${STEP_KEYS[step] ?? 'notice'}`);
  const shown = form.fields.filter((f) => isFieldShown(f, values));
  const openCase = open[0];

  return (
    <div className="case-apply">
      <nav
        className="card case-steps"
        aria-label={t('cases.stepOf', { step: String(step + 1), total: '4', title: stepTitle })}
      >
        <Steps current={step}>
          {STEP_KEYS.map((k) => (
            <Steps.Step key={k} title={t(`cases.steps.${k}`)} />
          ))}
        </Steps>
      </nav>
      <h2 className="case-step-title" ref={stepHeadingRef} tabIndex={-1} data-testid="step-title">
        <span className="visually-hidden">{t('cases.stepOf', { step: String(step + 1), total: '4', title: '' })}</span>
        {stepTitle}
      </h2>

      {openCase && step === 0 && (
        <NoticeBar
          color="info"
          wrap
          content={
            <span>
              {t('cases.openCase', { status: pick(openCase.statusLabel, openCase.statusLabelEn) })}{' '}
              <Link to={`/cases/${encodeURIComponent(openCase.id)}`}>{t('cases.viewOpenCase')}</Link>
            </span>
          }
        />
      )}

      {step === 0 && (
        <section className="card case-notice" data-testid="step-notice">
          <h3 className="case-subheading">{t('cases.noticeTitle')}</h3>
          <ol className="detail-list">
            {pick(form.notice, form.noticeEn).map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ol>
          <label className="check-item case-agree">
            <input
              type="checkbox"
              checked={draft.agreed}
              onChange={(e) => {
                setDraft({ agreed: e.target.checked });
                if (e.target.checked) setStepError(null);
              }}
              data-testid="agree"
            />
            <span>{t('cases.agree')}</span>
          </label>
        </section>
      )}

      {step === 1 && (
        <section className="card case-form" data-testid="step-form">
          <dl className="case-facts case-applicant">
            <div>
              <dt>{t('cases.applicant')}</dt>
              <dd data-testid="applicant">{realName?.nameMasked ?? t('me.noRealName')}</dd>
            </div>
            {realName && (
              <div>
                <dt>{t('cases.applicantId')}</dt>
                <dd>{realName.idNumberMasked}</dd>
              </div>
            )}
            <div>
              <dt>{t('cases.city')}</dt>
              <dd>{name(cityInfo)}</dd>
            </div>
          </dl>
          <p className="field-help case-applicant-note">
            {forId ? t('forOthers.applicantOther') : t('cases.applicantNote')}
          </p>
          {shown.map((field) => (
            <SpecField
              key={field.name}
              field={field}
              value={values[field.name] ?? ''}
              error={fieldErrors[field.name]}
              onChange={(v) => setValue(field.name, v)}
            />
          ))}
        </section>
      )}

      {step === 2 && (
        <div className="case-slots" data-testid="step-materials">
          <p className="field-help case-types">{t('cases.slot.types')}</p>
          {form.attachments.map((slot) => (
            <AttachmentSlotField
              key={slot.id}
              slot={slot}
              items={uploads[slot.id] ?? []}
              error={slotErrors[slot.id]}
              onAdd={(files) => {
                setSlotErrors(({ [slot.id]: _, ...rest }) => rest);
                setStepError(null);
                void add(slot, files);
              }}
              onRemove={(item) => void remove(slot.id, item)}
            />
          ))}
        </div>
      )}

      {step === 3 && (
        <section className="card case-summary" data-testid="step-confirm">
          <p className="step-intro">{t('cases.summary.intro')}</p>
          <dl className="case-facts">
            <div>
              <dt>{t('cases.summary.service')}</dt>
              <dd>{pick(service.name, service.nameEn)}</dd>
            </div>
            <div>
              <dt>{t('cases.detail.department')}</dt>
              <dd>{name(service.department)}</dd>
            </div>
            <div>
              <dt>{t('cases.city')}</dt>
              <dd>{name(cityInfo)}</dd>
            </div>
            <div>
              <dt>{t('cases.applicant')}</dt>
              <dd>{realName?.nameMasked ?? t('me.noRealName')}</dd>
            </div>
          </dl>
          <div className="case-summary-head">
            <h3 className="case-subheading">{t('cases.summary.info')}</h3>
            <button type="button" className="case-link-button" onClick={() => go(1)}>
              {t('cases.edit')}
            </button>
          </div>
          <dl className="case-facts" data-testid="summary-form">
            {shown.map((field) => (
              <div key={field.name}>
                <dt>{pick(field.label, field.labelEn)}</dt>
                <dd>{optionLabel(field, (values[field.name] ?? '').trim(), isEn) || '—'}</dd>
              </div>
            ))}
          </dl>
          <div className="case-summary-head">
            <h3 className="case-subheading">{t('cases.summary.materials')}</h3>
            <button type="button" className="case-link-button" onClick={() => go(2)}>
              {t('cases.edit')}
            </button>
          </div>
          <dl className="case-facts">
            {form.attachments.map((slot) => {
              const done = (uploads[slot.id] ?? []).filter((i) => i.status === 'done');
              return (
                <div key={slot.id}>
                  <dt>{pick(slot.label, slot.labelEn)}</dt>
                  <dd>
                    {done.length === 0 ? (
                      t('cases.summary.noFiles')
                    ) : (
                      <ul className="case-plain-list">
                        {done.map((i) => (
                          <li key={i.key}>{i.name}</li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      )}

      {stepError && (
        <p className="form-error case-step-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="step-error">
          {stepError}
        </p>
      )}

      <div className="case-nav">
        {step > 0 && (
          <Button size="large" onClick={() => go(step - 1)} disabled={busy} data-testid="prev">
            {t('cases.prev')}
          </Button>
        )}
        {step < 3 ? (
          <Button color="primary" size="large" onClick={next} data-testid="next">
            {t('cases.next')}
          </Button>
        ) : (
          <Button color="primary" size="large" onClick={submit} loading={busy} disabled={busy} data-testid="submit">
            {busy ? t('cases.submitting') : t('cases.submit')}
          </Button>
        )}
      </div>
    </div>
  );
}

/** The service in the chosen city: whether it is offered, and its name there (佛山: 老人卡申办). */
function useServiceInCity(serviceId: string) {
  const { city } = usePreferences();
  return useApi(`service:${serviceId}:${city}`, (signal) => api.service(serviceId, city, { signal }));
}

/** Before the form: the service must be offered in the chosen city, and the citizen verified (刷脸 / PIN). */
function ApplyGate({ form, service }: { form: ApplicationFormSpec; service: ReturnType<typeof useServiceInCity> }) {
  const { t, pick } = useLocale();
  const auth = useAuth();
  const navigate = useNavigate();
  const serviceLink = `/services/${encodeURIComponent(form.serviceId)}`;

  if (service.error) return <ErrorState problem={service.error} onRetry={service.reload} />;
  if (!service.data) return <ListSkeleton rows={4} />;
  const s = service.data;
  if (!s.available) {
    const reason = pick(s.unavailableReason ?? '', s.unavailableReasonEn) || t('common.unavailable');
    return (
      <section className="card case-not-offered" data-testid="apply-not-offered">
        <Result status="warning" title={t('cases.notInCityTitle')} description={reason} />
        <p className="field-help">{t('cases.notInCityHint')}</p>
        <div className="case-actions">
          <Button block color="primary" size="large" onClick={() => navigate(serviceLink, { replace: true })}>
            {t('cases.backToService')}
          </Button>
        </div>
      </section>
    );
  }
  if (auth.account && !auth.account.realName) {
    return (
      <section className="card" data-testid="apply-need-real-name">
        <Result status="info" title={t('cases.needRealName')} description={t('realName.reason')} />
        {/* full width under the centred message, as the other refusals' actions */}
        <div className="case-actions">
          <Link to="/me/real-name" className="state-link">
            {t('cases.needRealNameAction')}
          </Link>
        </div>
      </section>
    );
  }
  return <VerifiedApply form={form} service={s} />;
}

/** The fresh verification personal pages ask for (loading the citizen's cases of this service), then the form. */
function VerifiedApply({ form, service }: { form: ApplicationFormSpec; service: ServiceDetail }) {
  const cases = useVerifiedLoad(() => casesApi.list(form.serviceId), [form.serviceId]);
  if (cases.problem) return <ErrorState problem={cases.problem} onRetry={cases.reload} />;
  if (!cases.data) return <ListSkeleton rows={4} />;
  const running = cases.data.filter((c) => c.serviceId === form.serviceId && !CASE_WORKFLOW[c.status].final);
  // 为谁办理 (本人或为他人办理 services), then 是否可以申请 for that person: a refusal replaces the form.
  return (
    <ForWhom serviceId={form.serviceId} whoMayAct={service.whoMayAct} kind="apply" check={casesApi.eligibility}>
      {(acting) => (
        <ApplyFlow
          key={acting.delegationId ?? 'self'}
          form={form}
          service={service}
          open={running.filter((c) => isFor(c, acting))}
          acting={acting}
        />
      )}
    </ForWhom>
  );
}

/** Whether a case in 我的办件 is the chosen applicant's (their own, or made by the caller for them). */
function isFor(c: CaseSummary, acting: ActingChoice): boolean {
  if (acting.delegationId === null) return c.onBehalf === null || c.onBehalf.role === 'principal';
  return c.onBehalf?.role === 'agent' && c.onBehalf.otherNameMasked === acting.nameMasked;
}

/** /apply/:serviceId — 在线办理 of a service that takes applications online. */
export default function Apply() {
  const { serviceId = '' } = useParams();
  const { t } = useLocale();
  const form = findApplicationForm(serviceId);
  if (!form) {
    return (
      <Page title={t('cases.applyOnline')}>
        <EmptyState
          title={t('cases.notOffered')}
          description={t('cases.notOfferedDesc')}
          action={
            <Link to={`/services/${encodeURIComponent(serviceId)}`} className="state-link">
              <Icon name="left" /> {t('cases.backToService')}
            </Link>
          }
        />
      </Page>
    );
  }
  return <ApplyPage form={form} />;
}

/** The page, titled by the service's name in the chosen city once known (the form's title until then). */
function ApplyPage({ form }: { form: ApplicationFormSpec }) {
  const { name, pick } = useLocale();
  const service = useServiceInCity(form.serviceId);
  return (
    <Page title={service.data ? name(service.data) : pick(form.title, form.titleEn)}>
      <RequireAuth>
        <ApplyGate form={form} service={service} />
      </RequireAuth>
    </Page>
  );
}
