/**
 * Registers /sw.js (production builds only: the dev server serves modules, not a shell to cache), then hands
 * it the assets this page loaded before the worker controlled it (see sw.js, cacheLoadedAssets): on a first
 * visit the wallet page's chunks and the QR reader's WebAssembly are fetched before the worker is active, and
 * would otherwise be missing on a reload without a network. When the worker has them, <html> gets
 * `data-offline-ready="true"` (the pages, and the end-to-end tests, can tell that a reload offline will work).
 */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => {
        const sync = () => void handOverLoadedAssets();
        if (navigator.serviceWorker.controller) sync();
        navigator.serviceWorker.addEventListener('controllerchange', sync);
      })
      .catch(() => {
        // No offline support this time (private mode, blocked): the app works online as before.
      });
  });
}

/** Same-origin hashed assets this page has loaded so far (scripts, styles, WebAssembly). */
function loadedAssets(): string[] {
  const names = performance.getEntriesByType('resource').map((e) => e.name);
  for (const el of document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')) {
    names.push('src' in el && el.src ? el.src : (el as HTMLLinkElement).href);
  }
  return [...new Set(names)].filter((n) => {
    try {
      const url = new URL(n);
      return url.origin === location.origin && url.pathname.startsWith('/assets/');
    } catch {
      return false;
    }
  });
}

async function handOverLoadedAssets() {
  const controller = navigator.serviceWorker.controller;
  if (!controller) return;
  const channel = new MessageChannel();
  const done = new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve();
  });
  controller.postMessage({ type: 'yss-cache-assets', urls: loadedAssets() }, [channel.port2]);
  await done;
  document.documentElement.dataset.offlineReady = 'true';
}
