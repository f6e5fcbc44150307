import { randomUUID } from 'node:crypto';
import {
  type CatalogChange,
  type CatalogOverride,
  CITIES,
  type CityCode,
  type ConsoleCatalogDetail,
  type ConsoleCatalogItem,
  type ConsoleCatalogList,
  type ConsoleFaq,
  findCity,
  type ServiceGroupId,
  type ServiceKind,
} from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { Grant } from '../staff/roles.js';
import type { CatalogService } from './catalog-service.js';
import type { CatalogSnapshot } from './catalog-snapshot.js';
import * as repo from './repository.js';

/** Who acts, with the grants that allow the permission of the route (StaffService.requireStaff's answer). */
export interface Editor {
  accountId: string;
  allowed: Grant[];
}

const NOT_FOUND = '找不到该服务事项，它可能已下线。';
const FAQ_NOT_FOUND = '找不到该常见问题，它可能已被删除。';
const CHANGED = '该事项刚被他人修改，请刷新后查看最新内容再操作。';
const FAQ_CHANGED = '该问题刚被他人修改，请刷新后查看最新内容再操作。';
const HISTORY_LIMIT = 50;

/** Whether a grant covers a city: a province-wide grant covers every city. */
const coversCity = (g: Grant, city: string) => g.cityCode === null || g.cityCode === city;
const cityName = (code: string | null) => (code === null ? '全省' : (findCity(code)?.name ?? code));

/**
 * The console's edits of the catalog (docs/catalog-admin.md): an override layer over the definitions (pause and
 * resume a service in a city or province-wide, replace its 办理须知 and description), and the FAQs. Every change is
 * checked against the version the editor saw, written with its history in one transaction that bumps the catalog's
 * version, and this copy's snapshot is rebuilt before the answer (the others poll catalog_state).
 * Authorisation (department + city of the grants) is the routes' (console-routes.ts), with the scopes this class
 * names.
 */
export class CatalogAdmin {
  constructor(
    private readonly db: Db,
    readonly catalog: CatalogService,
    private readonly displayNames: (ids: readonly string[]) => Promise<Map<string, string>>,
  ) {}

  private get snapshot(): CatalogSnapshot {
    return this.catalog.current;
  }

  /** The service (enabled) or SERVICE_NOT_FOUND. */
  service(id: string) {
    const s = this.snapshot.findService(id);
    if (!s) throw new AppError('SERVICE_NOT_FOUND', NOT_FOUND);
    return s;
  }

  /** The cities an editor's grants cover, in the official order (all 21 with a province-wide grant). */
  citiesOf(grants: readonly Grant[]) {
    return CITIES.filter((c) => grants.some((g) => coversCity(g, c.code))).map((c) => ({ code: c.code, name: c.name }));
  }

  // ---- 服务事项 ----

  list(editor: Editor, city: CityCode, q: string | undefined): ConsoleCatalogList {
    const snapshot = this.snapshot;
    const departments = new Set(editor.allowed.filter((g) => coversCity(g, city)).map((g) => g.departmentId));
    const ids = [...departments].flatMap((d) => snapshot.serviceIdsOfDepartment(d));
    let services = ids.flatMap((id) => snapshot.findService(id) ?? []);
    if (q) {
      // the citizens' search (Chinese, pinyin, initials, typos), narrowed to the editor's services
      const mine = new Set(ids);
      services = snapshot
        .search(q, city, snapshot.serviceCount)
        .filter((h) => mine.has(h.service.id))
        .flatMap((h) => snapshot.findService(h.service.id) ?? []);
    } else {
      services.sort((a, b) => a.sort_order - b.sort_order);
    }
    return {
      cityCode: city,
      cityName: cityName(city),
      cities: this.citiesOf(editor.allowed),
      items: services.map((s) => this.item(s.id, city)),
    };
  }

  private item(id: string, city: CityCode): ConsoleCatalogItem {
    const snapshot = this.snapshot;
    const s = this.service(id);
    const entry = snapshot.entry(id, city);
    const standing = snapshot.standing(s, city);
    return {
      id: s.id,
      name: s.name,
      group: s.group_id as ServiceGroupId,
      kind: s.kind as ServiceKind,
      departmentId: s.department_id,
      departmentName: snapshot.departmentName(s.department_id),
      offeredByDefinition: standing.offered,
      paused: standing.pausedScope !== null,
      pausedScope: standing.pausedScope,
      pauseReason: standing.pauseReason,
      available: entry?.available ?? false,
      unavailableReason: entry?.unavailableReason ?? null,
      textsEdited: standing.textsEdited,
    };
  }

