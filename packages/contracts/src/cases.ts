import { z } from 'zod';
import { CITY_CODES } from './cities.js';
import { ALL_APPLICATION_FORMS } from './forms/index.js';
import { OnBehalf } from './on-behalf.js';

/**
 * 办件 (cases): an application a citizen submits online and department staff handle in the console.
 *
 * A case is an append-only log of actions (提交, 受理, 补正, 办结 …). Its status and the actions allowed next are
 * derived from that log by the pure functions below, from one exhaustive table — the server enforces them, the
 * apps use them to show the right buttons, and the timeline the citizen sees is the log itself.
 *
 * Which services take applications online, and what their forms ask, is data: `APPLICATION_FORMS`. The server
 * validates a submission with the form's schema; the citizen app renders the form from the same definition.
 */

// ---------------------------------------------------------------------------------------------------------------
// Status and actions
// ---------------------------------------------------------------------------------------------------------------

export const CASE_STATUSES = [
  'submitted',
  'supplement_requested',
  'accepted',
  'approved',
  'completed',
  'rejected',
  'withdrawn',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES).meta({
  id: 'CaseStatus',
  description:
    'submitted 已提交，待受理; supplement_requested 待补正材料; accepted 已受理，审核中; approved 审核通过，待领取; ' +
    'completed 已办结（已领取）; rejected 不予办理; withdrawn 已撤回',
});
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Who may take an action: the applicant (citizen) or the department's staff (console). */
export type CaseActor = 'citizen' | 'staff';

export const CASE_ACTIONS = [
  'submit',
  'withdraw',
  'supplement',
  'accept',
  'request_supplement',
  'approve',
  'reject',
  'complete',
] as const;
export const CaseAction = z.enum(CASE_ACTIONS).meta({ id: 'CaseAction' });
export type CaseAction = z.infer<typeof CaseAction>;

export const STAFF_CASE_ACTIONS = ['accept', 'request_supplement', 'approve', 'reject', 'complete'] as const;
export type StaffCaseAction = (typeof STAFF_CASE_ACTIONS)[number];
export const CITIZEN_CASE_ACTIONS = ['withdraw', 'supplement'] as const;
export type CitizenCaseAction = (typeof CITIZEN_CASE_ACTIONS)[number];

/** Each action: who takes it, the Chinese (and English) words for the timeline and the button. */
export const CASE_ACTION_SPECS = {
  submit: { actor: 'citizen', label: '提交申请', labelEn: 'Application submitted' },
  withdraw: { actor: 'citizen', label: '撤回申请', labelEn: 'Application withdrawn' },
  supplement: { actor: 'citizen', label: '补正材料', labelEn: 'Materials supplemented' },
  accept: { actor: 'staff', label: '受理', labelEn: 'Accepted' },
  request_supplement: { actor: 'staff', label: '要求补正', labelEn: 'Supplement requested' },
  approve: { actor: 'staff', label: '审核通过', labelEn: 'Approved' },
  reject: { actor: 'staff', label: '不予办理', labelEn: 'Rejected' },
  complete: { actor: 'staff', label: '办结（已领取）', labelEn: 'Completed (collected)' },
} as const satisfies Record<CaseAction, { actor: CaseActor; label: string; labelEn: string }>;

/**
 * The workflow as one table: for each status, its words, whether it is final, and what each action leads to.
 * An action missing from a status's `next` is not allowed there. `satisfies Record<CaseStatus, …>` makes adding a
 * status without deciding its actions a compile error.
 */
