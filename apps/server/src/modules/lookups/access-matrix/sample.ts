/**
 * One personal route in the access matrix (issue 5, deliverable 4): every route tagged `personal` in OpenAPI
 * must have a sample here, or access-matrix.test.ts fails. Each area keeps its samples in `<area>.samples.ts`
 * beside this file; the test finds them with import.meta.glob.
 */
export interface PersonalRouteSample {
  /** The catalog service the route serves: the audit entry is `lookup.<serviceId>` (or `auditAction`). */
  serviceId: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** A URL the owner may call, without `for=` (the matrix adds it). */
  url: string;
  body?: object;
  /** A demo person (DEMO_PEOPLE name) with records for this URL. */
  owner: string;
  /** What the owner gets (default 200). */
  ownerStatus?: number;
  /** The audit action the owner's read records (default `lookup.<serviceId>`); null when a read records nothing. */
  auditAction?: string | null;
}