  async detail(editor: Editor, id: string, city: CityCode): Promise<ConsoleCatalogDetail> {
    const s = this.service(id);
    const standing = this.snapshot.standing(s, city);
    const [cityRow, provinceRow, events] = await Promise.all([
      repo.findOverride(this.db, id, city),
      repo.findOverride(this.db, id, null),
      repo.listOverrideEvents(this.db, id, city, HISTORY_LIMIT),
    ]);
    const names = await this.displayNames([
      ...events.map((e) => e.staff_account_id),
      ...[cityRow, provinceRow].flatMap((r) => (r ? [r.updated_by] : [])),
    ]);
    return {
      item: this.item(id, city),
      cityCode: city,
      cityName: cityName(city),
      definition: {
        description: s.description,
        notes: s.notes,
        unavailableReason: standing.offered ? null : s.unavailable_reason,
      },
      effective: { description: standing.description, notes: standing.notes },
      city: presentOverride(cityRow, city, names),
      province: presentOverride(provinceRow, null, names),
      canEditProvince: editor.allowed.some((g) => g.departmentId === s.department_id && g.cityCode === null),
      history: events.map(
        (e): CatalogChange => ({
          id: String(e.id),
          at: e.at.toISOString(),
          action: e.action,
          cityCode: e.city_code,
          cityName: cityName(e.city_code),
          staffName: names.get(e.staff_account_id) ?? '工作人员',
          reason: e.reason,
          notes: e.notes,
          description: e.description,
        }),
      ),
    };
  }

  async pause(editor: Editor, id: string, input: { cityCode: CityCode | null; reason: string; version: number }) {
    const s = this.service(id);
    if (input.cityCode !== null && !this.snapshot.standing(s, input.cityCode).offered) {
      throw new AppError(
        'CATALOG_NOT_OFFERED',
        `${s.name}在${cityName(input.cityCode)}本就不提供（${s.unavailable_reason ?? '暂不支持'}），无需暂停。`,
      );
    }
    const current = await this.current(id, input.cityCode, input.version);
    if (current?.paused)
      throw new AppError('CATALOG_ALREADY_PAUSED', `${s.name}已在${cityName(input.cityCode)}暂停办理。`);
    return this.save(editor, id, input.cityCode, input.version, current, {
      values: { paused: true, pause_reason: input.reason },
      event: { action: 'pause', reason: input.reason },
    });
  }

  async resume(editor: Editor, id: string, input: { cityCode: CityCode | null; version: number }) {
    const s = this.service(id);
    const current = await this.current(id, input.cityCode, input.version);
    if (!current?.paused)
      throw new AppError('CATALOG_NOT_PAUSED', `${s.name}在${cityName(input.cityCode)}未暂停办理。`);
    return this.save(editor, id, input.cityCode, input.version, current, {
      values: { paused: false, pause_reason: null },
      event: { action: 'resume', reason: null },
    });
  }

  async updateTexts(
    editor: Editor,
    id: string,
    input: { cityCode: CityCode | null; description: string | null; notes: string[] | null; version: number },
  ) {
    this.service(id);
    const current = await this.current(id, input.cityCode, input.version);
    return this.save(editor, id, input.cityCode, input.version, current, {
      values: { description: input.description, notes: input.notes },
      event: { action: 'texts', reason: null },
    });
  }

  /** The scope's override, after checking the editor saw its version (0: none yet). */
  private async current(id: string, cityCode: string | null, version: number) {
    const row = await repo.findOverride(this.db, id, cityCode);
    if ((row?.version ?? 0) !== version) throw new AppError('CATALOG_CHANGED', CHANGED);
    return row;
  }

  private async save(
    editor: Editor,
    id: string,
    cityCode: string | null,
    version: number,
    current: repo.OverrideRow | undefined,
    change: {
      values: Partial<repo.OverrideValues>;
      event: { action: 'pause' | 'resume' | 'texts'; reason: string | null };
    },
  ): Promise<CatalogOverride> {
    const row = await repo.saveOverride(this.db, {
      serviceId: id,
      cityCode,
      expectedVersion: version,
      values: {
        paused: current?.paused ?? false,
        pause_reason: current?.pause_reason ?? null,
        notes: current?.notes ?? null,
        description: current?.description ?? null,
        ...change.values,
      },
      staffId: editor.accountId,
      event: change.event,
    });
    if (row === 'conflict') throw new AppError('CATALOG_CHANGED', CHANGED);
    await this.catalog.reload();
    return presentOverride(row, cityCode, await this.displayNames([row.updated_by]));
  }

  // ---- 常见问题 ----

  /**
   * The FAQs an editor works with: the province-wide ones and those of the cities their grants cover, hidden ones
   * included; `editable` where a grant covers the FAQ's department and city.
   */
  async listFaqs(editor: Editor, filter: { q?: string; serviceId?: string }): Promise<ConsoleFaq[]> {
    const rows = await repo.listConsoleFaqs(this.db);
    const q = filter.q?.toLowerCase();
    return rows
      .filter((f) => f.city_code === null || editor.allowed.some((g) => coversCity(g, f.city_code ?? '')))
      .filter((f) => !filter.serviceId || f.service_ids.includes(filter.serviceId))
      .filter(
        (f) =>
          !q ||
          [f.question, f.answer, f.question_en, f.answer_en].some((t) => t.toLowerCase().includes(q)) ||
          f.service_ids.some((id) => this.snapshot.findService(id)?.name.includes(filter.q ?? '')),
      )
      .map((f) => this.presentFaq(f, editor));
  }

