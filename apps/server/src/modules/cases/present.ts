import {
  type ApplicationFormSpec,
  type Attachment,
  type AttachmentContentType,
  allowedCaseActions,
  CASE_ACTION_SPECS,
  CASE_ASSIGNMENT_CHANGES,
  type CaseDetail,
  type CaseEvent,
  type CaseFormEntry,
  type CaseFulfilment,
  type CaseSummary,
  type CitizenCaseAction,
  type CollectionInfo,
  type ConsoleCaseAssignee,
  type ConsoleCaseDetail,
  type ConsoleCaseFulfilment,
  type ConsoleCaseSummary,
  caseStatusLabel,
  caseStatusOf,
  displayFormValue,
  findApplicationForm,
  findCity,
  fulfilmentStateLabel,
  isFreeTextFormField,
  isSensitiveFormField,
  type StaffCaseAction,
} from '@yss/contracts';
import { AppError } from '../../http/app-error.js';
import type { CatalogSnapshot } from '../catalog/index.js';
import {
  containsPersonalNumbers,
  type FieldCipher,
  maskIdNumber,
  maskName,
  maskNumbersInText,
  maskPhone,
} from '../privacy/index.js';
import { onBehalfOf, type Viewer } from '../shared/index.js';
import { findFulfilment } from './fulfilment/index.js';
import type { FulfilmentRow } from './fulfilment/repository.js';
import type { AttachmentMeta, CaseAssignmentRow, CaseEventRow, CaseNoteRow, CaseRow } from './repository.js';
import { type LimitClock, timeLimitOf } from './time-limit.js';

/**
 * Explicit mappers from rows to the contract's shapes: the status and the allowed actions always come from the
 * event log (caseStatusOf), never from the cached column; personal fields leave masked unless a shape asks for
 * them (the console's applicantName).
 */

export const FORM_AAD = 'cases.form';
export const NAME_AAD = 'cases.applicant_name';
export const ID_AAD = 'cases.applicant_id_number';
export const NOTE_AAD = 'cases.note';

export function decryptForm(cipher: FieldCipher, row: CaseRow): Record<string, string> {
  return JSON.parse(cipher.decrypt(row.form_encrypted, `${FORM_AAD}:${row.id}`)) as Record<string, string>;
}

/**
 * A form value as every view shows it: a select's words, a phone or ID number masked (138****8000,
 * 440***********031X), free text with the phone and ID numbers inside it masked the same way (maskNumbersInText) —
 * the full value only through the audited reveal (`revealFormValue`).
 */
function shownFormValue(spec: ApplicationFormSpec, field: string, value: string | undefined) {
  const shown = displayFormValue(spec, field, value);
  if (shown && isFreeTextFormField(spec, field)) {
    const masked = maskNumbersInText(shown);
    return { value: masked, masked: masked !== shown };
  }
  if (!shown || !isSensitiveFormField(spec, field)) return { value: shown, masked: false };
  const kind = spec.fields.find((f) => f.name === field)?.kind;
  return { value: kind === 'idNumber' ? maskIdNumber(shown) : maskPhone(shown), masked: true };
}

function summaryLine(row: CaseRow, form: Record<string, string>): string {
  const spec = findApplicationForm(row.service_id);
  if (!spec) return '';
  const field = spec.fields.find((f) => f.name === spec.summaryField);
  const { value } = shownFormValue(spec, spec.summaryField, form[spec.summaryField]);
  return field && value ? `${field.label}：${value}` : '';
}

