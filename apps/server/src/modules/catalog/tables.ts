import type { ColumnType, Generated } from 'kysely';

/** Tables owned by the catalog module (migrations/0001_catalog_reference-data.sql, 0052_catalog_overrides.sql, 0080_catalog_city-names.sql). */
export interface CatalogTables {
  catalog_cities: { code: string; name: string; name_en: string; sort_order: number };
  catalog_departments: { id: string; name: string; name_en: string };
  catalog_services: {
    id: string;
    name: string;
    name_en: string;
    /** city code → the city's own name of the service (migrations/0080). */
    city_names: ColumnType<Record<string, { name: string; nameEn: string }>, string, string>;
    group_id: string;
    zones: string[];
    department_id: string;
    feature_ids: string[];
    kind: string;
    who_may_act: string;
    requires_verification: boolean;
    availability_mode: 'all' | 'only' | 'except';
    unavailable_reason: string | null;
    unavailable_reason_en: string | null;
    description: string;
    description_en: string;
    keywords: string[];
    materials: ColumnType<string[], string, string>;
    materials_en: ColumnType<string[], string, string>;
    time_limit: string | null;
    time_limit_en: string | null;
    notes: ColumnType<string[], string, string>;
    notes_en: ColumnType<string[], string, string>;
    enabled: Generated<boolean>;
    sort_order: number;
    updated_at: Generated<Date>;
  };
  catalog_service_cities: { service_id: string; city_code: string };
  catalog_faqs: {
    id: string;
    question: string;
    answer: string;
    question_en: string;
    answer_en: string;
    feature_ids: string[];
    sort_order: number;
    origin: Generated<'seed' | 'staff'>;
    edited: Generated<boolean>;
    hidden: Generated<boolean>;
    deleted_at: Date | null;
    department_id: string | null;
    city_code: string | null;
    version: Generated<number>;
    created_by: string | null;
    updated_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  catalog_faq_services: { faq_id: string; service_id: string };
  catalog_service_overrides: {
    id: Generated<string>;
    service_id: string;
    city_code: string | null;
    paused: boolean;
    pause_reason: string | null;
    notes: ColumnType<string[] | null, string | null, string | null>;
    description: string | null;
    version: Generated<number>;
    updated_by: string;
    updated_at: Generated<Date>;
  };
  catalog_override_events: {
    id: Generated<string>;
    service_id: string;
    city_code: string | null;
    action: 'pause' | 'resume' | 'texts';
    reason: string | null;
    notes: ColumnType<string[] | null, string | null, never>;
    description: string | null;
    staff_account_id: string;
    at: Generated<Date>;
  };
  catalog_state: { id: Generated<boolean>; version: ColumnType<string, string | number, string | number> };
}
