import { APPLICATION_FORMS, APPOINTMENT_SERVICES } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { ALL_SERVICES } from './index.js';

const byId = new Map(ALL_SERVICES.map((s) => [s.id, s]));

/**
 * The online flows are data in the contracts (forms, appointment services); each must name a catalog service of
 * the right kind and be complete in both languages, or the service page would open a form that cannot work.
 */
describe('online application forms', () => {
  for (const [id, form] of Object.entries(APPLICATION_FORMS)) {
    it(`${id}: a catalog application service with a complete, bilingual form`, () => {
      const service = byId.get(id);
      expect(service, `${id} is not in the catalog`).toBeDefined();
      expect(['application', 'payment']).toContain(service?.kind);
      if (form.progressServiceId) expect(byId.has(form.progressServiceId)).toBe(true);
      expect(form.notice.length).toBeGreaterThan(0);
      expect(form.noticeEn).toHaveLength(form.notice.length);
      const names = form.fields.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain(form.summaryField);
      for (const f of form.fields) {
        expect(f.label && f.labelEn, f.name).toBeTruthy();
        if (f.kind === 'select') expect(f.options?.length, f.name).toBeGreaterThan(1);
        if (f.showWhen) expect(names).toContain(f.showWhen.field);
        if (f.help) expect(f.helpEn, f.name).toBeTruthy();
      }
      const slots = form.attachments.map((a) => a.id);
      expect(new Set(slots).size).toBe(slots.length);
      for (const a of form.attachments) expect(a.maxFiles).toBeGreaterThan(0);
      // An empty form is refused with Chinese messages, never accepted.
      const empty = form.schema.safeParse({});
      if (form.fields.some((f) => f.required && !f.showWhen)) {
        expect(empty.success).toBe(false);
        for (const issue of empty.error?.issues ?? []) expect(issue.message).toMatch(/\p{Script=Han}/u);
      }
    });
  }
});

describe('online appointment services', () => {
  for (const [id, spec] of Object.entries(APPOINTMENT_SERVICES)) {
    it(`${id}: a catalog appointment service with a bilingual notice`, () => {
      expect(byId.get(id)?.kind).toBe('appointment');
      expect(spec.serviceId).toBe(id);
      expect(spec.noticeEn).toHaveLength(spec.notice.length);
      expect(spec.bookingWindowDays).toBeGreaterThan(0);
    });
  }
});