export const CASE_WORKFLOW = {
  submitted: {
    label: '已提交，待受理',
    labelEn: 'Submitted, awaiting acceptance',
    final: false,
    next: { accept: 'accepted', request_supplement: 'supplement_requested', reject: 'rejected', withdraw: 'withdrawn' },
  },
  supplement_requested: {
    label: '待补正材料',
    labelEn: 'Awaiting supplementary materials',
    final: false,
    next: { supplement: 'submitted', withdraw: 'withdrawn', reject: 'rejected' },
  },
  accepted: {
    label: '已受理，审核中',
    labelEn: 'Accepted, under review',
    final: false,
    next: { approve: 'approved', reject: 'rejected', request_supplement: 'supplement_requested' },
  },
  approved: {
    label: '审核通过，待领取',
    labelEn: 'Approved, ready for collection',
    final: false,
    next: { complete: 'completed' },
  },
  completed: { label: '已办结', labelEn: 'Completed', final: true, next: {} },
  rejected: { label: '不予办理', labelEn: 'Rejected', final: true, next: {} },
  withdrawn: { label: '已撤回', labelEn: 'Withdrawn', final: true, next: {} },
} as const satisfies Record<
  CaseStatus,
  { label: string; labelEn: string; final: boolean; next: Partial<Record<Exclude<CaseAction, 'submit'>, CaseStatus>> }
>;

/** The status an action leads to from `status`, or undefined when the action is not allowed there. */
export function caseTransition(status: CaseStatus, action: CaseAction): CaseStatus | undefined {
  if (action === 'submit') return undefined;
  return (CASE_WORKFLOW[status].next as Partial<Record<CaseAction, CaseStatus>>)[action];
}

/** The status after a log of actions (the first must be `submit`); throws on a log the workflow does not allow. */
export function caseStatusOf(actions: readonly CaseAction[]): CaseStatus {
  if (actions[0] !== 'submit') throw new Error('a case starts with submit');
  let status: CaseStatus = 'submitted';
  for (const action of actions.slice(1)) {
    const next = caseTransition(status, action);
    if (!next) throw new Error(`action ${action} not allowed in status ${status}`);
    status = next;
  }
  return status;
}

/** The actions `actor` may take in `status`, in the table's order. */
export function allowedCaseActions(status: CaseStatus, actor: CaseActor): CaseAction[] {
  return (Object.keys(CASE_WORKFLOW[status].next) as CaseAction[]).filter((a) => CASE_ACTION_SPECS[a].actor === actor);
}

// ---------------------------------------------------------------------------------------------------------------
// Application forms (data): which services take applications online, and what they ask
// ---------------------------------------------------------------------------------------------------------------

/**
 * How a field is entered: free text, several lines, one of the options (radio buttons), a date (the phone's date
 * picker, YYYY-MM-DD), a mobile number, a resident ID number, an e-mail address or a whole number (each a text
 * field with the right keyboard). The form's schema checks the value whatever the kind.
 */
export type FormFieldKind = 'text' | 'textarea' | 'select' | 'date' | 'phone' | 'idNumber' | 'email' | 'number';

export interface FormFieldSpec {
  readonly name: string;
  readonly label: string;
  readonly labelEn: string;
  readonly kind: FormFieldKind;
  readonly required: boolean;
  readonly maxLength?: number;
  readonly placeholder?: string;
  readonly placeholderEn?: string;
  /** select only: the values and their words. */
  readonly options?: readonly { readonly value: string; readonly label: string; readonly labelEn: string }[];
  /** A line under the field: what to enter, or where to find it. */
  readonly help?: string;
  readonly helpEn?: string;
  /** Shown only when another field has one of these values (e.g. 其他用途 when 用途 is 其他). */
  readonly showWhen?: { readonly field: string; readonly values: readonly string[] };
  /**
   * text/textarea only: false for a code that is not about a person and has its own format (统一社会信用代码), whose
   * digits would otherwise be taken for an ID number and masked. Every other free text is scanned (see below).
   */
  readonly scanNumbers?: false;
}

/** A kind of material to upload (身份证正反面 …): photos or PDFs, at most `maxFiles` of them. */
export interface AttachmentSlotSpec {
  readonly id: string;
  readonly label: string;
  readonly labelEn: string;
  readonly required: boolean;
  readonly maxFiles: number;
  readonly hint?: string;
  readonly hintEn?: string;
}

