import type { Delegation, EligibilityAnswer, WhoMayAct } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Result from 'antd-mobile/es/components/result';
import { Fragment, type ReactNode, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { delegation } from '../api/delegation';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { ErrorState, ListSkeleton, useProblemText } from './States';

/** Who an application or a booking is for: the account holder (delegationId null) or a delegation's principal. */
export interface ActingChoice {
  delegationId: string | null;
  /** Masked, as the record will show them. */
  nameMasked: string;
  idNumberMasked: string | null;
}

/** The caller's active delegations (as 代办人) that cover this service. */
export function delegationsFor(list: readonly Delegation[], serviceId: string): Delegation[] {
  return list.filter((d) => d.role === 'agent' && d.status === 'active' && d.services.some((s) => s.id === serviceId));
}

/** 为谁办理: 本人, or each person who authorised the caller for this service (masked name and relation). */
export function ForWhomPicker({
  options,
  value,
  onChange,
  selfName,
}: {
  options: readonly Delegation[];
  value: string | null;
  onChange: (delegationId: string | null) => void;
  selfName: string;
}) {
  const { t } = useLocale();
  const id = useId();
  return (
    // The card wraps the fieldset: .check-list resets a fieldset's margin and padding, which took the card's own
    <section className="card">
      <fieldset className="field check-list case-choice" data-testid="for-whom" aria-describedby={`${id}-hint`}>
        <legend className="field-label">{t('forOthers.pickerTitle')}</legend>
        <p id={`${id}-hint`} className="field-help">
          {t('forOthers.pickerHint')}
        </p>
        <label className="check-item">
          <input
            type="radio"
            name={`${id}-for`}
            checked={value === null}
            onChange={() => onChange(null)}
            data-testid="for-self"
          />
          <span>{t('forOthers.self', { name: selfName })}</span>
        </label>
        {options.map((d) => (
          <label key={d.id} className="check-item">
            <input
              type="radio"
              name={`${id}-for`}
              checked={value === d.id}
              onChange={() => onChange(d.id)}
              data-testid={`for-${d.id}`}
            />
            <span>
              {d.otherParty.relationLabel
                ? t('forOthers.other', { name: d.otherParty.nameMasked, relation: d.otherParty.relationLabel })
                : t('forOthers.otherNoRelation', { name: d.otherParty.nameMasked })}
            </span>
          </label>
        ))}
        <Link to="/me/family" className="field-help">
          {t('forOthers.manage')}
        </Link>
      </fieldset>
    </section>
  );
}

/** 暂不符合条件: the department's reason, in its words, with a way back instead of the form. */
export function EligibilityRefused({
  answer,
  serviceId,
  kind,
  canChooseOther,
}: {
  answer: EligibilityAnswer;
  serviceId: string;
  kind: 'apply' | 'book';
  canChooseOther: boolean;
}) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const problemText = useProblemText();
  // the department's reason; in English the sentence of its code, when the code has one
  const said =
    answer.code && answer.reason ? problemText({ code: answer.code, message: answer.reason }) : answer.reason;
  const reason = `${answer.forOthers ? t('forOthers.refusedOther', { name: answer.applicantNameMasked }) : ''}${said ?? ''}`;
  return (
    <section className="card case-not-offered" data-testid="eligibility-refused" role="alert">
      <Result
        status="warning"
        title={t(kind === 'apply' ? 'forOthers.refusedTitle' : 'forOthers.refusedTitleBook')}
        description={<span data-testid="eligibility-reason">{reason}</span>}
      />
      {canChooseOther && <p className="field-help">{t('forOthers.tryOther')}</p>}
      <div className="case-actions">
        <Button
          block
          color="primary"
          size="large"
          onClick={() => navigate(`/services/${encodeURIComponent(serviceId)}`, { replace: true })}
          data-testid="eligibility-back"
        >
          {t('forOthers.back')}
        </Button>
      </div>
    </section>
  );
}

