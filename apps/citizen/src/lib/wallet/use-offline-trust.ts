import type { WalletTypes } from '@yss/contracts';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../api/client';
import {
  type CachedTrust,
  type CityRules,
  type FetchText,
  loadCityRules,
  loadTrust,
  refreshTrust,
  saveCityRules,
  saveTrust,
} from './offline-cache';

const pageFetch: FetchText = (path) => fetch(path, { credentials: 'same-origin', cache: 'no-store' });

/**
 * The verifier page's offline data: the snapshot kept on the device (IndexedDB) at once, then — while online —
 * a fresh one (directory, JWKS, status lists), again every status-list ttl (60 s) and when the network comes
 * back. For a logged-in verifier, also the catalog's rule of each certificate type in the organisation's city.
 */
export function useOfflineTrust(city: { code: string; name: string } | null) {
  const [trust, setTrust] = useState<CachedTrust | null>(null);
  const [cityRules, setCityRules] = useState<CityRules | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    let current: CachedTrust | null = null;
    const refresh = async () => {
      if (!navigator.onLine) return;
      setRefreshing(true);
      try {
        const next = await refreshTrust(pageFetch, current);
        current = next;
        await saveTrust(next).catch(() => undefined);
        if (live) setTrust(next);
      } catch {
        // unreachable: keep what the device has
      } finally {
        if (live) setRefreshing(false);
      }
    };
    void (async () => {
      current = await loadTrust();
      if (live && current) setTrust(current);
      await refresh();
      if (live) timer = window.setInterval(() => void refresh(), 60_000);
    })();
    const online = () => void refresh();
    window.addEventListener('online', online);
    return () => {
      live = false;
      if (timer) clearInterval(timer);
      window.removeEventListener('online', online);
    };
  }, []);

  const cityCode = city?.code;
  const cityName = city?.name;
  useEffect(() => {
    if (!cityCode || !cityName) return;
    let live = true;
    void (async () => {
      const kept = await loadCityRules();
      if (live && kept?.code === cityCode) setCityRules(kept);
      if (!navigator.onLine) return;
      try {
        const { types } = await apiRequest<WalletTypes>('/api/v1/wallet/types', { query: { city: cityCode } });
        const rules: CityRules = {
          code: cityCode,
          name: cityName,
          offered: Object.fromEntries(
            types.map((t) => [t.type, { available: t.available, unavailableReason: t.unavailableReason }]),
          ),
          fetchedAt: Date.now(),
        };
        await saveCityRules(rules).catch(() => undefined);
        if (live) setCityRules(rules);
      } catch {
        // keep the device's copy
      }
    })();
    return () => {
      live = false;
    };
  }, [cityCode, cityName]);

  return { trust, cityRules: cityRules?.code === cityCode ? cityRules : null, refreshing };
}