export interface ApplicationFormSpec {
  readonly serviceId: string;
  /** The catalog service whose page is its progress query (办理进度查询), if the guide names one. */
  readonly progressServiceId?: string;
  readonly title: string;
  readonly titleEn: string;
  /** What the applicant reads and confirms before submitting (须知), from the guide's wording where it has one. */
  readonly notice: readonly string[];
  readonly noticeEn: readonly string[];
  readonly fields: readonly FormFieldSpec[];
  readonly attachments: readonly AttachmentSlotSpec[];
  /** The server's check of the form values (field names as in `fields`), with Chinese messages. */
  readonly schema: z.ZodType<Record<string, string | undefined>>;
  /** The form value shown as the case's one-line summary in lists (e.g. the purpose). */
  readonly summaryField: string;
  /**
   * How the result is handed over once approved: collected in person (the guide: 无犯罪记录证明 目前暂仅支持现场领取;
   * the reviewer gives the place and hours), sent by post or e-mail, or nothing to collect (the approval itself
   * is the result, e.g. a subsidy granted or a consultation answered).
   */
  readonly collection: 'in_person' | 'post' | 'email' | 'none';
  /**
   * Where the approval's note *is* the result (立即咨询: the lawyer's answer reaches the citizen as that note), what
   * the note is called: 审核通过 then requires it (server and console), under this label.
   */
  readonly approvalReply?: { readonly label: string; readonly labelEn: string };
  /**
   * 承诺办结时限 in working days (工作日历), counted from 受理 (the day after it is the first): only where the guide or
   * the form's own notice states one (申领居住证: 自受理之日起10个工作日内). Without it the case shows no deadline.
   */
  readonly promisedWorkingDays?: number;
}

/**
 * The applicant's words for a status. 审核通过，待领取 is the workflow's label, right where the result is collected in
 * person; where it is posted or e-mailed it is on its way, and where nothing is collected (a subsidy granted, an
 * arbitration accepted) the approval is the result. The console keeps the workflow's label: 待领取 is its queue of
 * cases still to 办结.
 */
export function caseStatusLabel(
  status: CaseStatus,
  collection: ApplicationFormSpec['collection'] | undefined,
): { label: string; labelEn: string } {
  if (status !== 'approved' || collection === undefined || collection === 'in_person') return CASE_WORKFLOW[status];
  if (collection === 'none') return { label: '审核通过', labelEn: 'Approved' };
  return collection === 'post'
    ? { label: '审核通过，待寄送', labelEn: 'Approved, to be posted' }
    : { label: '审核通过，待发送', labelEn: 'Approved, to be e-mailed' };
}

/** Every service that takes applications online, by catalog service id (one file per area in `forms/`). */
export const APPLICATION_FORMS: Readonly<Record<string, ApplicationFormSpec>> = ALL_APPLICATION_FORMS;

/** The form of a service, if it takes applications online. */
export function findApplicationForm(serviceId: string): ApplicationFormSpec | undefined {
  return Object.hasOwn(APPLICATION_FORMS, serviceId) ? APPLICATION_FORMS[serviceId] : undefined;
}

/**
 * Field kinds that hold someone's personal numbers (a mobile number, a resident ID number): encrypted at rest with
 * the rest of the form, and shown masked (138****8000, 440***********031X) wherever the case is shown — to the
 * applicant, the 代办人 and the reviewer alike — until the person asks for the value (显示: an audited reveal).
 */
export const SENSITIVE_FORM_FIELD_KINDS: readonly FormFieldKind[] = ['phone', 'idNumber'];

/** Whether a field of a form is shown masked until revealed (its kind is phone or idNumber). */
export function isSensitiveFormField(form: ApplicationFormSpec, field: string): boolean {
  const spec = form.fields.find((f) => f.name === field);
  return spec !== undefined && SENSITIVE_FORM_FIELD_KINDS.includes(spec.kind);
}

