/* 粤省事 service worker: offline app shell, cached hashed assets, never cached personal or POST requests. */
/* The build (vite.config.ts) replaces the two placeholders below with the release id and the shell files: the */
/* entry, the home page and the 我的证照 / 证照核验 pages (出示二维码 and the verifier work after a reload offline). */
const VERSION = '__YSS_BUILD__';
const PRECACHE = []; /* __YSS_PRECACHE__ */

const SHELL_CACHE = `yss-shell-${VERSION}`;
const ASSET_CACHE = `yss-assets-${VERSION}`;
const API_CACHE = `yss-api-${VERSION}`;
const KEEP = [SHELL_CACHE, ASSET_CACHE, API_CACHE];
const SHELL_URL = '/index.html';

/** Public, non-personal catalog data that may be shown from cache when offline. */
const CACHEABLE_API = [
  /^\/api\/v1\/cities$/,
  /^\/api\/v1\/catalog(\/meta)?$/,
  /^\/api\/v1\/services\/[^/]+$/,
  /^\/api\/v1\/faq$/,
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll([SHELL_URL, '/manifest.webmanifest', ...PRECACHE]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('yss-') && !KEEP.includes(k)).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirstNavigation(request) {
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put(SHELL_URL, response.clone());
    }
    return response;
  } catch {
    const cached = await caches.match(SHELL_URL);
    return (
      cached ||
      new Response('网络连接失败，请检查网络后重试', {
        status: 503,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      })
    );
  }
}

async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request, cacheName) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request);
    if (cached) return cached;
    throw error;
  }
}

/**
 * The page's own asset list (src/pwa/register-sw.ts): the entry, page chunks and the QR reader's WebAssembly
 * that were loaded BEFORE this worker controlled the page (the first visit) never passed through the fetch
 * handler, so a reload without a network would miss them. Only hashed files under /assets/ are taken — never
 * /api/ (personal data stays in the pages' IndexedDB stores, not in this cache).
 */
async function cacheLoadedAssets(urls) {
  const cache = await caches.open(ASSET_CACHE);
  for (const href of urls.slice(0, 300)) {
    let url;
    try {
      url = new URL(href, self.location.origin);
    } catch {
      continue;
    }
    if (url.origin !== self.location.origin || !url.pathname.startsWith('/assets/')) continue;
    if (await caches.match(url.pathname)) continue;
    try {
      const response = await fetch(url.pathname);
      if (response.ok) await cache.put(url.pathname, response);
    } catch {
      // offline already: the next visit online fills the gap
    }
  }
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'yss-cache-assets' || !Array.isArray(data.urls)) return;
  const port = event.ports?.[0];
  event.waitUntil(
    cacheLoadedAssets(data.urls.filter((u) => typeof u === 'string')).then(() => port?.postMessage({ done: true })),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // Only GETs of our own origin; everything else (POST feedback, other sites) goes straight to the network.
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The staff console (/console/) is another app on the same origin: never cache it, and never keep its
  // page as the citizen app's offline shell.
  if (url.pathname === '/console' || url.pathname.startsWith('/console/')) return;

  if (url.pathname.startsWith('/api/')) {
    if (CACHEABLE_API.some((re) => re.test(url.pathname))) event.respondWith(networkFirst(request, API_CACHE));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstNavigation(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content: cache first.
    event.respondWith(cacheFirst(request, ASSET_CACHE));
    return;
  }
  if (url.pathname.startsWith('/icons/') || url.pathname === '/manifest.webmanifest') {
    event.respondWith(networkFirst(request, SHELL_CACHE));
  }
});
