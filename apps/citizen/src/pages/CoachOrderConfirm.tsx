import { COACH_MAX_TICKETS_PER_ORDER, type CoachDeparture, formatFen } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Result from 'antd-mobile/es/components/result';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { coachApi } from '../api/coach';
import { FormField } from '../components/FormField';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { useIdempotentSubmit } from '../hooks/use-idempotent-submit';
import { useLocale } from '../i18n/localize';
import {
  duplicateIds,
  idNumberProblem,
  nameProblem,
  type PassengerDraft,
  type PassengerErrors,
  passengerErrorPlace,
  payLink,
  saleState,
  searchLink,
} from '../lib/coach';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { CoachNotice, DepartureFacts, useDepartures } from './coach-shared';
import './cases.css';
import './appointments.css';
import './coach.css';

type Query = { from: string; to: string; date: string };

/** The departure is gone from sale (sold out, stopped, or no longer on the timetable): say so, lead back. */
const DEPARTURE_GONE = ['COACH_SEATS_INSUFFICIENT', 'COACH_NOT_ON_SALE', 'COACH_DEPARTURE_NOT_FOUND'];

let passengerSeq = 0;
const newPassenger = (): PassengerDraft => ({ key: `p${++passengerSeq}`, name: '', idNumber: '' });

function BackToResults({ query }: { query: Query }) {
  const { t } = useLocale();
  return (
    <Link to={searchLink(query)} className="state-link" data-testid="back-to-results">
      <Icon name="left" /> {t('coach.order.backToResults')}
    </Link>
  );
}

/** Errors of one passenger, in the UI language (the guide's 暂仅支持中华人民共和国第二代居民身份证 for an ID). */
function useValidation() {
  const { t } = useLocale();
  return (p: PassengerDraft, duplicate: boolean): PassengerErrors => {
    const errors: PassengerErrors = {};
    const n = nameProblem(p.name);
    if (n === 'required') errors.name = t('coach.order.err.nameRequired');
    else if (n === 'too-long') errors.name = t('coach.order.err.nameTooLong');
    const id = idNumberProblem(p.idNumber);
    if (id === 'required') errors.idNumber = t('coach.order.err.idRequired');
    else if (id) errors.idNumber = t('coach.order.err.idInvalid', { reason: t(`coach.order.err.idReason.${id}`) });
    else if (duplicate) errors.idNumber = t('coach.order.err.duplicate');
    return errors;
  };
}

function PassengerFields({
  index,
  passenger,
  errors,
  removable,
  onChange,
  onBlurId,
  onRemove,
}: {
  index: number;
  passenger: PassengerDraft;
  errors: PassengerErrors | undefined;
  removable: boolean;
  onChange: (p: PassengerDraft) => void;
  onBlurId: () => void;
  onRemove: () => void;
}) {
  const { t } = useLocale();
  const n = index + 1;
  return (
    <fieldset className="coach-passenger" data-testid="passenger" data-index={index}>
      <legend>{t('coach.order.passenger', { n })}</legend>
      <FormField
        label={t('coach.order.name')}
        testId={`passenger-name-${index}`}
        errorTestId={`passenger-name-error-${index}`}
        value={passenger.name}
        onChange={(name) => onChange({ ...passenger, name })}
        placeholder={t('coach.order.namePlaceholder')}
        autoComplete={index === 0 ? 'name' : 'off'}
        maxLength={30}
        required
        error={errors?.name}
      />
      <FormField
        label={t('coach.order.idNumber')}
        testId={`passenger-id-${index}`}
        errorTestId={`passenger-id-error-${index}`}
        value={passenger.idNumber}
        onChange={(idNumber) => onChange({ ...passenger, idNumber: idNumber.toUpperCase() })}
        onBlur={onBlurId}
        placeholder={t('coach.order.idPlaceholder')}
        autoComplete="off"
        maxLength={18}
        required
        error={errors?.idNumber}
        help={t('coach.order.idHelp')}
      />
      {removable && (
        <div className="coach-passenger-actions">
          <span />
          <Button size="small" fill="none" color="danger" onClick={onRemove} data-testid={`passenger-remove-${index}`}>
            <Icon name="trash" /> {t('coach.order.remove', { n })}
          </Button>
        </div>
      )}
    </fieldset>
  );
}

