import type { AccountProfile, SessionInfo } from '@yss/contracts';
import Dialog from 'antd-mobile/es/components/dialog';
import Toast from 'antd-mobile/es/components/toast';
import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import {
  type ApiProblem,
  isApiProblem,
  isSessionProblem,
  onSessionProblem,
  type SessionProblemCode,
  VerificationCancelled,
  withStepUp,
} from '../api/client';
import { identity } from '../api/identity';
import { ListSkeleton } from '../components/States';
import { problemText } from '../i18n/problems';
import { forgetDrafts } from '../lib/apply-drafts';
import { forgetAccount, rememberAccount, rememberedAccount } from '../pwa/offline-account';
import { browserStore, writeLastLogin } from './storage';

const loadPrompt = () => import('../components/VerifyPrompt');
const VerifyPrompt = lazy(loadPrompt);

export type AuthStatus = 'loading' | 'in' | 'out';

export interface AuthApi {
  status: AuthStatus;
  account: AccountProfile | null;
  /**
   * Without a network at start (status 'out' for want of an answer): the account this device last had a
   * session for, whose wallet on this phone pages marked `allowOffline` may open; null otherwise.
   */
  offlineAccountId: string | null;
  /** After a successful login. */
  signedIn: (session: SessionInfo) => void;
  /** After an answer that carries the new profile (real name, default method, verification). */
  setAccount: (account: AccountProfile) => void;
  /** Loads GET /me again (after setting a PIN or adding a passkey). */
  refresh: () => Promise<AccountProfile | null>;
  logout: () => Promise<void>;
  /**
   * Runs `fn`; on 403 VERIFICATION_REQUIRED opens the verification prompt (刷脸 / 支付密码; 短信验证码 only to
   * enrol a first passkey or PIN: `enrol`) and, once verified, runs `fn` once more. Cancelling rejects with
   * VerificationCancelled.
   */
  withVerification: <T>(fn: () => Promise<T>, options?: VerificationOptions) => Promise<T>;
}

export type VerificationOptions = {
  /** Adding a passkey or PIN: an SMS code to the own phone is accepted when the account has neither yet. */
  enrol?: boolean;
};

const AuthContext = createContext<AuthApi | null>(null);

/** Where to come back to after logging in: a path inside the app, never another site. */
export function safeNext(next: string | null | undefined, fallback = '/me'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next === '/login' || next.startsWith('/login?')) return fallback;
  return next;
}

export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

function rememberLogin(account: AccountProfile) {
  writeLastLogin(browserStore(), { phoneMasked: account.phoneMasked, method: account.defaultLoginMethod });
}

type PendingPrompt = {
  problem: ApiProblem | null;
  enrol: boolean;
  resolve: (verified: boolean | 'redirected') => void;
  promise: Promise<boolean>;
};