export function presentSummary(
  catalog: CatalogSnapshot,
  row: CaseRow,
  form: Record<string, string>,
  viewer: Viewer | null,
  clock: LimitClock,
  status = row.status,
): CaseSummary {
  const names = catalog.serviceName(row.service_id, row.city_code);
  const workflow = caseStatusLabel(status, findApplicationForm(row.service_id)?.collection);
  return {
    id: row.id,
    caseNumber: row.case_number,
    serviceId: row.service_id,
    // the city's own name where it has one (佛山: 老人卡申办)
    serviceName: names.name,
    serviceNameEn: names.nameEn,
    cityCode: row.city_code,
    cityName: findCity(row.city_code)?.name ?? row.city_code,
    departmentName: catalog.departmentName(row.department_id),
    status,
    statusLabel: workflow.label,
    statusLabelEn: workflow.labelEn,
    summary: summaryLine(row, form),
    submittedAt: row.submitted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    onBehalf: onBehalfOf(row, viewer),
    timeLimit: timeLimitOf(row, status, clock),
  };
}

export function presentAttachment(a: AttachmentMeta): Attachment {
  return {
    id: a.id,
    name: a.name,
    contentType: a.content_type as AttachmentContentType,
    size: a.size,
    slot: a.slot,
    uploadedAt: a.uploaded_at.toISOString(),
  };
}

function formEntries(row: CaseRow, form: Record<string, string>): CaseFormEntry[] {
  const spec = findApplicationForm(row.service_id);
  if (!spec) return [];
  return spec.fields.flatMap((f) => {
    const { value, masked } = shownFormValue(spec, f.name, form[f.name]);
    return value ? [{ name: f.name, label: f.label, labelEn: f.labelEn, value, masked }] : [];
  });
}

/** A field's label (for the reveal's audit entry: which field, never its value). */
export function formFieldLabel(serviceId: string, field: string): string {
  return findApplicationForm(serviceId)?.fields.find((f) => f.name === field)?.label ?? field;
}

/**
 * 显示: the full value of one masked entry of a case's form (a phone or ID number the applicant typed, or free text
 * with one inside it: the whole text). A field the form does not have, or one left empty, is
 * CASE_FORM_FIELD_NOT_FOUND; one shown in full anyway (not a phone or ID number, free text without one)
 * CASE_FORM_FIELD_NOT_MASKED. The caller has opened the case (its gate) and audits the reveal.
 */
export function revealFormValue(serviceId: string, form: Record<string, string>, field: string): string {
  const spec = findApplicationForm(serviceId);
  const known = spec?.fields.some((f) => f.name === field);
  if (!spec || !known) throw new AppError('CASE_FORM_FIELD_NOT_FOUND', '该办件的申请信息中没有这一项。');
  const value = Object.hasOwn(form, field) ? form[field] : undefined;
  const freeText = isFreeTextFormField(spec, field);
  if (!isSensitiveFormField(spec, field) && !(freeText && value && containsPersonalNumbers(value))) {
    throw new AppError(
      'CASE_FORM_FIELD_NOT_MASKED',
      '该项申请信息已完整显示，只有隐藏显示的手机号码和身份证号码需要点击显示。',
    );
  }
  if (!value) throw new AppError('CASE_FORM_FIELD_NOT_FOUND', '该项申请信息未填写，没有可显示的内容。');
  return value;
}

/** What the log says beyond the status: the collection details once approved, an open supplement request's reason. */
function fromLog(events: readonly CaseEventRow[], status: CaseDetail['status']) {
  const last = <T>(pick: (e: CaseEventRow) => T | null | undefined) => {
    for (let i = events.length - 1; i >= 0; i--) {
      const v = pick(events[i] as CaseEventRow);
      if (v !== null && v !== undefined) return v;
    }
    return null;
  };
  const collection: CollectionInfo | null =
    status === 'approved' || status === 'completed'
      ? last((e) => (e.action === 'approve' ? e.collection : null))
      : null;
  const reason =
    status === 'supplement_requested' ? last((e) => (e.action === 'request_supplement' ? e.note : null)) : null;
  // Masked like the timeline's copy of the same note (its 显示 is there).
  const supplementReason = reason === null ? null : maskNumbersInText(reason);
  return { collection, supplementReason };
}

