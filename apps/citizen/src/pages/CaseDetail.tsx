import {
  type Attachment,
  type AttachmentSlotSpec,
  CASE_WORKFLOW,
  type CaseEvent,
  type CaseFormEntry,
  type CaseDetail as Detail,
  findApplicationForm,
} from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import ImageViewer from 'antd-mobile/es/components/image-viewer';
import Steps from 'antd-mobile/es/components/steps';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { casesApi } from '../api/cases';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { AttachmentSlotField, useSlotUploads } from '../components/AttachmentSlots';
import { DetailProblem } from '../components/DetailProblem';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { ListSkeleton, useProblemText } from '../components/States';
import { TextAreaField } from '../components/TextAreaField';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import {
  anyUploading,
  attachmentIds,
  CASE_STATUS_COLOR,
  formatDateTime,
  formatSize,
  placeProblem,
  type Shrinker,
} from '../lib/cases';
import { errorText } from '../lib/errors';
import { lookupLabel, SERVICE_LOOKUPS } from '../lib/tools';
import { RequireAuth, useAuth } from '../state/auth';
import { CaseNumber } from './Apply';
import './cases.css';

/** The slots of the case's form (a supplement adds files to any of them; none is required there). */
function slotsOf(serviceId: string): AttachmentSlotSpec[] {
  const form = findApplicationForm(serviceId);
  return form ? form.attachments.map((s) => ({ ...s, required: false })) : [];
}

