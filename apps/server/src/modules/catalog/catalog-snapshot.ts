import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  type CatalogEntry,
  type CatalogMeta,
  type City,
  type CityCode,
  type FaqItem,
  SERVICE_GROUPS,
  type SearchHit,
  type ServiceDetail,
  type ServiceGroupId,
  ZONES,
  type ZoneId,
} from '@yss/contracts';
import type { CatalogRows, OverrideRow, ServiceRow } from './repository.js';
import { SearchIndex } from './search-index.js';

/**
 * An immutable, in-memory view of the catalog, built from the database at start (and again whenever an
 * operator changes the catalog). Per-city answers are computed once, so the hot read paths
 * (catalog list, search) do no I/O.
 */
export class CatalogSnapshot {
  readonly cities: City[];
  readonly meta: CatalogMeta;
  private readonly services: ServiceRow[];
  private readonly serviceById: Map<string, ServiceRow>;
  private readonly entriesByCity = new Map<string, CatalogEntry[]>();
  /** city → service id → entry: the availability check every personal lookup and verification makes. */
  private readonly entryByCity = new Map<string, Map<string, CatalogEntry>>();
  private readonly bodyByCity = new Map<string, PreparedBody>();
  private readonly serviceIndex: SearchIndex<ServiceRow>;
  /** Citizens' FAQs with their city (null: every city). */
  private readonly faqs: CityFaq[];
  private readonly faqIndex: SearchIndex<CityFaq>;
  /** The console's overrides by service: province-wide and per city. */
  private readonly overrides = new Map<string, ServiceOverrides>();
  /** catalog_state.version the rows were read at: a copy rebuilds when the database's moves on. */
  readonly version: string;
  private readonly departmentById: Map<string, CatalogRows['departments'][number]>;

  constructor(rows: CatalogRows) {
    this.version = rows.version;
    for (const o of rows.overrides) {
      const entry = this.overrides.get(o.service_id) ?? { province: undefined, byCity: new Map() };
      if (o.city_code === null) entry.province = o;
      else entry.byCity.set(o.city_code, o);
      this.overrides.set(o.service_id, entry);
    }
    this.cities = rows.cities.map((c) => ({ code: c.code, name: c.name, nameEn: c.name_en }));
    this.departmentById = new Map(rows.departments.map((d) => [d.id, d]));
    this.meta = {
      groups: SERVICE_GROUPS.map((g) => ({ ...g })),
      zones: ZONES.map((z) => ({ ...z })),
      departments: rows.departments.map((d) => ({ id: d.id, name: d.name, nameEn: d.name_en })),
    };
    this.services = rows.services;
    this.serviceById = new Map(rows.services.map((s) => [s.id, s]));
    const groupName = new Map<string, string>(SERVICE_GROUPS.map((g) => [g.id, g.name]));
    const groupNameEn = new Map<string, string>(SERVICE_GROUPS.map((g) => [g.id, g.nameEn]));
    this.serviceIndex = new SearchIndex(rows.services, (s) => [
      { text: s.name, weight: 1, isName: true },
      { text: s.name_en, weight: 0.7, isName: true, pinyin: false },
      // a city's own name finds the service everywhere (someone from 佛山 searching 老人卡申办 in 清远)
      ...Object.values(s.city_names).flatMap((n) => [
        { text: n.name, weight: 1, isName: true },
        { text: n.nameEn, weight: 0.7, isName: true, pinyin: false },
      ]),
      ...s.keywords.map((k) => ({ text: k, weight: 0.85 })),
      { text: groupName.get(s.group_id) ?? '', weight: 0.6 },
      { text: groupNameEn.get(s.group_id) ?? '', weight: 0.5, pinyin: false },
      { text: s.description, weight: 0.4, pinyin: false },
    ]);
    this.faqs = rows.faqs.map((f) => ({
      cityCode: f.city_code,
      item: {
        id: f.id,
        question: f.question,
        answer: f.answer,
        // written in the console without English: the English app shows the Chinese text
        questionEn: f.question_en || f.question,
        answerEn: f.answer_en || f.answer,
        serviceIds: f.service_ids,
        featureIds: f.feature_ids,
      },
    }));
    this.faqIndex = new SearchIndex(this.faqs, ({ item: f }) => [
      { text: f.question, weight: 1, isName: true },
      { text: f.answer, weight: 0.6, pinyin: false },
      { text: f.questionEn, weight: 0.5, isName: true, pinyin: false },
      { text: f.answerEn, weight: 0.3, pinyin: false },
      ...f.serviceIds.map((id) => ({ text: this.serviceById.get(id)?.name ?? '', weight: 0.5 })),
    ]);
    for (const city of this.cities) {
      const entries = this.services.map((s) => this.toEntry(s, city.code));
      this.entriesByCity.set(city.code, entries);
      this.entryByCity.set(city.code, new Map(entries.map((e) => [e.id, e])));
      this.bodyByCity.set(city.code, prepareBody(JSON.stringify(entries)));
    }
  }