function citizenEvent(catalog: CatalogSnapshot, row: CaseRow, e: CaseEventRow): CaseEvent {
  const spec = CASE_ACTION_SPECS[e.action];
  return {
    action: e.action,
    label: spec.label,
    labelEn: spec.labelEn,
    actor: e.actor_kind,
    // The citizen learns which department acted, not which person; on a case made for someone else, the 代办人's
    // steps are marked as theirs.
    actorName:
      e.actor_kind === 'staff'
        ? catalog.departmentName(row.department_id)
        : row.principal_person_id && e.actor_account_id === row.account_id
          ? `代办人${row.agent_name_masked ?? ''}`
          : '申请人',
    // Free text: phone and ID numbers inside masked like the form's; 显示 through the event's audited reveal.
    note: e.note === null ? null : maskNumbersInText(e.note),
    noteMasked: e.note !== null && containsPersonalNumbers(e.note),
    seq: e.seq,
    at: e.created_at.toISOString(),
  };
}

/** The write-back as the applicant reads it: what is being issued, what was issued, or that it stalled. */
export function presentFulfilment(f: FulfilmentRow | undefined): CaseFulfilment | null {
  if (!f) return null;
  const entry = findFulfilment(f.service_id);
  const what = entry?.what ?? '办理结果';
  const verb = entry?.verb ?? '制发';
  const state = fulfilmentStateLabel(f.state, entry?.verb);
  const message =
    f.state === 'issued' && f.result
      ? f.result.message
      : f.state === 'pending'
        ? `审核已通过，${what}正在${verb}中，${verb}后将通过消息通知您。`
        : `${what}${verb}遇到问题，工作人员正在处理，请耐心等待，无需重新申请。`;
  return {
    state: f.state,
    stateLabel: state.label,
    stateLabelEn: state.labelEn,
    what,
    message,
    reference: f.state === 'issued' ? (f.result?.reference ?? null) : null,
    referenceLabel: entry?.referenceLabel?.zh ?? '证件编号',
    referenceLabelEn: entry?.referenceLabel?.en ?? 'Number',
    updatedAt: f.updated_at.toISOString(),
  };
}

/** The reviewer's view: the attempts and the last failure, and whether it can be retried (failed only). */
export function presentConsoleFulfilment(f: FulfilmentRow | undefined): ConsoleCaseFulfilment | null {
  const base = presentFulfilment(f);
  if (!f || !base) return null;
  return { ...base, attempts: f.attempts, lastError: f.last_error, canRetry: f.state === 'failed' };
}

/** The case as its applicant sees it. */
export function presentDetail(
  catalog: CatalogSnapshot,
  cipher: FieldCipher,
  row: CaseRow,
  events: readonly CaseEventRow[],
  attachments: readonly AttachmentMeta[],
  viewer: Viewer | null,
  clock: LimitClock,
  fulfilment?: FulfilmentRow,
): CaseDetail {
  const form = decryptForm(cipher, row);
  const status = caseStatusOf(events.map((e) => e.action));
  return {
    ...presentSummary(catalog, row, form, viewer, clock, status),
    applicantNameMasked: row.applicant_name_masked,
    applicantIdMasked: row.applicant_id_number_masked,
    form: formEntries(row, form),
    attachments: attachments.map(presentAttachment),
    events: events.map((e) => citizenEvent(catalog, row, e)),
    allowedActions: allowedCaseActions(status, 'citizen') as CitizenCaseAction[],
    ...fromLog(events, status),
    version: events.length,
    fulfilment: presentFulfilment(fulfilment),
  };
}

/**
 * A staff member as the console's 办理人, 分派记录 and 内部备注 show them: the name masked (王**), without the
 * office in brackets of the display name (王丽娟（广州残联审核） → 王**).
 */
