import { it } from 'vitest';
import { createTestApp } from './test-support/test-app.js';
import { loadCatalogRows } from './modules/catalog/repository.js';
import { CatalogSnapshot } from './modules/catalog/catalog-snapshot.js';
it('prof', async () => {
  const t = await createTestApp('pglite');
  const snap = new CatalogSnapshot(await loadCatalogRows(t.database.db));
  for (const q of ['gjj', 'gongjijin', '公积金', 'shebao', 'gongjijing']) {
    let t0 = performance.now();
    for (let i = 0; i < 200; i++) snap.search(q, '440100', 20);
    const pure = (performance.now() - t0) / 200;
    t0 = performance.now();
    for (let i = 0; i < 200; i++) await t.app.inject(`/api/v1/catalog/search?q=${encodeURIComponent(q)}&city=440100`);
    console.log(q, pure.toFixed(2), ((performance.now() - t0) / 200).toFixed(2), 'ms pure/inject');
  }
  let t0 = performance.now();
  for (let i = 0; i < 200; i++) await t.app.inject(`/healthz`);
  console.log('healthz', ((performance.now() - t0) / 200).toFixed(2));
  t0 = performance.now();
  for (let i = 0; i < 200; i++) await t.app.inject(`/api/v1/faq`);
  console.log('faq', ((performance.now() - t0) / 200).toFixed(2));
  await t.close();
}, 120000);