/**
 * Who is logged in (GET /api/v1/me at start), and what happens when the session ends elsewhere: another device
 * logged in (a dialog in the guide's words, then the login page), or it expired (a toast, then the login page).
 * Also hosts the step-up verification prompt, loaded on first use.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [account, setAccountState] = useState<AccountProfile | null>(null);
  const [offlineAccountId, setOfflineAccountId] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<PendingPrompt | null>(null);
  const promptRef = useRef<PendingPrompt | null>(null);
  const statusRef = useRef(status);
  statusRef.current = status;
  const offlineRef = useRef(offlineAccountId);
  offlineRef.current = offlineAccountId;
  const accountRef = useRef(account);
  accountRef.current = account;
  const here = `${location.pathname}${location.search}`;
  const hereRef = useRef(here);
  hereRef.current = here;
  const replacedShown = useRef(false);

  const clearSession = useCallback(() => {
    setAccountState(null);
    setStatus('out');
    setOfflineAccountId(null);
    forgetAccount();
    // forms being filled in (在线办理) hold personal data: not for whoever uses this phone next
    forgetDrafts();
    const pending = promptRef.current;
    if (pending) {
      promptRef.current = null;
      setPrompt(null);
      pending.resolve(false);
    }
  }, []);

  const sessionEnded = useCallback(
    (code: SessionProblemCode, detail?: string) => {
      const wasIn = statusRef.current === 'in';
      clearSession();
      const next = safeNext(hereRef.current, '/');
      const onLogin = hereRef.current.startsWith('/login');
      if (code === 'SESSION_REPLACED') {
        if (replacedShown.current) return;
        replacedShown.current = true;
        if (!onLogin) navigate(loginPath(next), { replace: true });
        void Dialog.alert({
          content: (
            <div className="session-dialog" data-testid="session-replaced-dialog" role="alert">
              <h2 className="session-dialog-title">{t('auth.replacedTitle')}</h2>
              <p>{t('auth.replacedBody')}</p>
            </div>
          ),
          confirmText: t('auth.loginAgain'),
        }).then(() => {
          replacedShown.current = false;
        });
        return;
      }
      // SESSION_EXPIRED, or UNAUTHENTICATED while we thought we were logged in (the server forgot the session).
      if (code === 'SESSION_EXPIRED' || wasIn) {
        Toast.show({ content: detail || t('auth.expired'), duration: 3000 });
        if (!onLogin) navigate(loginPath(next), { replace: true });
      }
    },
    [clearSession, navigate, t],
  );

  // Every API answer that ends the session, from any page.
  useEffect(
    () => onSessionProblem((problem) => sessionEnded(problem.code, problemText(problem, t))),
    [sessionEnded, t],
  );

  // Who is logged in: once at start, and again when the network comes back after a start without one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the start-up probe runs once
  useEffect(() => {
    const controller = new AbortController();
    const probe = () =>
      identity.me({ signal: controller.signal, probe: true }).then(
        (profile) => {
          setAccountState(profile);
          setStatus('in');
          setOfflineAccountId(null);
          rememberAccount(profile.id);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setStatus('out');
          if (isApiProblem(error) && error.isNetwork) {
            // No answer: keep the last account of this device for its offline wallet, until the server says.
            setOfflineAccountId(rememberedAccount());
            return;
          }
          setOfflineAccountId(null);
          forgetAccount();
          if (isSessionProblem(error) && error.code === 'SESSION_REPLACED') {
            sessionEnded(error.code, problemText(error, t));
          } else if (isSessionProblem(error) && error.code === 'SESSION_EXPIRED') {
            Toast.show({ content: problemText(error, t) || t('auth.expired'), duration: 3000 });
          }
        },
      );
    void probe();
    const online = () => {
      if (statusRef.current === 'out' && offlineRef.current) void probe();
    };
    window.addEventListener('online', online);
    return () => {
      controller.abort();
      window.removeEventListener('online', online);
    };
  }, []);

  // Back in the app (tab shown again, phone unlocked): ask the server whether this session still holds, so a
  // login on another device is explained at once rather than at the next tap.
  useEffect(() => {
    let last = 0;
    const onVisible = () => {
      if (document.visibilityState !== 'visible' || statusRef.current !== 'in') return;
      if (Date.now() - last < 15_000) return;
      last = Date.now();
      identity.me().then(
        (profile) => {
          setAccountState(profile);
          // a confirmed session: the offline wallet's 30 days start again (pwa/offline-account.ts)
          rememberAccount(profile.id);
        },
        () => {
          // Session problems reach onSessionProblem; a network blip changes nothing.
        },
      );
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  const setAccount = useCallback((profile: AccountProfile) => {
    setAccountState(profile);
    setStatus('in');
    setOfflineAccountId(null);
    rememberLogin(profile);
    rememberAccount(profile.id);
  }, []);

  const signedIn = useCallback(
    (session: SessionInfo) => {
      replacedShown.current = false;
      setAccount(session.account);
    },
    [setAccount],
  );

  const refresh = useCallback(async () => {
    try {
      const profile = await identity.me();
      setAccount(profile);
      return profile;
    } catch (error) {
      if (isSessionProblem(error)) return null;
      throw error;
    }
  }, [setAccount]);

  const logout = useCallback(async () => {
    try {
      await identity.logout();
    } catch (error) {
      // Already logged out on the server (or offline): forget the session here all the same.
      if (!isApiProblem(error)) throw error;
    }
    clearSession();
  }, [clearSession]);

  /**
   * Opens the prompt (one at a time: parallel requests share it) and resolves with "verified?"; rejects with a
   * redirected VerificationCancelled when the person leaves the prompt for the security settings.
   */
  const verify = useCallback(
    async (problem: ApiProblem | null, enrol: boolean): Promise<boolean> => {
      if (promptRef.current) return promptRef.current.promise;
      if (!accountRef.current) return false;
      try {
        await loadPrompt();
      } catch {
        Toast.show({ content: t('errors.network') });
        return false;
      }
      let resolve: (verified: boolean | 'redirected') => void = () => {};
      const promise = new Promise<boolean | 'redirected'>((r) => {
        resolve = r;
      }).then((outcome) => {
        if (outcome === 'redirected') throw new VerificationCancelled(true);
        return outcome;
      });
      const pending: PendingPrompt = { problem, enrol, resolve, promise };
      promptRef.current = pending;
      setPrompt(pending);
      return promise;
    },
    [t],
  );

  const finishPrompt = useCallback((verified: boolean | 'redirected') => {
    const pending = promptRef.current;
    promptRef.current = null;
    setPrompt(null);
    pending?.resolve(verified);
  }, []);

  const withVerification = useCallback(
    <T,>(fn: () => Promise<T>, options: VerificationOptions = {}) =>
      withStepUp(fn, (problem) => verify(problem, options.enrol === true)),
    [verify],
  );

  const value = useMemo<AuthApi>(
    () => ({ status, account, offlineAccountId, signedIn, setAccount, refresh, logout, withVerification }),
    [status, account, offlineAccountId, signedIn, setAccount, refresh, logout, withVerification],
  );

  return (
    <AuthContext.Provider value={value}>
      {children}
      {prompt && account && (
        <Suspense fallback={null}>
          <VerifyPrompt
            account={account}
            reason={prompt.problem?.detail}
            enrol={prompt.enrol}
            onVerified={(profile) => {
              setAccount(profile);
              finishPrompt(true);
            }}
            onCancel={() => finishPrompt(false)}
            onLeave={(to) => {
              finishPrompt('redirected');
              navigate(to);
            }}
          />
        </Suspense>
      )}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthApi {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/**
 * The content of a page for logged-in citizens only (inside <Page>): others go to the login page and come back
 * here afterwards. `allowOffline`: a page that works from this phone's own data (出示二维码) also opens without a
 * network for the account this device last had a session for (`offlineAccountId`).
 */
export function RequireAuth({ children, allowOffline = false }: { children: ReactNode; allowOffline?: boolean }) {
  const { status, offlineAccountId } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <ListSkeleton rows={3} />;
  if (status === 'out' && allowOffline && offlineAccountId) return <>{children}</>;
  if (status === 'out') return <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />;
  return <>{children}</>;
}