/** 订单确认: the departure, the passengers (1–5), the total, 购票须知 agreed, 提交订单 → 支付. */
export function OrderForm({ departure: d, query }: { departure: CoachDeparture; query: Query }) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const validate = useValidation();
  const [passengers, setPassengers] = useState<PassengerDraft[]>(() => [newPassenger()]);
  const [errors, setErrors] = useState<Record<string, PassengerErrors>>({});
  const [agreed, setAgreed] = useState(false);
  const [agreeError, setAgreeError] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  /** The submit: one submissionId per order sent while a retry may still be needed, no double submit. */
  const { busy, isBusy, submit: submitOnce } = useIdempotentSubmit();
  const formErrorRef = useRef<HTMLParagraphElement>(null);
  const goneRef = useRef<HTMLDivElement>(null);
  const passengersId = useId();
  const agreeId = useId();
  const max = Math.min(COACH_MAX_TICKETS_PER_ORDER, Math.max(1, d.seatsLeft));

  useEffect(() => {
    if (formError) formErrorRef.current?.focus();
  }, [formError]);
  useEffect(() => {
    if (gone) goneRef.current?.focus();
  }, [gone]);

  const update = (i: number, p: PassengerDraft) => {
    setPassengers((list) => list.map((x, j) => (j === i ? p : x)));
    setErrors((e) => (e[p.key] ? { ...e, [p.key]: {} } : e));
    setFormError(null);
  };

  const add = () => {
    if (passengers.length >= COACH_MAX_TICKETS_PER_ORDER) {
      setAddError(t('coach.order.maxTickets'));
      return;
    }
    if (passengers.length >= max) {
      setAddError(t('coach.order.seatsLimit', { count: d.seatsLeft }));
      return;
    }
    setAddError(null);
    const next = newPassenger();
    setPassengers((list) => [...list, next]);
    // the new passenger's name field takes the focus
    const index = passengers.length;
    requestAnimationFrame(() =>
      document.querySelector<HTMLInputElement>(`[data-testid="passenger-name-${index}"]`)?.focus(),
    );
  };

  const remove = (i: number) => {
    setPassengers((list) => list.filter((_, j) => j !== i));
    setAddError(null);
  };

  const checkAll = (): boolean => {
    const dup = duplicateIds(passengers);
    const all: Record<string, PassengerErrors> = {};
    let firstBad: string | null = null;
    passengers.forEach((p, i) => {
      const e = validate(p, dup.has(i));
      all[p.key] = e;
      if (!firstBad && (e.name || e.idNumber)) firstBad = `passenger-${e.name ? 'name' : 'id'}-${i}`;
    });
    setErrors(all);
    if (firstBad) {
      setFormError(t('coach.order.fixFields'));
      return false;
    }
    return true;
  };

  const submit = async () => {
    if (isBusy()) return;
    setGone(null);
    if (!checkAll()) return;
    if (!agreed) {
      setAgreeError(true);
      document.getElementById(agreeId)?.focus();
      return;
    }
    const body = {
      departureId: d.id,
      passengers: passengers.map((p) => ({ name: p.name.trim(), idNumber: p.idNumber.trim().toUpperCase() })),
    };
    setFormError(null);
    const sent = passengers;
    // one submissionId per order (its fingerprint): a retry of the same order after an unknown outcome sends the same id
    await submitOnce(JSON.stringify(body), (submissionId) => coachApi.createOrder({ ...body, submissionId }), {
      // to the payment; its return path is the order (/coach/orders/<id>)
      onDone: (order) => navigate(payLink(order.paymentId), { replace: true }),
      onError: (e) => setFormError(errorText(e, t)),
      onProblem: (e) => {
        if (DEPARTURE_GONE.includes(e.code)) {
          setGone(problemText(e));
          return;
        }
        const placed: Record<string, PassengerErrors> = {};
        const rest: string[] = [];
        for (const fe of e.errors) {
          const at = passengerErrorPlace(fe.path);
          const key = at ? sent[at.index]?.key : undefined;
          if (at && key) placed[key] = { ...placed[key], [at.field]: placed[key]?.[at.field] ?? fe.message };
          else rest.push(fe.message);
        }
        if (Object.keys(placed).length > 0) {
          setErrors(placed);
          setFormError(rest.length > 0 ? rest.join('；') : t('coach.order.fixFields'));
        } else {
          setFormError(problemText(e));
        }
      },
    });
  };

  const count = passengers.length;
  return (
    <form
      className="coach-order"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="coach-order-form"
    >
      <section className="card" aria-labelledby={`${passengersId}-dep`}>
        <h2 id={`${passengersId}-dep`} className="case-subheading">
          {t('coach.order.departure')}
        </h2>
        <DepartureFacts d={d} />
      </section>

      {gone && (
        <div className="form-error appt-page-error" role="alert" tabIndex={-1} ref={goneRef} data-testid="order-gone">
          <span>{gone}</span> <BackToResults query={query} />
        </div>
      )}

      <section className="card" aria-labelledby={passengersId}>
        <h2 id={passengersId} className="case-subheading">
          {t('coach.order.passengers')}
        </h2>
        {passengers.map((p, i) => (
          <PassengerFields
            key={p.key}
            index={i}
            passenger={p}
            errors={errors[p.key]}
            removable={count > 1}
            onChange={(next) => update(i, next)}
            onBlurId={() => {
              if (p.idNumber.trim() === '') return;
              const e = validate(p, duplicateIds(passengers).has(i));
              setErrors((all) => ({ ...all, [p.key]: { ...all[p.key], idNumber: e.idNumber } }));
            }}
            onRemove={() => remove(i)}
          />
        ))}
        <Button block fill="outline" color="primary" onClick={add} data-testid="passenger-add">
          <Icon name="plus" /> {t('coach.order.add')}
        </Button>
        <p
          className={addError ? 'field-error' : 'field-help'}
          role={addError ? 'alert' : undefined}
          data-testid="passenger-limit"
        >
          {addError ?? t('coach.order.maxTickets')}
        </p>
      </section>

      <CoachNotice testId="order-notice" />

      <section className="card">
        <p className="coach-total" data-testid="order-total">
          <span>{t('coach.order.total')}</span>
          <strong>{t('coach.order.totalValue', { price: formatFen(d.priceFen * count), count })}</strong>
        </p>
        <label className="coach-agree" htmlFor={agreeId}>
          <input
            id={agreeId}
            type="checkbox"
            checked={agreed}
            aria-invalid={agreeError && !agreed ? true : undefined}
            aria-describedby={agreeError && !agreed ? `${agreeId}-error` : undefined}
            onChange={(e) => {
              setAgreed(e.target.checked);
              setAgreeError(false);
            }}
            data-testid="order-agree"
          />
          <span>{t('coach.order.agree')}</span>
        </label>
        {agreeError && !agreed && (
          <p id={`${agreeId}-error`} className="field-error" role="alert" data-testid="order-agree-error">
            {t('coach.order.agreeRequired')}
          </p>
        )}
        {formError && (
          <p className="form-error" role="alert" tabIndex={-1} ref={formErrorRef} data-testid="order-error">
            {formError}
          </p>
        )}
        <Button
          block
          color="primary"
          size="large"
          type="submit"
          loading={busy}
          disabled={busy}
          data-testid="order-submit"
        >
          {busy ? t('coach.order.submitting') : t('coach.order.submit')}
        </Button>
      </section>
    </form>
  );
}