export function staffNameMasked(displayName: string | undefined): string {
  const name = displayName?.split(/[（(]/)[0]?.trim();
  return name ? maskName(name) : '工作人员';
}

/** Who the console sees: the caller (`me`), and the staff names by account id. */
export interface StaffView {
  me: string;
  names: ReadonlyMap<string, string>;
}

/** The staff ids a case's console view names: its 办理人, the assignment log's and the notes' people. */
export function staffIdsOf(
  row: CaseRow,
  assignments: readonly CaseAssignmentRow[] = [],
  notes: readonly CaseNoteRow[] = [],
): string[] {
  return [
    ...(row.assignee_staff_id ? [row.assignee_staff_id] : []),
    ...assignments.flatMap((a) => [a.actor_staff_id, ...(a.assignee_staff_id ? [a.assignee_staff_id] : [])]),
    ...notes.map((n) => n.author_staff_id),
  ];
}

export function presentAssignee(row: CaseRow, staff: StaffView): ConsoleCaseAssignee | null {
  if (!row.assignee_staff_id || !row.assigned_at) return null;
  return {
    staffId: row.assignee_staff_id,
    nameMasked: staffNameMasked(staff.names.get(row.assignee_staff_id)),
    mine: row.assignee_staff_id === staff.me,
    since: row.assigned_at.toISOString(),
  };
}

export function presentConsoleSummary(
  catalog: CatalogSnapshot,
  cipher: FieldCipher,
  row: CaseRow,
  clock: LimitClock,
  fulfilmentState: FulfilmentRow['state'] | null = null,
  staff: StaffView = { me: '', names: new Map() },
): ConsoleCaseSummary {
  return {
    ...presentSummary(catalog, row, decryptForm(cipher, row), null, clock),
    applicantNameMasked: row.applicant_name_masked,
    fulfilmentState,
    assignee: presentAssignee(row, staff),
  };
}

/** The case as a reviewer sees it: the applicant's full name (the ID number stays masked), staff named. */
export function presentConsoleDetail(
  catalog: CatalogSnapshot,
  cipher: FieldCipher,
  row: CaseRow,
  events: readonly CaseEventRow[],
  attachments: readonly AttachmentMeta[],
  staffNames: ReadonlyMap<string, string>,
  clock: LimitClock,
  fulfilment: FulfilmentRow | undefined,
  office: { me: string; assignments: readonly CaseAssignmentRow[]; notes: readonly CaseNoteRow[] },
): ConsoleCaseDetail {
  const { allowedActions: _citizen, ...detail } = presentDetail(catalog, cipher, row, events, attachments, null, clock);
  const staff: StaffView = { me: office.me, names: staffNames };
  return {
    ...detail,
    // The console's version counts the assignment changes too (the citizen's counts the events only).
    version: row.version,
    applicantName: cipher.decrypt(row.applicant_name_encrypted, `${NAME_AAD}:${row.id}`),
    agentNameMasked: row.agent_name_masked,
    staffAllowedActions: allowedCaseActions(detail.status, 'staff') as StaffCaseAction[],
    events: events.map((e) => ({
      ...citizenEvent(catalog, row, e),
      staffName: e.actor_staff_id ? (staffNames.get(e.actor_staff_id) ?? '工作人员') : null,
    })),
    fulfilment: presentConsoleFulfilment(fulfilment),
    assignee: presentAssignee(row, staff),
    assignments: office.assignments.map((a) => ({
      change: a.change,
      label: CASE_ASSIGNMENT_CHANGES[a.change].label,
      assigneeNameMasked: a.assignee_staff_id ? staffNameMasked(staffNames.get(a.assignee_staff_id)) : null,
      byNameMasked: staffNameMasked(staffNames.get(a.actor_staff_id)),
      at: a.created_at.toISOString(),
    })),
    // Free text: phone and ID numbers inside are masked like the form's (a note needs no reveal: the reviewer has
    // the application's own 显示 for the numbers it holds).
    notes: office.notes.map((n) => ({
      id: n.id,
      text: maskNumbersInText(n.body),
      authorNameMasked: staffNameMasked(staffNames.get(n.author_staff_id)),
      mine: n.author_staff_id === office.me,
      createdAt: n.created_at.toISOString(),
    })),
  };
}