/** 补正材料: files per slot and a note, sent together. */
function SupplementForm({
  detail,
  onDone,
  onCancel,
  shrink,
}: {
  detail: Detail;
  onDone: (d: Detail) => void;
  onCancel: () => void;
  shrink?: Shrinker;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const problemText = useProblemText();
  const slots = slotsOf(detail.serviceId);
  const { uploads, add, remove } = useSlotUploads({}, undefined, shrink);
  const [note, setNote] = useState('');
  const [slotErrors, setSlotErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const form = findApplicationForm(detail.serviceId);

  const submit = async () => {
    if (busy) return;
    if (anyUploading(uploads)) {
      setError(t('cases.slot.waitUploads'));
      return;
    }
    const attachments = attachmentIds(uploads);
    const text = note.trim();
    if (Object.keys(attachments).length === 0 && !text) {
      setError(t('cases.detail.supplementNeedSomething'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await auth.withVerification(() =>
        casesApi.supplement(detail.id, text ? { note: text, attachments } : { attachments }),
      );
      Toast.show({ content: t('cases.detail.supplementDone') });
      onDone(next);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (isApiProblem(e) && form) {
        const placed = placeProblem(e, form, attachments, problemText);
        setSlotErrors(placed.slots);
        setError(placed.general);
      } else {
        setError(errorText(e, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="case-supplement-form" data-testid="supplement-form">
      <p className="field-help">{t('cases.detail.supplementIntro')}</p>
      <p className="field-help">{t('cases.slot.types')}</p>
      {slots.map((slot) => (
        <AttachmentSlotField
          key={slot.id}
          slot={slot}
          items={uploads[slot.id] ?? []}
          error={slotErrors[slot.id]}
          onAdd={(files) => {
            setError(null);
            void add(slot, files);
          }}
          onRemove={(item) => void remove(slot.id, item)}
        />
      ))}
      <div className="field">
        <label htmlFor={noteId} className="field-label">
          {t('cases.detail.supplementNote')}
        </label>
        <TextAreaField
          id={noteId}
          value={note}
          onChange={setNote}
          maxLength={500}
          showCount
          autoSize={{ minRows: 2, maxRows: 5 }}
          placeholder={t('cases.detail.supplementNotePlaceholder')}
          testId="supplement-note"
        />
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="supplement-error">
          {error}
        </p>
      )}
      <div className="case-nav">
        <Button size="large" onClick={onCancel} disabled={busy}>
          {t('cases.detail.cancel')}
        </Button>
        <Button
          color="primary"
          size="large"
          loading={busy}
          disabled={busy}
          onClick={submit}
          data-testid="supplement-submit"
        >
          {t('cases.detail.supplementSubmit')}
        </Button>
      </div>
    </section>
  );
}

/**
 * Text that arrives with phone or ID numbers masked (138****8000): 显示 asks the server for the whole text (a fresh
 * 刷脸/PIN if needed; audited, so it shows in 我的访问记录) and shows it in place until 隐藏.
 */
function RevealableText({
  shown,
  label,
  testId,
  className,
  reveal,
}: {
  shown: string;
  label: string;
  testId: string;
  className: string;
  reveal: () => Promise<string>;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    if (full !== null) return setFull(null);
    setBusy(true);
    setError(null);
    try {
      setFull(await auth.withVerification(reveal));
    } catch (e) {
      if (!isVerificationCancelled(e)) setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <span className={className} data-testid={testId}>
        {full ?? shown}
      </span>
      <button
        type="button"
        className="link-button case-reveal"
        onClick={() => void toggle()}
        disabled={busy}
        aria-pressed={full !== null}
        aria-label={t(full === null ? 'cases.detail.revealLabel' : 'cases.detail.hideLabel', { label })}
      >
        {t(full === null ? 'cases.detail.reveal' : 'cases.detail.hide')}
      </button>
      {error && (
        <span className="field-error case-reveal-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/**
 * One value of 申请信息. A phone or ID number arrives masked (138****8000), and so does free text with one inside it
 * (事实与理由, 随迁人员 …: those numbers masked); 显示 reveals it (RevealableText).
 */
function FormValue({ caseId, entry }: { caseId: string; entry: CaseFormEntry }) {
  const { pick } = useLocale();
  if (!entry.masked) return <>{entry.value || '—'}</>;
  return (
    <RevealableText
      shown={entry.value}
      label={pick(entry.label, entry.labelEn)}
      testId={`case-form-${entry.name}`}
      className="case-form-value"
      reveal={async () => (await casesApi.revealFormValue(caseId, entry.name)).value}
    />
  );
}

/** The note of a step of the timeline (补正原因, 撤回原因 …), its phone and ID numbers masked until 显示. */
function EventNote({ caseId, event }: { caseId: string; event: CaseEvent }) {
  const { t } = useLocale();
  if (!event.note) return null;
  if (!event.noteMasked) return <span className="case-event-note">{event.note}</span>;
  return (
    <span className="case-event-note">
      <RevealableText
        shown={event.note}
        label={t('cases.detail.noteLabel')}
        testId={`case-event-note-${event.seq}`}
        className="case-event-note-text"
        reveal={async () => (await casesApi.revealEventNote(caseId, event.seq)).note}
      />
    </span>
  );
}

/**
 * The files of the case; a tap opens one (fetched with the session, shown from a blob URL): one's own uploads and, in
 * a case made for someone else, those of the other party (the principal opens what the agent uploaded for them).
 */
function Files({ detail }: { detail: Detail }) {
  const { t, pick, lang } = useLocale();
  const auth = useAuth();
  const [image, setImage] = useState<string | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const form = findApplicationForm(detail.serviceId);
  const slotLabel = (slot: string | null) => {
    const spec = form?.attachments.find((s) => s.id === slot);
    return spec ? pick(spec.label, spec.labelEn) : t('cases.detail.otherSlot');
  };
  useEffect(
    () => () => {
      if (image) URL.revokeObjectURL(image);
    },
    [image],
  );

  const open = async (a: Attachment) => {
    setOpening(a.id);
    try {
      const blob = await auth.withVerification(() => casesApi.attachmentFile(a.id));
      const url = URL.createObjectURL(blob);
      if (a.contentType.startsWith('image/')) setImage(url);
      else {
        window.open(url, '_blank', 'noopener');
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
    } catch (e) {
      if (!isVerificationCancelled(e))
        Toast.show({ content: isApiProblem(e) ? errorText(e, t) : t('cases.detail.previewFailed') });
    } finally {
      setOpening(null);
    }
  };

  if (detail.attachments.length === 0) return <p className="field-help">{t('cases.detail.noFiles')}</p>;
  return (
    <>
      <ul className="case-files">
        {detail.attachments.map((a) => (
          <li key={a.id} className="case-file" data-testid="case-file">
            <span className="case-thumb case-thumb-doc" aria-hidden="true">
              <Icon name={a.contentType === 'application/pdf' ? 'document' : 'card'} />
            </span>
            <span className="case-file-text">
              <button
                type="button"
                className="case-file-open"
                onClick={() => void open(a)}
                disabled={opening === a.id}
                aria-label={t('cases.slot.preview', { name: a.name })}
              >
                {a.name}
              </button>
              <span className="case-file-meta">
                {slotLabel(a.slot)} · {formatSize(a.size, lang)} · {formatDateTime(a.uploadedAt, lang)}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <ImageViewer image={image ?? ''} visible={image !== null} onClose={() => setImage(null)} />
    </>
  );
}

/** 2026-12-10 → 2026年12月10日 (a due date, China time, as the guide writes dates). */
const chineseDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

/** The case: status, collection or supplement, actions, the timeline, what was applied for and uploaded. */
export function CaseView({
  detail,
  onChange,
  shrink,
}: {
  detail: Detail;
  onChange: (d: Detail) => void;
  shrink?: Shrinker;
}) {
  const { t, pick, lang } = useLocale();
  const auth = useAuth();
  // Once issued, what the department holds can be looked up (查看我的优待证).
  const lookup = SERVICE_LOOKUPS[detail.serviceId];
  const [supplementing, setSupplementing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const headRef = useRef<HTMLElement>(null);
  const canWithdraw = detail.allowedActions.includes('withdraw');
  const canSupplement = detail.allowedActions.includes('supplement');
  const events = [...detail.events].sort((a, b) => b.at.localeCompare(a.at));
  const final = CASE_WORKFLOW[detail.status].final;

  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setWithdrawError(null);
    try {
      const next = await auth.withVerification(() => casesApi.withdraw(detail.id, reason.trim() || undefined));
      setWithdrawing(false);
      setReason('');
      Toast.show({ content: t('cases.detail.withdrawn') });
      onChange(next);
    } catch (e) {
      if (!isVerificationCancelled(e)) setWithdrawError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="case-detail">
      <section className="card case-head" ref={headRef} data-testid="case-head" data-status={detail.status}>
        <h1 className="case-head-title">{pick(detail.serviceName, detail.serviceNameEn)}</h1>
        <p className="case-head-status">
          <Tag color={CASE_STATUS_COLOR[detail.status]} fill="solid" className="case-tag">
            {pick(detail.statusLabel, detail.statusLabelEn)}
          </Tag>
        </p>
        {detail.onBehalf && (
          <p className="case-on-behalf" data-testid="on-behalf">
            {detail.onBehalf.label}
          </p>
        )}
        <dl className="case-facts">
          <div>
            <dt>{t('cases.result.caseNumber')}</dt>
            <dd>
              <CaseNumber value={detail.caseNumber} />
            </dd>
          </div>
          <div>
            <dt>{t('cases.detail.department')}</dt>
            <dd>{detail.departmentName}</dd>
          </div>
          <div>
            <dt>{t('cases.city')}</dt>
            <dd>{detail.cityName}</dd>
          </div>
          <div>
            <dt>{t('cases.detail.submittedAt')}</dt>
            <dd>{formatDateTime(detail.submittedAt, lang)}</dd>
          </div>
        </dl>
        {detail.timeLimit && (
          <p className="case-time-limit" data-testid="time-limit">
            <Icon name="clock" />{' '}
            {t('cases.detail.timeLimit', {
              date: lang === 'en' ? detail.timeLimit.dueOn : chineseDate(detail.timeLimit.dueOn),
              days: String(detail.timeLimit.workingDays),
            })}
          </p>
        )}
      </section>

      {detail.status === 'approved' && detail.collection && (
        <section className="card case-collection" data-testid="collection-card" aria-labelledby={`${reasonId}-col`}>
          <h2 id={`${reasonId}-col`} className="case-subheading">
            <Icon name="check" /> {t('cases.detail.collectionTitle')}
          </h2>
          <dl className="case-facts">
            <div>
              <dt>{t('cases.detail.collectionPlace')}</dt>
              <dd data-testid="collection-place">{detail.collection.place}</dd>
            </div>
            <div>
              <dt>{t('cases.detail.collectionHours')}</dt>
              <dd data-testid="collection-hours">{detail.collection.hours}</dd>
            </div>
          </dl>
          <p className="case-collection-bring">
            <Icon name="id-card" /> {t('cases.detail.collectionBring')}
          </p>
          <p className="field-help">{t('cases.detail.collectionNote')}</p>
        </section>
      )}

      {detail.fulfilment && (
        <section
          className="card case-fulfilment"
          data-testid="fulfilment-card"
          data-state={detail.fulfilment.state}
          aria-labelledby={`${reasonId}-ful`}
        >
          <h2 id={`${reasonId}-ful`} className="case-subheading">
            <Icon name={detail.fulfilment.state === 'failed' ? 'alert' : 'check'} />{' '}
            {lang === 'en' ? t('cases.detail.fulfilmentTitle') : detail.fulfilment.what}：
            <span data-testid="fulfilment-state">
              {lang === 'en' ? detail.fulfilment.stateLabelEn : detail.fulfilment.stateLabel}
            </span>
          </h2>
          <p data-testid="fulfilment-message">{detail.fulfilment.message}</p>
          {detail.fulfilment.reference && (
            <p className="field-help">
              {lang === 'en' ? detail.fulfilment.referenceLabelEn : detail.fulfilment.referenceLabel}
              {t('common.colon')}
              {detail.fulfilment.reference}
            </p>
          )}
          {detail.fulfilment.state === 'issued' && lookup && (
            <Link
              to={`${lookup.route}?city=${encodeURIComponent(detail.cityCode)}`}
              className="state-link adm-button-fill-outline"
              data-testid="fulfilment-lookup"
            >
              {t(lookupLabel(lookup, detail.cityCode, 'caseLabel'))}
            </Link>
          )}
        </section>
      )}

      {detail.status === 'supplement_requested' && (
        <section className="card case-supplement" data-testid="supplement-card" aria-labelledby={`${reasonId}-sup`}>
          <h2 id={`${reasonId}-sup`} className="case-subheading">
            <Icon name="alert" /> {t('cases.detail.supplementTitle')}
          </h2>
          {detail.supplementReason && (
            <p className="case-reason" data-testid="supplement-reason">
              <strong>
                {t('cases.detail.supplementReason')}
                {t('common.colon')}
              </strong>
              {detail.supplementReason}
            </p>
          )}
          {canSupplement &&
            (supplementing ? (
              <SupplementForm
                detail={detail}
                shrink={shrink}
                onCancel={() => setSupplementing(false)}
                onDone={(d) => {
                  setSupplementing(false);
                  onChange(d);
                }}
              />
            ) : (
              <Button
                block
                color="primary"
                size="large"
                onClick={() => setSupplementing(true)}
                data-testid="supplement-start"
              >
                {t('cases.detail.supplementAction')}
              </Button>
            ))}
        </section>
      )}

      <section className="card" aria-labelledby={`${reasonId}-tl`}>
        <h2 id={`${reasonId}-tl`} className="case-subheading">
          {t('cases.detail.timeline')}
        </h2>
        <Steps direction="vertical" current={0} className="case-timeline" data-testid="timeline">
          {events.map((e, i) => (
            <Steps.Step
              key={`${e.at}-${e.action}`}
              status={i === 0 && !final ? 'process' : 'finish'}
              title={pick(e.label, e.labelEn)}
              description={
                <span className="case-event">
                  <span>{formatDateTime(e.at, lang)}</span>
                  <span>{e.actor === 'staff' ? e.actorName : t('cases.detail.you')}</span>
                  <EventNote caseId={detail.id} event={e} />
                </span>
              }
            />
          ))}
        </Steps>
      </section>

      <section className="card" aria-labelledby={`${reasonId}-info`}>
        <h2 id={`${reasonId}-info`} className="case-subheading">
          {t('cases.detail.info')}
        </h2>
        <dl className="case-facts" data-testid="case-form">
          <div>
            <dt>{t('cases.applicant')}</dt>
            <dd>{detail.applicantNameMasked}</dd>
          </div>
          <div>
            <dt>{t('cases.applicantId')}</dt>
            <dd>{detail.applicantIdMasked}</dd>
          </div>
          {detail.form.map((entry) => (
            <div key={entry.name}>
              <dt>{pick(entry.label, entry.labelEn)}</dt>
              <dd>
                <FormValue caseId={detail.id} entry={entry} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby={`${reasonId}-files`}>
        <h2 id={`${reasonId}-files`} className="case-subheading">
          {t('cases.detail.files')}
        </h2>
        <Files detail={detail} />
      </section>

      <div className="case-actions">
        {canWithdraw && (
          <Button
            block
            size="large"
            color="danger"
            fill="outline"
            onClick={() => setWithdrawing(true)}
            data-testid="withdraw"
          >
            {t('cases.detail.withdraw')}
          </Button>
        )}
        <Link to="/cases" className="state-link case-back-link">
          {t('cases.detail.backToList')}
        </Link>
      </div>

      <Dialog
        visible={withdrawing}
        title={t('cases.detail.withdrawTitle')}
        onClose={() => setWithdrawing(false)}
        content={
          <div className="case-withdraw" data-testid="withdraw-dialog">
            <p>{t('cases.detail.withdrawBody')}</p>
            <label htmlFor={reasonId} className="field-label">
              {t('cases.detail.withdrawReason')}
            </label>
            <TextAreaField
              id={reasonId}
              value={reason}
              onChange={setReason}
              maxLength={200}
              showCount
              placeholder={t('cases.detail.withdrawReasonPlaceholder')}
              testId="withdraw-reason"
            />
            {withdrawError && (
              <p className="field-error" role="alert">
                {withdrawError}
              </p>
            )}
          </div>
        }
        actions={[
          [
            { key: 'cancel', text: t('cases.detail.cancel'), onClick: () => setWithdrawing(false), disabled: busy },
            {
              key: 'confirm',
              text: t('cases.detail.withdrawConfirm'),
              danger: true,
              bold: true,
              disabled: busy,
              onClick: () => void withdraw(),
            },
          ],
        ]}
      />
    </div>
  );
}

function Loaded({ id }: { id: string }) {
  const { t } = useLocale();
  const { data, problem, reload, setData } = useVerifiedLoad(() => casesApi.get(id), [id]);
  if (problem) {
    return (
      <DetailProblem
        problem={problem}
        notFoundCode="CASE_NOT_FOUND"
        notFoundTitle={t('cases.detail.notFound')}
        onRetry={reload}
        backTo="/cases"
        backLabel={t('cases.detail.backToList')}
      />
    );
  }
  if (!data) return <ListSkeleton rows={4} />;
  return <CaseView detail={data} onChange={setData} />;
}

/** /cases/:id 办件详情. */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  return (
    <Page title={t('cases.detail.title')} ownHeading>
      <RequireAuth>
        <Loaded id={id} />
      </RequireAuth>
    </Page>
  );
}
