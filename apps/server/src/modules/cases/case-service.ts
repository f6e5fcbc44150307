import { randomUUID } from 'node:crypto';
import {
  type ApplicationFormSpec,
  CASE_ACTION_SPECS,
  CASE_WORKFLOW,
  type CaseAction,
  type CaseStatus,
  type CityCode,
  type CollectionInfo,
  caseStatusOf,
  caseTransition,
  findApplicationForm,
  findCity,
} from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import type { NotificationService } from '../notifications/index.js';
import { containsPersonalNumbers, type FieldCipher, maskIdNumber, maskName } from '../privacy/index.js';
import {
  type Applicant,
  agentTitle,
  onBehalfCopies,
  principalBody,
  referenceNumber,
  type Viewer,
  withReferenceNumber,
} from '../shared/index.js';
import type { WorkCalendar } from '../work-calendar/index.js';
import { checkEligibility } from './eligibility/index.js';
import { listOpenEvents, openEvent, sealEventNote } from './event-notes.js';
import { findFulfilment } from './fulfilment/index.js';
import * as fulfilmentRepo from './fulfilment/repository.js';
import { enqueue as enqueueFulfilment } from './fulfilment/repository.js';
import { caseMessage, caseWithdrawnMessage } from './messages.js';
import { FORM_AAD, ID_AAD, NAME_AAD, NOTE_AAD } from './present.js';
import * as repo from './repository.js';
import { chinaDay, dueOnAfter, type LimitClock } from './time-limit.js';

export interface CaseServiceDeps {
  db: Db;
  cipher: FieldCipher;
  catalog: CatalogService;
  notifications: NotificationService;
  /** The department systems a service's eligibility rule asks (eligibility/). */
  departments: Departments;
  now: () => Date;
  /** 工作日历: the 承诺办结时限 is counted in its working days. */
  calendar: Pick<WorkCalendar, 'fresh' | 'isWorkingDay' | 'addWorkingDays' | 'day'>;
  /** After an approval that wrote back to the department was committed (the outbox job delivers it soon). */
  onFulfilmentQueued?: () => void;
  /** The account of a person (a principal's, to hear of a case made for them), or null without one. */
  accountOfPerson: (personId: string) => Promise<string | null>;
}

export type CaseActor = { kind: 'citizen'; accountId: string } | { kind: 'staff'; staffId: string };

/** Attachment ids by the form's slot id, as the API takes them. */
export type SlotFiles = Record<string, readonly string[]>;

const NOT_FOUND = '找不到该办件，请返回我的办件重新查看。';
const CHANGED = '该办件已有新的办理进展，请刷新后再操作。';
const ASSIGNED_TO_OTHER = '该办件已分派给其他审核人员办理，请刷新后查看；如需办理，请先改派给自己。';

/** 认领 (to oneself), 分派 (to another reviewer in reach), 退回待分派 (to nobody). */
export type AssignmentChange =
  | { change: 'claim' }
  | { change: 'assign'; assigneeStaffId: string }
  | { change: 'release' };

const notAllowed = (status: CaseStatus, action: CaseAction) =>
  new AppError(
    'CASE_ACTION_NOT_ALLOWED',
    `办件当前状态为“${CASE_WORKFLOW[status].label}”，不能${CASE_ACTION_SPECS[action].label}。`,
  );

/** 办件编号: the day in China time, the city code and 6 random digits (20 digits: read out at a counter). */
export function newCaseNumber(cityCode: string, now = new Date()): string {
  return referenceNumber(cityCode, now);
}

/**
 * The commands of 办件: submit, the applicant's 撤回 and 补正, the staff's steps. Every step is an event appended
 * under a lock of the case row, checked against the workflow derived from the log, with the cached status
 * written in the same transaction; the applicant's 消息 goes out after the commit (once per event).
 */
export class CaseService {
  constructor(private readonly d: CaseServiceDeps) {}

  /** For the read-only lookups of the routes (repository functions take the database). */
  get db() {
    return this.d.db;
  }

  get catalog() {
    return this.d.catalog.current;
  }

  /** The calendar (reloaded if another server copy changed it) and today in China time: what a deadline is read against. */
  async limitClock(): Promise<LimitClock> {
    await this.d.calendar.fresh();
    return { calendar: this.d.calendar, today: chinaDay(this.d.now()) };
  }

