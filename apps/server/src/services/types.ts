import type { CityName, ServiceGroupId, ServiceKind, WhoMayAct, ZoneId } from '@yss/contracts';

/**
 * Per-city availability of a service, as the guide states it.
 * - all: every one of the 21 cities;
 * - only: just these cities ("暂仅支持广州");
 * - except: all cities but these ("暂不支持广州、深圳地区").
 * `reason` is the guide's own wording shown where the city lacks the service; `reasonEn` its English.
 */
export type Availability =
  | { readonly mode: 'all' }
  | {
      readonly mode: 'only' | 'except';
      readonly cities: readonly CityName[];
      readonly reason: string;
      readonly reasonEn: string;
    };

/** A service (事项) of the catalog: pure data, seeded into the database idempotently. */
export interface ServiceDefinition {
  /** Stable kebab-case id, never reused: URLs, bookmarks and other modules refer to it. */
  readonly id: string;
  /** Chinese name as the guide writes it. */
  readonly name: string;
  readonly nameEn: string;
  /**
   * The name a city gives the service where it differs from the guide's province-wide one (佛山: 老人卡申办 for
   * 老年人优待证核发). Citizens of that city see it in the catalog, on the service's page and in their 办件.
   */
  readonly cityNames?: Partial<Record<CityName, { readonly name: string; readonly nameEn: string }>>;
  readonly group: ServiceGroupId;
  readonly zones?: readonly ZoneId[];
  /** Department id (see departments.ts). */
  readonly department: string;
  /** FEATURES.md ids this service serves (A1…H5). */
  readonly featureIds: readonly string[];
  readonly kind: ServiceKind;
  readonly whoMayAct: WhoMayAct;
  /** Whether face/biometric verification is needed first (the guide: personal data and every 办理). */
  readonly requiresVerification: boolean;
  readonly availability: Availability;
  /** One or two sentences on what the service does, from the guide's wording where it has one. */
  readonly description: string;
  readonly descriptionEn: string;
  /** Extra search words people type (synonyms, abbreviations, e.g. 医保, 个税, 挪车). */
  readonly keywords?: readonly string[];
  readonly materials?: readonly string[];
  readonly materialsEn?: readonly string[];
  readonly timeLimit?: string;
  readonly timeLimitEn?: string;
  /** Notes quoted from the guide (e.g. 购票须知); English in notesEn, same order. */
  readonly notes?: readonly string[];
  readonly notesEn?: readonly string[];
}

export interface DepartmentDefinition {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
}

/** A 问题/回答 pair of the guide, quoted verbatim, linked to the services it is about. */
export interface FaqDefinition {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  readonly questionEn: string;
  readonly answerEn: string;
  readonly serviceIds: readonly string[];
  readonly featureIds: readonly string[];
}