/** The chosen departure, found again in a fresh search (there is no get-one route), then the form. */
function Confirm({ query, departureId }: { query: Query; departureId: string }) {
  const { t } = useLocale();
  const auth = useAuth();
  const valid = Boolean(query.from && query.to && query.date && departureId);
  const result = useDepartures(valid ? query : null);
  if (auth.account && !auth.account.realName) {
    return (
      <section className="card" data-testid="order-need-real-name">
        <Result status="info" title={t('coach.order.needRealName')} description={t('realName.reason')} />
        <Link to="/me/real-name" className="state-link">
          {t('coach.order.needRealNameAction')}
        </Link>
      </section>
    );
  }
  if (result.error) return <ErrorState problem={result.error} onRetry={result.reload} />;
  if (valid && !result.data) return <ListSkeleton rows={4} />;
  const d = result.data?.departures.find((x) => x.id === departureId);
  if (!d) {
    return (
      <div data-testid="order-not-found">
        <EmptyState
          title={t('coach.order.notFound')}
          description={t('coach.order.notFoundDesc')}
          action={<BackToResults query={query} />}
        />
      </div>
    );
  }
  const state = saleState(d);
  if (state !== 'on-sale') {
    return (
      <>
        <section className="card">
          <DepartureFacts d={d} />
        </section>
        <div data-testid="order-not-on-sale">
          <EmptyState
            title={state === 'sold-out' ? t('coach.order.soldOut') : t('coach.order.notOnSale')}
            description={t('coach.order.chooseOther')}
            action={<BackToResults query={query} />}
          />
        </div>
      </>
    );
  }
  return <OrderForm departure={d} query={query} />;
}

/** /coach/order?from=&to=&date=&departure= 订单确认. */
export default function CoachOrderConfirm() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const query = { from: params.get('from') ?? '', to: params.get('to') ?? '', date: params.get('date') ?? '' };
  return (
    <Page title={t('coach.order.title')}>
      <RequireAuth>
        <Confirm query={query} departureId={params.get('departure') ?? ''} />
      </RequireAuth>
    </Page>
  );
}