/**
 * Field kinds whose values are free text (事实与理由, 随迁人员, addresses, 情况说明 …): phone and ID numbers typed inside
 * them are masked by the server like the fields above (the rest of the text as typed), and 显示 reveals the whole
 * value through the same audited reveal. A field marked `scanNumbers: false` is not scanned.
 */
export const FREE_TEXT_FORM_FIELD_KINDS: readonly FormFieldKind[] = ['text', 'textarea'];

/** Whether a field's value is free text the server scans for phone and ID numbers. */
export function isFreeTextFormField(form: ApplicationFormSpec, field: string): boolean {
  const spec = form.fields.find((f) => f.name === field);
  return spec !== undefined && FREE_TEXT_FORM_FIELD_KINDS.includes(spec.kind) && spec.scanNumbers !== false;
}

/** A form value in words (a select's label), for summaries, the timeline and the console. */
export function displayFormValue(form: ApplicationFormSpec, field: string, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  const spec = form.fields.find((f) => f.name === field);
  return spec?.options?.find((o) => o.value === value)?.label ?? value;
}

// ---------------------------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------------------------

/** What may be uploaded (checked by the file's first bytes, not by its name or the header alone). */
export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];
/** 5 MB: a phone photo; the app shrinks larger photos before uploading. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

export const Attachment = z
  .object({
    id: z.uuid(),
    /** The file name as uploaded (for the citizen's own list); never used as a path. */
    name: z.string(),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.number().int(),
    /** The form's attachment slot, once the file is part of a submission. */
    slot: z.string().nullable(),
    uploadedAt: z.iso.datetime(),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof Attachment>;

// ---------------------------------------------------------------------------------------------------------------
// Citizen API
// ---------------------------------------------------------------------------------------------------------------

const City = z.enum(CITY_CODES, { error: '请选择广东省的地级市' });
const AttachmentIds = z.array(z.uuid({ error: '材料编号有误' })).max(10, '每类材料最多上传10个文件');

export const SubmitCaseInput = z
  .object({
    serviceId: z.string().min(1).max(80),
    /** The city the application is made in (the city switcher's); the service must be offered there. */
    city: City,
    /** The form's values by field name (checked against the service's form). */
    form: z.record(z.string(), z.string().max(2000, '填写内容过长')),
    /** Uploaded attachment ids by the form's slot id. */
    attachments: z.record(z.string(), AttachmentIds).default({}),
    /**
     * Chosen by the app once per filled-in form: submitting twice (a double tap, a retry after a lost answer)
     * returns the first case instead of making a second.
     */
    submissionId: z.uuid({ error: '提交编号有误' }),
  })
  .strict()
  .meta({ id: 'SubmitCaseInput' });
export type SubmitCaseInput = z.input<typeof SubmitCaseInput>;

export const WithdrawCaseInput = z
  .object({ reason: z.string().trim().max(200, '撤回原因不能超过200个字').optional() })
  .strict()
  .meta({ id: 'WithdrawCaseInput' });

export const SupplementCaseInput = z
  .object({
    note: z.string().trim().max(500, '补正说明不能超过500个字').optional(),
    /** New files by slot; they are added to the case (earlier files stay in the record). */
    attachments: z.record(z.string(), AttachmentIds),
  })
  .strict()
  .meta({ id: 'SupplementCaseInput' });

/** Where and when to collect the result in person (set by staff on approval). */
export const CollectionInfo = z
  .object({
    place: z.string().trim().min(1, '请填写领取地点').max(120, '领取地点不能超过120个字'),
    /** 领取时间说明, e.g. 工作日 9:00–17:00，自通知之日起30日内. */
    hours: z.string().trim().min(1, '请填写领取时间').max(120, '领取时间不能超过120个字'),
  })
  .strict()
  .meta({ id: 'CollectionInfo' });
export type CollectionInfo = z.infer<typeof CollectionInfo>;