  get serviceCount() {
    return this.services.length;
  }

  /** Every service as seen from a city; precomputed. */
  entries(city: CityCode): CatalogEntry[] {
    return this.entriesByCity.get(city) ?? [];
  }

  /** The same as entries(city), already serialised, gzipped and tagged: the catalog route's hot path. */
  entriesBody(city: CityCode): PreparedBody {
    const body = this.bodyByCity.get(city);
    if (!body) throw new Error(`no catalog for city ${city}`);
    return body;
  }

  /** One service as seen from a city (name, availability and the guide's reason); precomputed. */
  entry(id: string, city: CityCode): CatalogEntry | undefined {
    return this.entryByCity.get(city)?.get(id);
  }

  filteredEntries(city: CityCode, filter: { group?: ServiceGroupId; zone?: ZoneId }): CatalogEntry[] {
    return this.entries(city).filter(
      (e) => (!filter.group || e.group === filter.group) && (!filter.zone || e.zones.includes(filter.zone)),
    );
  }

  findService(id: string): ServiceRow | undefined {
    return this.serviceById.get(id);
  }

  /** The ids of the services a department is responsible for (办理部门); scopes staff to their data. */
  serviceIdsOfDepartment(departmentId: string): string[] {
    return this.services.filter((s) => s.department_id === departmentId).map((s) => s.id);
  }

  /**
   * What a city calls a service: its own name where it has one (佛山: 老人卡申办), else the guide's. Unknown ids
   * answer the id, so a record of a service dropped from the definitions still reads.
   */
  serviceName(id: string, city: string): { name: string; nameEn: string } {
    const s = this.serviceById.get(id);
    if (!s) return { name: id, nameEn: id };
    return s.city_names[city] ?? { name: s.name, nameEn: s.name_en };
  }

  departmentName(departmentId: string): string {
    return this.departmentById.get(departmentId)?.name ?? departmentId;
  }

  /**
   * A service's standing in a city after the console's overrides: offered by the definitions, paused (by the
   * city's override, else the province-wide one) and the texts citizens read there.
   */
  standing(s: ServiceRow, city: string) {
    const o = this.overrides.get(s.id);
    const cityOverride = o?.byCity.get(city);
    const pausedBy = cityOverride?.paused ? cityOverride : o?.province?.paused ? o.province : undefined;
    return {
      offered: isAvailable(s, city),
      pausedScope: pausedBy ? (pausedBy.city_code === null ? ('province' as const) : ('city' as const)) : null,
      pauseReason: pausedBy?.pause_reason ?? null,
      description: cityOverride?.description ?? o?.province?.description ?? s.description,
      notes: cityOverride?.notes ?? o?.province?.notes ?? s.notes,
      textsEdited: [cityOverride, o?.province].some((x) => x && (x.description !== null || x.notes !== null)),
    };
  }

