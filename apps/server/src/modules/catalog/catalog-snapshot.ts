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
import type { CatalogRows, ServiceRow } from './repository.js';
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
  private readonly faqs: FaqItem[];
  private readonly faqIndex: SearchIndex<FaqItem>;
  private readonly departmentById: Map<string, CatalogRows['departments'][number]>;

  constructor(rows: CatalogRows) {
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
      ...s.keywords.map((k) => ({ text: k, weight: 0.85 })),
      { text: groupName.get(s.group_id) ?? '', weight: 0.6 },
      { text: groupNameEn.get(s.group_id) ?? '', weight: 0.5, pinyin: false },
      { text: s.description, weight: 0.4, pinyin: false },
    ]);
    this.faqs = rows.faqs.map((f) => ({
      id: f.id,
      question: f.question,
      answer: f.answer,
      questionEn: f.question_en,
      answerEn: f.answer_en,
      serviceIds: f.service_ids,
      featureIds: f.feature_ids,
    }));
    this.faqIndex = new SearchIndex(this.faqs, (f) => [
      { text: f.question, weight: 1, isName: true },
      { text: f.answer, weight: 0.6, pinyin: false },
      { text: f.questionEn, weight: 0.5, isName: true, pinyin: false },
      { text: f.answerEn, weight: 0.3, pinyin: false },
      ...f.serviceIds.map((id) => ({ text: this.serviceById.get(id)?.name ?? '', weight: 0.5 })),
    ]);
    for (const city of this.cities) {
      const entries = this.services.map((s) => toEntry(s, city.code));
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

  departmentName(departmentId: string): string {
    return this.departmentById.get(departmentId)?.name ?? departmentId;
  }

  detail(id: string, city: CityCode): ServiceDetail | undefined {
    const s = this.serviceById.get(id);
    if (!s) return undefined;
    const dept = this.departmentById.get(s.department_id);
    return {
      ...toEntry(s, city),
      description: s.description,
      descriptionEn: s.description_en,
      department: dept
        ? { id: dept.id, name: dept.name, nameEn: dept.name_en }
        : { id: s.department_id, name: s.department_id, nameEn: s.department_id },
      availableCities: this.cities.filter((c) => isAvailable(s, c.code)).map((c) => c.code),
      materials: s.materials,
      materialsEn: s.materials_en,
      timeLimit: s.time_limit,
      timeLimitEn: s.time_limit_en,
      notes: s.notes,
      notesEn: s.notes_en,
      faqs: this.faqs.filter((f) => f.serviceIds.includes(s.id)),
    };
  }

  /** Ranked matches; among equal scores, services the city offers come first. */
  search(q: string, city: CityCode, limit: number): SearchHit[] {
    return this.serviceIndex
      .search(q, this.services.length)
      .map((h) => ({ service: toEntry(h.item, city), score: h.score, matchedBy: h.matchedBy }))
      .sort((a, b) => b.score - a.score || Number(b.service.available) - Number(a.service.available))
      .slice(0, limit);
  }

  searchFaq(q: string | undefined, serviceId: string | undefined): FaqItem[] {
    const pool = q?.trim() ? this.faqIndex.search(q, this.faqs.length).map((h) => h.item) : this.faqs;
    return serviceId ? pool.filter((f) => f.serviceIds.includes(serviceId)) : pool;
  }
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

function toEntry(s: ServiceRow, city: string): CatalogEntry {
  const available = isAvailable(s, city);
  return {
    id: s.id,
    name: s.name,
    nameEn: s.name_en,
    group: s.group_id as ServiceGroupId,
    zones: s.zones as ZoneId[],
    kind: s.kind as CatalogEntry['kind'],
    featureIds: s.feature_ids,
    departmentId: s.department_id,
    whoMayAct: s.who_may_act as CatalogEntry['whoMayAct'],
    requiresVerification: s.requires_verification,
    available,
    unavailableReason: available ? null : s.unavailable_reason,
    unavailableReasonEn: available ? null : s.unavailable_reason_en,
  };
}