  /** The service and its form (SERVICE_NOT_FOUND, APPLICATION_NOT_OFFERED), offered in the city (catalog words). */
  requireForm(serviceId: string, city: CityCode): ApplicationFormSpec {
    const service = this.catalog.findService(serviceId);
    if (!service) throw new AppError('SERVICE_NOT_FOUND', '找不到该服务。');
    const form = findApplicationForm(serviceId);
    if (!form)
      throw new AppError('APPLICATION_NOT_OFFERED', `${service.name}暂不支持在线申请，请按办事指南到窗口办理。`);
    const entry = this.catalog.entry(serviceId, city);
    if (entry && !entry.available) {
      const cityName = findCity(city)?.name ?? city;
      throw new AppError(
        'SERVICE_NOT_IN_CITY',
        `${entry.name}${entry.unavailableReason ?? '暂不支持当前城市'}，当前城市为${cityName}。`,
      );
    }
    return form;
  }

  /** The form's own check, with its Chinese messages; field errors as `form.<field>`. */
  parseForm(form: ApplicationFormSpec, values: Record<string, string>): Record<string, string> {
    const parsed = form.schema.safeParse(values);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        path: ['form', ...i.path.map(String)].join('.'),
        message: i.message,
      }));
      throw new AppError('APPLICATION_FORM_INVALID', errors[0]?.message ?? '申请信息有误，请检查后重试。', errors);
    }
    return Object.fromEntries(
      Object.entries(parsed.data).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
    );
  }

  /**
   * The files of a submission or a supplement: slots of the form, at most maxFiles each, each file named once,
   * required slots filled (submission only), and every file the caller's own upload not yet part of a case.
   */
  async checkAttachments(
    accountId: string,
    form: ApplicationFormSpec,
    files: SlotFiles,
    o: { requireRequired: boolean },
  ): Promise<{ id: string; slot: string }[]> {
    const slots: { id: string; slot: string }[] = [];
    for (const [slotId, ids] of Object.entries(files)) {
      const spec = form.attachments.find((s) => s.id === slotId);
      if (!spec) throw new AppError('ATTACHMENT_INVALID', `申请材料中没有“${slotId}”这一项，请刷新页面后重试。`);
      if (ids.length > spec.maxFiles) {
        throw new AppError('ATTACHMENT_INVALID', `${spec.label}最多上传${spec.maxFiles}个文件。`);
      }
      for (const id of ids) slots.push({ id, slot: slotId });
    }
    if (o.requireRequired) {
      for (const spec of form.attachments) {
        if (spec.required && !(files[spec.id]?.length ?? 0)) {
          throw new AppError('ATTACHMENT_REQUIRED', `请上传${spec.label}。`);
        }
      }
    }
    const ids = slots.map((s) => s.id);
    if (new Set(ids).size !== ids.length) throw new AppError('ATTACHMENT_INVALID', '同一个文件不能重复提交。');
    const found = await repo.findAttachmentsMeta(this.d.db, accountId, ids);
    if (found.length !== ids.length || found.some((a) => a.case_id !== null)) {
      throw new AppError('ATTACHMENT_INVALID', '部分材料文件无效、已过期或已用于其他申请，请重新上传。');
    }
    return slots;
  }

  /**
   * The service's rule from the guide (who may apply, and when), asked of the department that holds the record,
   * for the applicant (the principal when acting for someone else). `form` null: before the form (是否可以申请),
   * when the rules that read the form's values skip those parts.
   */
  async checkEligibility(o: {
    serviceId: string;
    applicant: Pick<Applicant, 'name' | 'idNumber' | 'personId' | 'accountId'>;
    city: CityCode;
    form: Record<string, string> | null;
  }): Promise<void> {
    await checkEligibility({
      serviceId: o.serviceId,
      accountId: o.applicant.accountId,
      applicant: { name: o.applicant.name, idNumber: o.applicant.idNumber },
      city: o.city,
      form: o.form ?? {},
      beforeForm: o.form === null,
      departments: this.d.departments,
      db: this.d.db,
      now: this.d.now(),
      ownCases: async (serviceId) =>
        (await repo.listApplicantCases(this.d.db, o.applicant, serviceId)).map((r) => ({
          serviceId: r.service_id,
          cityCode: r.city_code,
          status: r.status,
          submittedAt: r.submitted_at,
          updatedAt: r.updated_at,
        })),
    });
  }

  /** The form a case was made with (a service whose form was withdrawn since takes no more steps). */
  formOf(row: repo.CaseRow): ApplicationFormSpec {
    const form = findApplicationForm(row.service_id);
    if (!form) throw new AppError('APPLICATION_NOT_OFFERED', '该服务暂不支持在线申请。');
    return form;
  }

  /** Refuse an action the case's current status (from its log) does not allow; act() checks again under the lock. */
  async requireAllowed(row: repo.CaseRow, action: Exclude<CaseAction, 'submit'>) {
    const status = caseStatusOf(await repo.listEventActions(this.d.db, row.id));
    if (!caseTransition(status, action)) throw notAllowed(status, action);
  }

  findBySubmission(accountId: string, submissionId: string) {
    return repo.findBySubmission(this.d.db, accountId, submissionId);
  }

  /**
   * Create the case with its first event and its files in one transaction. A repeat of the submission id (the
   * same account) returns the first case: `created` false.
   */
  async submit(o: {
    /** The account that submits (the 代办人 when acting for someone else): owns the uploads and the submission id. */
    accountId: string;
    applicant: Applicant;
    serviceId: string;
    city: CityCode;
    submissionId: string;
    form: Record<string, string>;
    slots: { id: string; slot: string }[];
  }): Promise<{ row: repo.CaseRow; created: boolean }> {
    const service = this.catalog.findService(o.serviceId);
    if (!service) throw new AppError('SERVICE_NOT_FOUND', '找不到该服务。');
    // Two cases drawing the same number the same day in the same city: the transaction is refused by the unique
    // key and the whole submission tried again with another number (rare; at most 6 draws).
    const { row } = await withReferenceNumber({ prefix: o.city, now: new Date(), attempts: 6 }, async (caseNumber) => {
      const id = randomUUID();
      try {
        const row = await this.d.db.transaction().execute(async (tx) => {
          const inserted = await repo.insertCase(tx, {
            id,
            case_number: caseNumber,
            account_id: o.accountId,
            submission_id: o.submissionId,
            service_id: o.serviceId,
            city_code: o.city,
            department_id: service.department_id,
            form_encrypted: this.d.cipher.encrypt(JSON.stringify(o.form), `${FORM_AAD}:${id}`),
            applicant_name_encrypted: this.d.cipher.encrypt(o.applicant.name, `${NAME_AAD}:${id}`),
            applicant_name_masked: maskName(o.applicant.name),
            applicant_id_number_encrypted: this.d.cipher.encrypt(o.applicant.idNumber, `${ID_AAD}:${id}`),
            applicant_id_number_masked: maskIdNumber(o.applicant.idNumber),
            status: 'submitted',
            version: 1,
            principal_person_id: o.applicant.self ? null : o.applicant.personId,
            delegation_id: o.applicant.delegationId,
            agent_name_masked: o.applicant.self ? null : o.applicant.agentNameMasked,
          });
          if (!inserted) return undefined;
          await repo.insertEvent(tx, {
            case_id: id,
            seq: 1,
            action: 'submit',
            actor_kind: 'citizen',
            actor_account_id: o.accountId,
          });
          const claimed = await repo.claimAttachments(tx, {
            accountId: o.accountId,
            caseId: id,
            seq: 1,
            slots: o.slots,
          });
          if (claimed !== o.slots.length) {
            throw new AppError('ATTACHMENT_INVALID', '部分材料文件已用于其他申请，请重新上传。');
          }
          return inserted;
        });
        return { row };
      } catch (err) {
        if (repo.isUniqueViolation(err, 'cases_case_number_key')) return undefined;
        throw err;
      }
    });
    if (!row) {
      // The same submission committed meanwhile (a double tap racing itself): that case is the answer.
      const first = await repo.findBySubmission(this.d.db, o.accountId, o.submissionId);
      if (!first) throw new AppError('CASE_CHANGED', '申请正在提交，请稍后在我的办件中查看。');
      return { row: first, created: false };
    }
    await this.announce(row, 1, 'submit', null, null, row.submitted_at);
    return { row, created: true };
  }

  /**
   * Append one action to a case's log. The row lock serialises writers: of two reviewers acting on the same
   * version, the second sees the first's event and is refused CASE_CHANGED. `viewer` restricts to the case's
   * people (the account that submitted it and, when made for someone else, the principal).
   */
  async act(o: {
    caseId: string;
    viewer?: Viewer;
    actor: CaseActor;
    action: Exclude<CaseAction, 'submit'>;
    expectedVersion?: number;
    note?: string | null;
    collection?: CollectionInfo | null;
    slots?: { id: string; slot: string }[];
  }): Promise<repo.CaseRow> {
    // 受理 starts the 承诺办结时限 (again, after a 补正): the calendar as fresh as the routes read it.
    const clock = o.action === 'accept' ? await this.limitClock() : null;
    const result = await this.d.db
      .transaction()
      .execute(async (tx) => {
        const row = await repo.lockCase(tx, o.caseId);
        if (!row || (o.viewer !== undefined && !repo.visibleTo(row, o.viewer))) {
          throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
        }
        const actions = await repo.listEventActions(tx, row.id);
        const status = caseStatusOf(actions);
        // The version counts the events and the assignment changes (分派): what the reviewer saw is still current.
        if (o.expectedVersion !== undefined && o.expectedVersion !== row.version) {
          throw new AppError('CASE_CHANGED', '该办件已有新的办理进展，请刷新后再操作。');
        }
        // Assigned to another reviewer: only they take review steps (the route names them; this is the race).
        if (o.actor.kind === 'staff' && row.assignee_staff_id && row.assignee_staff_id !== o.actor.staffId) {
          throw new AppError('CASE_ASSIGNED_TO_OTHER', ASSIGNED_TO_OTHER);
        }
        const next = caseTransition(status, o.action);
        if (!next || CASE_ACTION_SPECS[o.action].actor !== o.actor.kind) {
          throw notAllowed(status, o.action);
        }
        const seq = actions.length + 1;
        await repo.insertEvent(tx, {
          case_id: row.id,
          seq,
          action: o.action,
          actor_kind: o.actor.kind,
          actor_account_id: o.actor.kind === 'citizen' ? o.actor.accountId : null,
          actor_staff_id: o.actor.kind === 'staff' ? o.actor.staffId : null,
          note_encrypted: sealEventNote(this.d.cipher, row.id, seq, o.note),
          collection: o.collection ?? null,
        });
        if (o.slots?.length) {
          // The files are the uploader's (the principal may supplement a case the agent submitted).
          const claimed = await repo.claimAttachments(tx, {
            accountId: o.actor.kind === 'citizen' ? o.actor.accountId : row.account_id,
            caseId: row.id,
            seq,
            slots: o.slots,
          });
          if (claimed !== o.slots.length) {
            throw new AppError('ATTACHMENT_INVALID', '部分材料文件已用于其他申请，请重新上传。');
          }
        }
        // 受理 of a service with a 承诺办结时限: the due date, counted from this day (a 补正 in between restarts it).
        const days = o.action === 'accept' ? findApplicationForm(row.service_id)?.promisedWorkingDays : undefined;
        const due =
          clock && days ? { workingDays: days, dueOn: dueOnAfter(clock.calendar, clock.today, days) } : undefined;
        await repo.setCaseState(tx, row.id, next, row.version + 1, due);
        // The write-back to the department (fulfilment/): an outbox row in this transaction, delivered by the job.
        const writesBack = o.action === 'approve' && findFulfilment(row.service_id) !== undefined;
        if (writesBack) await enqueueFulfilment(tx, { caseId: row.id, serviceId: row.service_id, at: this.d.now() });
        return { row, seq, writesBack };
      })
      .catch((err: unknown) => {
        // Without the lock (never expected) the primary key still lets one writer win.
        if (repo.isUniqueViolation(err, 'case_events_pkey')) {
          throw new AppError('CASE_CHANGED', '该办件已有新的办理进展，请刷新后再操作。');
        }
        throw err;
      });
    if (result.writesBack) this.d.onFulfilmentQueued?.();
    const row = (await repo.findCase(this.d.db, result.row.id)) as repo.CaseRow;
    if (o.action === 'withdraw' && o.actor.kind === 'citizen') {
      await this.announceWithdrawal(row, result.seq, o.actor.accountId, o.note ?? null);
    } else {
      await this.announce(row, result.seq, o.action, o.note ?? null, o.collection ?? null, row.updated_at);
    }
    return row;
  }

  /**
   * The applicant's 消息 for a step (staff steps and the submission; their own 撤回/补正 need none, except that the
   * other party of a case made for someone else hears of a 撤回: announceWithdrawal).
   */
  private async announce(
    row: repo.CaseRow,
    seq: number,
    action: CaseAction,
    note: string | null,
    collection: CollectionInfo | null,
    at: Date,
  ) {
    const words = {
      accountId: row.account_id,
      caseId: row.id,
      caseNumber: row.case_number,
      seq,
      action,
      serviceName: this.catalog.serviceName(row.service_id, row.city_code).name,
      departmentName: this.catalog.departmentName(row.department_id),
      note,
      collection,
      handover: findApplicationForm(row.service_id)?.collection ?? 'in_person',
      at,
    };
    const message = caseMessage(words);
    if (!message) return;
    // Made for someone else: the 代办人 and the principal (if they have an account) both hear of each step.
    const principal = row.principal_person_id ? await this.d.accountOfPerson(row.principal_person_id) : null;
    await this.d.notifications.deliver(
      onBehalfCopies(row, principal, {
        own: () => message,
        agent: (_, applicantNameMasked) => {
          const forAgent = caseMessage({ ...words, applicantNameMasked }) ?? message;
          return { ...forAgent, title: agentTitle(forAgent.title) };
        },
        principal: (accountId, agentNameMasked) => ({
          ...message,
          accountId,
          body: principalBody(message.body, agentNameMasked),
        }),
      }),
    );
  }

  /**
   * 撤回 of a case made for someone else: the other one of its two people hears of it (the agent withdrew: the
   * principal, if they have an account; the principal withdrew: the agent). A case of one's own sends none.
   */
  private async announceWithdrawal(row: repo.CaseRow, seq: number, byAccountId: string, note: string | null) {
    if (!row.principal_person_id) return;
    const byAgent = byAccountId === row.account_id;
    const to = byAgent ? await this.d.accountOfPerson(row.principal_person_id) : row.account_id;
    // No principal account, or (never expected) the agent's own account: nobody else to tell.
    if (!to || to === byAccountId) return;
    await this.d.notifications.deliver([
      caseWithdrawnMessage({
        accountId: to,
        by: byAgent
          ? { role: 'agent', agentNameMasked: row.agent_name_masked ?? '—' }
          : { role: 'principal', applicantNameMasked: row.applicant_name_masked },
        caseId: row.id,
        caseNumber: row.case_number,
        seq,
        serviceName: this.catalog.serviceName(row.service_id, row.city_code).name,
        note,
        at: row.updated_at,
      }),
    ]);
  }

  // ---- 分派 and 内部备注: staff only, outside the event log (the citizen's status and timeline do not change) ----

  /**
   * Change who handles a case, on the version the reviewer saw (CASE_CHANGED otherwise: two reviewers claiming the
   * same case at once, one wins). The route has checked that the new assignee's grant reaches the case. Not on a
   * finished case; a change that changes nothing is refused CASE_ASSIGNMENT_UNCHANGED.
   */
  async changeAssignment(o: {
    caseId: string;
    actorStaffId: string;
    expectedVersion: number;
    to: AssignmentChange;
  }): Promise<repo.CaseRow> {
    const assignee = o.to.change === 'claim' ? o.actorStaffId : o.to.change === 'assign' ? o.to.assigneeStaffId : null;
    await this.d.db
      .transaction()
      .execute(async (tx) => {
        const row = await repo.lockCase(tx, o.caseId);
        if (!row) throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
        if (o.expectedVersion !== row.version) throw new AppError('CASE_CHANGED', CHANGED);
        const status = caseStatusOf(await repo.listEventActions(tx, row.id));
        if (CASE_WORKFLOW[status].final) {
          throw new AppError(
            'CASE_ASSIGNMENT_NOT_ALLOWED',
            `办件当前状态为“${CASE_WORKFLOW[status].label}”，已办理完毕，不能再分派。`,
          );
        }
        if (assignee === row.assignee_staff_id) {
          throw new AppError(
            'CASE_ASSIGNMENT_UNCHANGED',
            assignee === null
              ? '该办件尚未分派，无需退回。'
              : assignee === o.actorStaffId
                ? '该办件已由您办理，无需重复认领。'
                : '该办件已由该审核人员办理，无需重复分派。',
          );
        }
        await repo.recordAssignment(tx, {
          caseId: row.id,
          change: o.to.change,
          assigneeStaffId: assignee,
          previousStaffId: row.assignee_staff_id,
          actorStaffId: o.actorStaffId,
          version: row.version + 1,
        });
      })
      .catch((err: unknown) => {
        if (repo.isUniqueViolation(err, 'case_assignments_pkey')) throw new AppError('CASE_CHANGED', CHANGED);
        throw err;
      });
    return (await repo.findCase(this.d.db, o.caseId)) as repo.CaseRow;
  }

  listAssignments(caseId: string) {
    return repo.listAssignments(this.d.db, caseId);
  }

  /** 内部备注: a reviewer's note on a case (text trimmed and checked by the contract), for staff only. */
  async addNote(o: { caseId: string; authorStaffId: string; body: string }): Promise<repo.CaseNoteRow> {
    const id = randomUUID();
    const stored = await repo.insertNote(this.d.db, {
      id,
      case_id: o.caseId,
      author_staff_id: o.authorStaffId,
      body_encrypted: this.d.cipher.encrypt(o.body, `${NOTE_AAD}:${id}`),
    });
    return this.openNote(stored);
  }

  async listNotes(caseId: string): Promise<repo.CaseNoteRow[]> {
    return (await repo.listNotes(this.d.db, caseId)).map((n) => this.openNote(n));
  }

  private openNote({ body_encrypted, ...note }: repo.CaseNoteStored): repo.CaseNoteRow {
    return { ...note, body: this.d.cipher.decrypt(body_encrypted, `${NOTE_AAD}:${note.id}`) };
  }

  // ---- reads ----

  findVisibleCase(viewer: Viewer, id: string) {
    return repo.findVisibleCase(this.d.db, viewer, id);
  }

  findCase(id: string) {
    return repo.findCase(this.d.db, id);
  }

  listVisibleCases(viewer: Viewer, serviceId: string | undefined) {
    return repo.listVisibleCases(this.d.db, viewer, serviceId);
  }

  listInScopes(scopes: repo.CaseScope[], filter: Parameters<typeof repo.listCasesInScopes>[2]) {
    return repo.listCasesInScopes(this.d.db, scopes, filter);
  }

  /**
   * The whole note of one event of a case, for the audited 显示: CASE_NOTE_NOT_FOUND when the event has none,
   * CASE_NOTE_NOT_MASKED when nothing of it is masked (as the form's values: only masked text is revealed).
   */
  async eventNote(caseId: string, seq: number): Promise<string> {
    const stored = await repo.findEvent(this.d.db, caseId, seq);
    const note = stored ? openEvent(this.d.cipher, stored).note : null;
    if (note === null) throw new AppError('CASE_NOTE_NOT_FOUND', '该办理记录没有说明，请刷新后重新查看。');
    if (!containsPersonalNumbers(note)) {
      throw new AppError(
        'CASE_NOTE_NOT_MASKED',
        '这条说明已完整显示，只有隐藏显示的手机号码和身份证号码需要点击显示。',
      );
    }
    return note;
  }

  async eventsAndFiles(caseId: string) {
    const [events, attachments, fulfilment] = await Promise.all([
      listOpenEvents(this.d.db, this.d.cipher, caseId),
      repo.listCaseAttachments(this.d.db, caseId),
      fulfilmentRepo.findFulfilment(this.d.db, caseId),
    ]);
    return { events, attachments, fulfilment };
  }

  /** The write-back states of listed cases (the console's 发证失败 tag). */
  fulfilmentStates(caseIds: readonly string[]) {
    return fulfilmentRepo.statesOf(this.d.db, caseIds);
  }
}