/** Asks 是否可以办理 for the chosen person; shows the refusal, or the flow. */
function Eligible({
  serviceId,
  kind,
  choice,
  check,
  canChooseOther,
  children,
}: {
  serviceId: string;
  kind: 'apply' | 'book';
  choice: ActingChoice;
  check: (serviceId: string, city: string, forId: string | null) => Promise<EligibilityAnswer>;
  canChooseOther: boolean;
  children: (choice: ActingChoice) => ReactNode;
}) {
  const { city } = usePreferences();
  const answer = useVerifiedLoad(
    () => check(serviceId, city, choice.delegationId),
    [serviceId, city, choice.delegationId],
  );
  if (answer.problem) return <ErrorState problem={answer.problem} onRetry={answer.reload} />;
  if (!answer.data) return <ListSkeleton rows={3} />;
  if (!answer.data.eligible)
    return (
      <EligibilityRefused answer={answer.data} serviceId={serviceId} kind={kind} canChooseOther={canChooseOther} />
    );
  return <>{children(choice)}</>;
}

/**
 * Before an application form or the slot picker: for a 本人或为他人办理 service, 为谁办理 (本人 by default, or a
 * family member who authorised the caller for it); then the service's eligibility rule for that person, whose
 * refusal replaces the form. The submission checks again on the server.
 */
export function ForWhom({
  serviceId,
  whoMayAct,
  kind,
  check,
  children,
}: {
  serviceId: string;
  whoMayAct: WhoMayAct;
  kind: 'apply' | 'book';
  check: (serviceId: string, city: string, forId: string | null) => Promise<EligibilityAnswer>;
  children: (choice: ActingChoice) => ReactNode;
}) {
  const auth = useAuth();
  const realName = auth.account?.realName ?? null;
  const self: ActingChoice = {
    delegationId: null,
    nameMasked: realName?.nameMasked ?? '',
    idNumberMasked: realName?.idNumberMasked ?? null,
  };
  if (whoMayAct !== 'self-or-others') {
    return (
      <Eligible serviceId={serviceId} kind={kind} choice={self} check={check} canChooseOther={false}>
        {children}
      </Eligible>
    );
  }
  return (
    <WithPicker serviceId={serviceId} kind={kind} check={check} self={self}>
      {children}
    </WithPicker>
  );
}

function WithPicker({
  serviceId,
  kind,
  check,
  self,
  children,
}: {
  serviceId: string;
  kind: 'apply' | 'book';
  check: (serviceId: string, city: string, forId: string | null) => Promise<EligibilityAnswer>;
  self: ActingChoice;
  children: (choice: ActingChoice) => ReactNode;
}) {
  const list = useVerifiedLoad(() => delegation.list(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  if (list.problem) return <ErrorState problem={list.problem} onRetry={list.reload} />;
  if (!list.data) return <ListSkeleton rows={3} />;
  const options = delegationsFor(list.data.asAgent, serviceId);
  const picked = options.find((d) => d.id === chosen);
  const choice: ActingChoice = picked
    ? {
        delegationId: picked.id,
        nameMasked: picked.otherParty.nameMasked,
        idNumberMasked: picked.otherParty.idNumberMasked,
      }
    : self;
  return (
    <>
      {options.length > 0 && (
        <ForWhomPicker options={options} value={picked?.id ?? null} onChange={setChosen} selfName={self.nameMasked} />
      )}
      <Eligible
        key={choice.delegationId ?? 'self'}
        serviceId={serviceId}
        kind={kind}
        choice={choice}
        check={check}
        canChooseOther={options.length > 0}
      >
        {children}
      </Eligible>
    </>
  );
}

/**
 * 为谁办理 where the service's own page reads the person's records (签注, 残疾人证查询: `?for=` on its calls) rather
 * than an application form: 本人, or a family member who authorised the caller for this service; `children` gets the
 * chosen delegation (null for oneself) and is mounted anew for each choice. If the delegations cannot be loaded, the
 * page goes on for oneself (one's own records must not wait on the family list).
 */
export function ForWhomChoice({
  serviceId,
  children,
}: {
  serviceId: string;
  children: (forId: string | null) => ReactNode;
}) {
  const auth = useAuth();
  const list = useVerifiedLoad(() => delegation.list(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  if (!list.data && !list.problem) return <ListSkeleton rows={3} />;
  const options = list.data ? delegationsFor(list.data.asAgent, serviceId) : [];
  const forId = options.some((d) => d.id === chosen) ? chosen : null;
  return (
    <>
      {options.length > 0 && (
        <ForWhomPicker
          options={options}
          value={forId}
          onChange={setChosen}
          selfName={auth.account?.realName?.nameMasked ?? ''}
        />
      )}
      <Fragment key={forId ?? 'self'}>{children(forId)}</Fragment>
    </>
  );
}
