/** Registers /sw.js (production builds only: the dev server serves modules, not a shell to cache). */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No offline support this time (private mode, blocked): the app works online as before.
    });
  });
}