export const CaseEvent = z
  .object({
    action: CaseAction,
    label: z.string(),
    labelEn: z.string(),
    actor: z.enum(['citizen', 'staff']),
    /** Staff are named by their department only (not by name) to the citizen. */
    actorName: z.string(),
    /** The reason or note given (补正原因, 不予办理原因, 撤回原因 …), phone and ID numbers inside it masked. */
    note: z.string().nullable(),
    /** Whether the note has numbers masked: the full text through the event's audited 显示 (…/events/:seq/note/reveal). */
    noteMasked: z.boolean(),
    /** The event's place in the case's log (1 = the submission): what the note's 显示 names. */
    seq: z.number().int().min(1),
    at: z.iso.datetime(),
  })
  .meta({ id: 'CaseEvent' });
export type CaseEvent = z.infer<typeof CaseEvent>;

/**
 * 承诺办结时限 while it runs (the case accepted, its service with a limit): running, due_soon (即将到期: at most 2
 * working days left, the due date itself included) or overdue (已超期: the due date has passed).
 */
export const CASE_TIME_LIMIT_STATES = {
  running: { label: '办理中', labelEn: 'In time' },
  due_soon: { label: '即将到期', labelEn: 'Due soon' },
  overdue: { label: '已超期', labelEn: 'Overdue' },
} as const;
export const CaseTimeLimitState = z.enum(['running', 'due_soon', 'overdue']);
export type CaseTimeLimitState = z.infer<typeof CaseTimeLimitState>;
/** 即将到期: this many working days left or fewer. */
export const CASE_DUE_SOON_WORKING_DAYS = 2;

export const CaseTimeLimit = z
  .object({
    /** The service's 承诺办结时限 in working days. */
    workingDays: z.number().int(),
    /** The last day (China time, YYYY-MM-DD): the working-day calendar's n-th working day after the last 受理. */
    dueOn: z.iso.date(),
    /** Working days after today up to the due date (0: due today); negative: working days overdue. */
    workingDaysLeft: z.number().int(),
    state: CaseTimeLimitState,
    stateLabel: z.string(),
  })
  .meta({ id: 'CaseTimeLimit' });
export type CaseTimeLimit = z.infer<typeof CaseTimeLimit>;

/** 承诺办结时间：2026年12月10日前（自受理之日起10个工作日） */
export function caseTimeLimitText(t: Pick<CaseTimeLimit, 'dueOn' | 'workingDays'>): string {
  const [y, m, d] = t.dueOn.split('-').map(Number);
  return `承诺办结时间：${y}年${m}月${d}日前（自受理之日起${t.workingDays}个工作日）`;
}

