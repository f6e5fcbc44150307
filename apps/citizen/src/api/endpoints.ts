import type {
  CatalogEntry,
  CatalogMeta,
  City,
  FaqItem,
  FeedbackInput,
  FeedbackReceipt,
  SearchHit,
  ServiceDetail,
} from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };

const BASE = '/api/v1';

export const api = {
  cities: (o: Opts = {}) => apiRequest<City[]>(`${BASE}/cities`, o),
  catalogMeta: (o: Opts = {}) => apiRequest<CatalogMeta>(`${BASE}/catalog/meta`, o),
  catalog: (city: string, filter: { group?: string; zone?: string } = {}, o: Opts = {}) =>
    apiRequest<CatalogEntry[]>(`${BASE}/catalog`, { ...o, query: { city, group: filter.group, zone: filter.zone } }),
  search: (q: string, city: string, limit = 20, o: Opts = {}) =>
    apiRequest<SearchHit[]>(`${BASE}/catalog/search`, { ...o, query: { q, city, limit } }),
  service: (id: string, city: string, o: Opts = {}) =>
    apiRequest<ServiceDetail>(`${BASE}/services/${encodeURIComponent(id)}`, { ...o, query: { city } }),
  faq: (filter: { q?: string; serviceId?: string; city?: string } = {}, o: Opts = {}) =>
    apiRequest<FaqItem[]>(`${BASE}/faq`, {
      ...o,
      query: { q: filter.q, serviceId: filter.serviceId, city: filter.city },
    }),
  feedback: (input: FeedbackInput, o: Opts = {}) =>
    apiRequest<FeedbackReceipt>(`${BASE}/feedback`, { ...o, method: 'POST', body: input }),
};