  /** The FAQ (not deleted) or FAQ_NOT_FOUND. */
  async faq(id: string): Promise<repo.FaqRow> {
    const row = await repo.findFaq(this.db, id);
    if (!row) throw new AppError('FAQ_NOT_FOUND', FAQ_NOT_FOUND);
    return row;
  }

  /** A FAQ's scope: its department (a seed's without one: the platform's operator) and city (null: 全省). */
  faqScope(f: repo.FaqRow) {
    return { departmentId: f.department_id ?? repo.PLATFORM_DEPARTMENT_ID, cityCode: f.city_code };
  }

  async createFaq(editor: Editor, input: repo.FaqText & { departmentId: string; cityCode: string | null }) {
    this.checkServices(input.departmentId, input.serviceIds);
    const id = `faq-staff-${randomUUID()}`;
    await repo.insertFaq(this.db, { ...input, id, staffId: editor.accountId });
    await this.catalog.reload();
    return this.presentFaq(await this.faq(id), editor);
  }

  async updateFaq(editor: Editor, f: repo.FaqRow, input: repo.FaqText & { version: number }) {
    this.checkServices(this.faqScope(f).departmentId, input.serviceIds);
    return this.changeFaq(editor, f, input.version, { kind: 'text', text: input });
  }

  async setFaqHidden(editor: Editor, f: repo.FaqRow, hidden: boolean, version: number) {
    return this.changeFaq(editor, f, version, { kind: 'visibility', hidden });
  }

  async deleteFaq(editor: Editor, f: repo.FaqRow, version: number) {
    await this.changeFaq(editor, f, version, { kind: 'delete' });
  }

  private async changeFaq(
    editor: Editor,
    f: repo.FaqRow,
    version: number,
    change: Parameters<typeof repo.changeFaq>[4],
  ): Promise<ConsoleFaq | undefined> {
    if (f.version !== version) throw new AppError('FAQ_CHANGED', FAQ_CHANGED);
    const result = await repo.changeFaq(this.db, f.id, version, editor.accountId, change);
    if (result === 'conflict') throw new AppError('FAQ_CHANGED', FAQ_CHANGED);
    await this.catalog.reload();
    if (change.kind === 'delete') return undefined;
    return this.presentFaq(await this.faq(f.id), editor);
  }

  /** Linked services exist and are the department's (the platform's operator may link any service). */
  private checkServices(departmentId: string, serviceIds: readonly string[]) {
    for (const [i, id] of serviceIds.entries()) {
      const s = this.snapshot.findService(id);
      if (!s) {
        throw new AppError('FAQ_SERVICE_INVALID', '关联的服务事项不存在，请重新选择。', [
          { path: `serviceIds.${i}`, message: '服务事项不存在' },
        ]);
      }
      if (departmentId !== repo.PLATFORM_DEPARTMENT_ID && s.department_id !== departmentId) {
        throw new AppError('FAQ_SERVICE_INVALID', `“${s.name}”不属于本部门办理的事项，不能关联。`, [
          { path: `serviceIds.${i}`, message: '只能关联本部门办理的事项' },
        ]);
      }
    }
  }

  private presentFaq(f: repo.FaqRow, editor: Editor): ConsoleFaq {
    const scope = this.faqScope(f);
    return {
      id: f.id,
      question: f.question,
      answer: f.answer,
      questionEn: f.question_en,
      answerEn: f.answer_en,
      services: f.service_ids.map((id) => ({ id, name: this.snapshot.findService(id)?.name ?? id })),
      departmentId: scope.departmentId,
      departmentName: this.snapshot.departmentName(scope.departmentId),
      cityCode: f.city_code,
      cityName: cityName(f.city_code),
      origin: f.origin,
      edited: f.origin === 'seed' && f.edited,
      hidden: f.hidden,
      version: f.version,
      updatedAt: f.updated_at.toISOString(),
      editable: editor.allowed.some(
        (g) => g.departmentId === scope.departmentId && (g.cityCode === null || g.cityCode === scope.cityCode),
      ),
    };
  }
}

function presentOverride(
  row: repo.OverrideRow | undefined,
  cityCode: string | null,
  names: Map<string, string>,
): CatalogOverride {
  return {
    cityCode,
    paused: row?.paused ?? false,
    pauseReason: row?.pause_reason ?? null,
    notes: row?.notes ?? null,
    description: row?.description ?? null,
    version: row?.version ?? 0,
    updatedAt: row ? row.updated_at.toISOString() : null,
    updatedBy: row ? (names.get(row.updated_by) ?? '工作人员') : null,
  };
}
