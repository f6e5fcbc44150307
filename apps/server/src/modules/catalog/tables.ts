import type { ColumnType, Generated } from 'kysely';

/** Tables owned by the catalog module (migrations/0001_catalog_reference-data.sql). */
export interface CatalogTables {
  catalog_cities: { code: string; name: string; name_en: string; sort_order: number };
  catalog_departments: { id: string; name: string; name_en: string };
  catalog_services: {
    id: string;
    name: string;
    name_en: string;
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
  };
  catalog_faq_services: { faq_id: string; service_id: string };
}
