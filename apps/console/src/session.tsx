import type { StaffProfile } from '@yss/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setSessionLostHandler } from './api';

interface SessionState {
  /** undefined while loading; null when not logged in. */
  profile: StaffProfile | null | undefined;
  setProfile(profile: StaffProfile | null): void;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [profile, setProfile] = useState<StaffProfile | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      setProfile(await api<StaffProfile>('GET', '/api/v1/staff/me'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setProfile(null);
      else throw err;
    }
  }, []);
  const logout = useCallback(async () => {
    await api('POST', '/api/v1/staff/auth/logout').catch(() => undefined);
    setProfile(null);
  }, []);
  useEffect(() => {
    refresh().catch(() => setProfile(null));
    // an expired or ended session sends the shell back to the login page
    setSessionLostHandler(() => setProfile(null));
    return () => setSessionLostHandler(undefined);
  }, [refresh]);
  const value = useMemo(() => ({ profile, setProfile, refresh, logout }), [profile, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