export const CaseSummary = z
  .object({
    id: z.uuid(),
    /** 办件编号: what the citizen quotes on the phone or at the counter. */
    caseNumber: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    serviceNameEn: z.string(),
    cityCode: z.string(),
    cityName: z.string(),
    departmentName: z.string(),
    status: CaseStatus,
    statusLabel: z.string(),
    statusLabelEn: z.string(),
    /** One line from the form (e.g. 开具用途：就业入职). */
    summary: z.string(),
    submittedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** 为他人办理: made by the viewer for someone else, or by someone else for the viewer (null: by the applicant). */
    onBehalf: OnBehalf.nullable(),
    /** 承诺办结时限 while it runs (accepted, the service has one); null otherwise (paused by 补正, decided, none). */
    timeLimit: CaseTimeLimit.nullable(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseFormEntry = z
  .object({
    name: z.string(),
    label: z.string(),
    labelEn: z.string(),
    /** The value in words; masked (138****8000, 440***********031X) when `masked`. */
    value: z.string(),
    /**
     * A phone or ID number shown masked, or free text with such numbers masked inside it:
     * `POST …/cases/:id/form/:name/reveal` answers the whole value in full (audited).
     */
    masked: z.boolean(),
  })
  .meta({ id: 'CaseFormEntry' });
export type CaseFormEntry = z.infer<typeof CaseFormEntry>;

/** 显示: one masked form value in full, for the person who asked (the applicant, the 代办人 or a reviewer). */
export const RevealedCaseFormValue = z
  .object({ name: z.string(), value: z.string() })
  .meta({ id: 'RevealedCaseFormValue' });
export type RevealedCaseFormValue = z.infer<typeof RevealedCaseFormValue>;

/** An event's place in a case's log, from a URL (…/events/:seq/…). */
export const CaseEventSeq = z.coerce
  .number({ error: '办理记录编号有误' })
  .int('办理记录编号有误')
  .min(1, '办理记录编号有误')
  .max(10_000, '办理记录编号有误');

/** The whole note of one event of a case's log (its phone and ID numbers masked in the timeline). */
export const RevealedCaseEventNote = z
  .object({ seq: z.number().int().min(1), note: z.string() })
  .meta({ id: 'RevealedCaseEventNote' });
export type RevealedCaseEventNote = z.infer<typeof RevealedCaseEventNote>;

/**
 * The write-back of an approved case to the department (docs/cases.md "Fulfilment"): pending (制证中: the platform
 * is handing the approval to the department, retried while it is down), issued (已制发: the department holds the
 * record), failed (发证失败: the department refused, or did not answer after the last attempt; a reviewer retries).
 */
export const FULFILMENT_STATES = {
  pending: { label: '制证中', labelEn: 'Being issued' },
  issued: { label: '已制发', labelEn: 'Issued' },
  failed: { label: '发证失败', labelEn: 'Issuing failed' },
} as const;

/**
 * The states in the department's own verb: a certificate is 制发 (the labels above); a subsidy is 核准 (核准中, 已核准,
 * 核准失败), a registration 办理, a licence 核发.
 */
export function fulfilmentStateLabel(
  state: FulfilmentState,
  verb: string | undefined,
): { label: string; labelEn: string } {
  if (verb === undefined || verb === '制发') return FULFILMENT_STATES[state];
  return {
    pending: { label: `${verb}中`, labelEn: 'In progress' },
    issued: { label: `已${verb}`, labelEn: 'Done' },
    failed: { label: `${verb}失败`, labelEn: 'Failed' },
  }[state];
}
export const FulfilmentState = z.enum(['pending', 'issued', 'failed']);
export type FulfilmentState = z.infer<typeof FulfilmentState>;

export const CaseFulfilment = z
  .object({
    state: FulfilmentState,
    stateLabel: z.string(),
    stateLabelEn: z.string(),
    /** What the department issues, e.g. 广东省居住证. */
    what: z.string(),
    /** What the applicant reads, e.g. 广东省居住证已制发（有效期至2029-09-14），可在我的证照中关联居住证电子证照。 */
    message: z.string(),
    /** The department's number of what it issued (masked where personal), once issued. */
    reference: z.string().nullable(),
    /** What that number is, in the department's words: 证件编号 of a certificate, 受理编号 of a registration … */
    referenceLabel: z.string(),
    referenceLabelEn: z.string(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseFulfilment' });
export type CaseFulfilment = z.infer<typeof CaseFulfilment>;

/** The console's view adds the attempts and the last failure (for the reviewer who retries). */
export const ConsoleCaseFulfilment = CaseFulfilment.extend({
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  canRetry: z.boolean(),
}).meta({ id: 'ConsoleCaseFulfilment' });
export type ConsoleCaseFulfilment = z.infer<typeof ConsoleCaseFulfilment>;

export const CaseDetail = CaseSummary.extend({
  /** The applicant as the record holds them: name masked, ID number masked. */
  applicantNameMasked: z.string(),
  applicantIdMasked: z.string(),
  form: z.array(CaseFormEntry),
  attachments: z.array(Attachment),
  events: z.array(CaseEvent),
  /** What the applicant can do now (撤回, 补正). */
  allowedActions: z.array(z.enum(CITIZEN_CASE_ACTIONS)),
  /** Set once approved: where and when to collect in person. */
  collection: CollectionInfo.nullable(),
  /** The latest supplement request's reason while one is open. */
  supplementReason: z.string().nullable(),
  /**
   * The console sends it back to act on the version it saw: the number of actions so far (in the console, plus the
   * assignment changes, which the citizen's view never counts).
   */
  version: z.number().int(),
  /** Once approved, for services whose department issues a record: what was issued, or that it is being issued. */
  fulfilment: CaseFulfilment.nullable(),
}).meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseListQuery = z.object({ serviceId: z.string().max(80).optional() }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Console API (staff with application.review for the case's department and city)
// ---------------------------------------------------------------------------------------------------------------

export const ConsoleCaseQuery = z
  .object({
    status: CaseStatus.optional(),
    cityCode: City.optional(),
    serviceId: z.string().max(80).optional(),
    /** Only cases whose write-back to the department is in this state (failed: the ones to retry). */
    fulfilment: FulfilmentState.optional(),
    /** 已超期: only accepted cases whose 承诺办结时间 has passed (China time). */
    overdue: z
      .enum(['true', 'false'], { error: '已超期筛选参数有误，应为 true 或 false' })
      .transform((v) => v === 'true')
      .optional(),
    /** 我的 (assigned to the caller) or 待分派 (assigned to nobody); absent: 全部. */
    assigned: z.enum(['mine', 'unassigned'], { error: '办理人筛选参数有误，应为 mine 或 unassigned' }).optional(),
  })
  .strict();

/**
 * 办理人: the reviewer a case is assigned to (分派), as the console shows them — the name masked (王**), as the
 * console shows people; `mine` when it is the caller. Never part of a citizen's view.
 */
export const ConsoleCaseAssignee = z
  .object({
    staffId: z.uuid(),
    nameMasked: z.string(),
    mine: z.boolean(),
    since: z.iso.datetime(),
  })
  .meta({ id: 'ConsoleCaseAssignee' });
export type ConsoleCaseAssignee = z.infer<typeof ConsoleCaseAssignee>;

export const CASE_ASSIGNMENT_CHANGES = {
  claim: { label: '认领' },
  assign: { label: '分派' },
  release: { label: '退回待分派' },
} as const;
export const CaseAssignmentChange = z.enum(['claim', 'assign', 'release']);
export type CaseAssignmentChange = z.infer<typeof CaseAssignmentChange>;

/** One change of 办理人, in the console drawer's 分派记录. */
export const ConsoleCaseAssignmentEntry = z
  .object({
    change: CaseAssignmentChange,
    /** 认领 / 分派 / 退回待分派. */
    label: z.string(),
    /** Who holds it after the change (null after 退回), who made the change: masked names. */
    assigneeNameMasked: z.string().nullable(),
    byNameMasked: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'ConsoleCaseAssignmentEntry' });
export type ConsoleCaseAssignmentEntry = z.infer<typeof ConsoleCaseAssignmentEntry>;

/** A reviewer the case can be handed to: their grant with application.review reaches its department and city. */
export const ConsoleCaseAssignable = z
  .object({
    staffId: z.uuid(),
    nameMasked: z.string(),
    username: z.string(),
    /** The caller themself. */
    me: z.boolean(),
    /** Holds the case now. */
    current: z.boolean(),
  })
  .meta({ id: 'ConsoleCaseAssignable' });
export type ConsoleCaseAssignable = z.infer<typeof ConsoleCaseAssignable>;

/** 认领 / 分派给… / 退回, on the case's `version` the reviewer saw (CASE_CHANGED otherwise). */
export const ConsoleCaseAssignmentInput = z
  .object({
    change: z.enum(['claim', 'assign', 'release'], { error: '请选择认领、分派或退回' }),
    /** assign only: the reviewer to hand the case to. */
    assigneeId: z.uuid({ error: '请选择要分派的审核人员' }).optional(),
    version: z.number().int().min(1),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.change === 'assign' && !v.assigneeId) {
      ctx.addIssue({ code: 'custom', path: ['assigneeId'], message: '请选择要分派的审核人员' });
    }
    if (v.change !== 'assign' && v.assigneeId) {
      ctx.addIssue({ code: 'custom', path: ['assigneeId'], message: '认领或退回时不需要选择审核人员' });
    }
  })
  .meta({ id: 'ConsoleCaseAssignmentInput' });
export type ConsoleCaseAssignmentInput = z.input<typeof ConsoleCaseAssignmentInput>;

export const CASE_NOTE_MAX_LENGTH = 1000;

/** 内部备注: what a reviewer writes for the office (never shown to the citizen). */
export const ConsoleCaseNoteInput = z
  .object({
    text: z
      .string({ error: '请填写备注内容' })
      .trim()
      .min(1, '请填写备注内容')
      .max(CASE_NOTE_MAX_LENGTH, `备注不能超过${CASE_NOTE_MAX_LENGTH}个字`),
  })
  .strict()
  // Not 'ConsoleCaseNoteInput': the OpenAPI generator names ConsoleCaseNote's input form so, and the two would collide.
  .meta({ id: 'ConsoleCaseNewNote' });
export type ConsoleCaseNoteInput = z.input<typeof ConsoleCaseNoteInput>;

export const ConsoleCaseNote = z
  .object({
    id: z.uuid(),
    text: z.string(),
    authorNameMasked: z.string(),
    /** Written by the caller. */
    mine: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ConsoleCaseNote' });
export type ConsoleCaseNote = z.infer<typeof ConsoleCaseNote>;

export const ConsoleCaseSummary = CaseSummary.extend({
  applicantNameMasked: z.string(),
  /** The write-back's state once approved (null: none for this service, or not approved). */
  fulfilmentState: FulfilmentState.nullable(),
  /** 办理人 (null: 待分派). */
  assignee: ConsoleCaseAssignee.nullable(),
}).meta({ id: 'ConsoleCaseSummary' });
export type ConsoleCaseSummary = z.infer<typeof ConsoleCaseSummary>;

export const ConsoleCaseDetail = CaseDetail.omit({ allowedActions: true })
  .extend({
    /** The reviewer sees the applicant's full name (the ID number stays masked; the uploaded ID photo shows it). */
    applicantName: z.string(),
    /** 代办人 (masked) when someone submitted it for the applicant; null when the applicant did. */
    agentNameMasked: z.string().nullable(),
    staffAllowedActions: z.array(z.enum(STAFF_CASE_ACTIONS)),
    /** In the console, staff names are shown with each of their actions. */
    events: z.array(CaseEvent.extend({ staffName: z.string().nullable() })),
    fulfilment: ConsoleCaseFulfilment.nullable(),
    /** 办理人 (null: 待分派); while it is someone else, the caller's review steps are refused. */
    assignee: ConsoleCaseAssignee.nullable(),
    /** 分派记录, oldest first. */
    assignments: z.array(ConsoleCaseAssignmentEntry),
    /** 内部备注, oldest first. */
    notes: z.array(ConsoleCaseNote),
  })
  .meta({ id: 'ConsoleCaseDetail' });
export type ConsoleCaseDetail = z.infer<typeof ConsoleCaseDetail>;

export const ConsoleCaseActionInput = z
  .object({
    action: z.enum(STAFF_CASE_ACTIONS, { error: '请选择办理操作' }),
    /** The case's `version` the reviewer saw: acting on a case someone else changed meanwhile is refused. */
    version: z.number().int().min(1),
    /** Required for request_supplement and reject (the citizen reads it), optional otherwise. */
    note: z.string().trim().max(500, '说明不能超过500个字').optional(),
    /** Required for approve when the form's result is collected in person (the server checks it by the form). */
    collection: CollectionInfo.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.action === 'request_supplement' || v.action === 'reject') && !v.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: v.action === 'reject' ? '请填写不予办理的原因' : '请填写需要补正的内容',
      });
    }
  })
  .meta({ id: 'ConsoleCaseActionInput' });
export type ConsoleCaseActionInput = z.input<typeof ConsoleCaseActionInput>;