  detail(id: string, city: CityCode): ServiceDetail | undefined {
    const s = this.serviceById.get(id);
    if (!s) return undefined;
    const dept = this.departmentById.get(s.department_id);
    const standing = this.standing(s, city);
    return {
      ...this.toEntry(s, city),
      description: standing.description,
      // the console edits the Chinese text; the English stays the definitions' (docs/catalog-admin.md)
      descriptionEn: s.description_en,
      department: dept
        ? { id: dept.id, name: dept.name, nameEn: dept.name_en }
        : { id: s.department_id, name: s.department_id, nameEn: s.department_id },
      availableCities: this.cities.filter((c) => this.entry(s.id, c.code as CityCode)?.available).map((c) => c.code),
      materials: s.materials,
      materialsEn: s.materials_en,
      timeLimit: s.time_limit,
      timeLimitEn: s.time_limit_en,
      notes: standing.notes,
      notesEn: s.notes_en,
      faqs: this.faqs.filter((f) => inCity(f, city) && f.item.serviceIds.includes(s.id)).map((f) => f.item),
    };
  }

  /** Ranked matches; among equal scores, services the city offers come first. */
  search(q: string, city: CityCode, limit: number): SearchHit[] {
    return this.serviceIndex
      .search(q, this.services.length)
      .map((h) => ({ service: this.entryOf(h.item, city), score: h.score, matchedBy: h.matchedBy }))
      .sort((a, b) => b.score - a.score || Number(b.service.available) - Number(a.service.available))
      .slice(0, limit);
  }

  /**
   * The FAQ citizens see: the province-wide ones, and a city's own when the city is given (a FAQ written for one
   * city by its 客服人员 is shown there only).
   */
  searchFaq(q: string | undefined, serviceId: string | undefined, city?: string): FaqItem[] {
    const pool = q?.trim() ? this.faqIndex.search(q, this.faqs.length).map((h) => h.item) : this.faqs;
    return pool
      .filter((f) => inCity(f, city) && (!serviceId || f.item.serviceIds.includes(serviceId)))
      .map((f) => f.item);
  }

  /** The precomputed entry of the city (the ServiceRow is one of this snapshot's). */
  private entryOf(s: ServiceRow, city: string): CatalogEntry {
    return this.entryByCity.get(city)?.get(s.id) ?? this.toEntry(s, city);
  }

  private toEntry(s: ServiceRow, city: string): CatalogEntry {
    const standing = this.standing(s, city);
    const available = standing.offered && standing.pausedScope === null;
    // Not offered by the definitions: the guide's words (暂仅支持广州 …). Paused by the console: 暂停办理 and the
    // staff's reason, worded so "<service><reason>，当前城市为…" reads as the other refusals do.
    const reason = available ? null : standing.offered ? `暂停办理：${standing.pauseReason}` : s.unavailable_reason;
    const reasonEn = available
      ? null
      : standing.offered
        ? 'Temporarily suspended in this city'
        : s.unavailable_reason_en;
    const names = s.city_names[city];
    return {
      id: s.id,
      name: names?.name ?? s.name,
      nameEn: names?.nameEn ?? s.name_en,
      group: s.group_id as ServiceGroupId,
      zones: s.zones as ZoneId[],
      kind: s.kind as CatalogEntry['kind'],
      featureIds: s.feature_ids,
      departmentId: s.department_id,
      whoMayAct: s.who_may_act as CatalogEntry['whoMayAct'],
      requiresVerification: s.requires_verification,
      available,
      unavailableReason: reason,
      unavailableReasonEn: reasonEn,
    };
  }
}

interface ServiceOverrides {
  province: OverrideRow | undefined;
  byCity: Map<string, OverrideRow>;
}

interface CityFaq {
  cityCode: string | null;
  item: FaqItem;
}

function inCity(f: CityFaq, city: string | undefined): boolean {
  return f.cityCode === null || f.cityCode === city;
}

export interface PreparedBody {
  json: string;
  gzip: Buffer;
  etag: string;
}

function prepareBody(json: string): PreparedBody {
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
  return { json, gzip: gzipSync(json, { level: 9 }), etag };
}

function isAvailable(s: ServiceRow, city: string): boolean {
  switch (s.availability_mode) {
    case 'all':
      return true;
    case 'only':
      return s.cities.includes(city);
    case 'except':
      return !s.cities.includes(city);
    default:
      return false;
  }
}
