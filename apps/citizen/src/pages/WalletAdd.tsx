import type { WalletTypeInfo } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import SpinLoading from 'antd-mobile/es/components/spin-loading';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { api } from '../api/endpoints';
import { walletApi } from '../api/wallet';
import { CityPicker } from '../components/CityPicker';
import { Page } from '../components/Page';
import { ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { linkCertificate } from '../lib/wallet/holder';
import { useWalletNames } from '../lib/wallet/names';
import { RequireAuth, safeNext, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './wallet.css';

/** The service's notes, without the linking steps (the guide's advice: 切换城市, 二代社保卡 …). */
function useAdvice(serviceId: string, city: string) {
  const { isEn } = useLocale();
  const service = useApi(`service:${serviceId}:${city}`, (signal) => api.service(serviceId, city, { signal }));
  const notes = service.data?.notes ?? [];
  // notesEn is the same list in English, note for note (the catalog's rule); the Chinese decides what to keep
  const en = service.data?.notesEn ?? [];
  const keep = notes.map((n, i) => ({ zh: n, shown: isEn && en.length === notes.length ? (en[i] ?? n) : n }));
  return keep.filter((n) => !n.zh.includes('授权关联'));
}

function LinkFailed({ type, problem, onRetry }: { type: WalletTypeInfo; problem: ApiProblem; onRetry: () => void }) {
  const { t } = useLocale();
  const { city } = usePreferences();
  const advice = useAdvice(type.serviceId, city);
  return (
    <section className="card" data-testid="wallet-link-failed">
      <ErrorState problem={problem} title={t('wallet.linkFailed')} onRetry={onRetry} />
      {advice.length > 0 && (
        <>
          <h2 className="section-title">{t('wallet.advice')}</h2>
          <ul>
            {advice.map((a) => (
              <li key={a.zh}>{a.shown}</li>
            ))}
          </ul>
        </>
      )}
      {(problem.code === 'SERVICE_NOT_IN_CITY' || advice.some((a) => a.zh.includes('切换'))) && (
        <p>
          {t('wallet.switchCity')}: <CityPicker />
        </p>
      )}
    </section>
  );
}

function Confirm({ type, next, onBack }: { type: WalletTypeInfo; next: string | null; onBack: () => void }) {
  const { t, pick } = useLocale();
  const names = useWalletNames();
  const typeName = names.type(type.type, type.name);
  const issuerName = names.issuer(type.issuer);
  const auth = useAuth();
  const navigate = useNavigate();
  const { city } = usePreferences();
  const [state, setState] = useState<'idle' | 'linking' | ApiProblem>('idle');
  const headingId = useId();

  const start = async () => {
    setState('linking');
    try {
      const stored = await linkCertificate(auth.withVerification, auth.account?.id ?? '', type.type, city);
      Toast.show({ content: t('wallet.linkedToast'), icon: 'success' });
      // back to the service that asked for the link (开通医保支付, 养老资格认证), else to the certificate
      navigate(safeNext(next, `/wallet/${stored.linkId}`), { replace: true });
    } catch (e) {
      if (isVerificationCancelled(e)) return setState('idle');
      setState(isApiProblem(e) ? e : (new Error(String(e)) as unknown as ApiProblem));
    }
  };

  if (state === 'linking') {
    return (
      <section className="card state-block" role="status" aria-live="polite" data-testid="wallet-linking">
        <SpinLoading />
        <p>{t('wallet.linking', { issuer: issuerName })}</p>
      </section>
    );
  }
  if (typeof state === 'object') return <LinkFailed type={type} problem={state} onRetry={start} />;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('wallet.confirmTitle', { name: typeName })}
      </h2>
      <p>{t('wallet.confirmBody', { issuer: issuerName })}</p>
      {!type.available && (
        <p className="wl-notice">
          {t('wallet.unavailable', {
            name: typeName,
            reason: pick(type.unavailableReason, type.unavailableReasonEn),
          })}
        </p>
      )}
      <div className="wl-actions">
        <Button color="primary" block onClick={start} data-testid="wallet-authorise">
          {t('wallet.authorise')}
        </Button>
        <Button block onClick={onBack}>
          {t('common.back')}
        </Button>
      </div>
    </section>
  );
}

function Picker() {
  const { t } = useLocale();
  const names = useWalletNames();
  const { city } = usePreferences();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [pinyinHits, setPinyinHits] = useState<Set<string>>(new Set());
  const types = useApi(`wallet-types:${city}`, (signal) => walletApi.types(city, { signal }));
  const links = useApi('wallet-links', (signal) => walletApi.links({ signal }).catch(() => null));
  const inputId = useId();

  // Pinyin and initials (jsz, jiashizheng) through the catalog's search index.
  useEffect(() => {
    const query = q.trim();
    if (!query) return setPinyinHits(new Set());
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api
        .search(query, city, 50, { signal: ctl.signal })
        .then((hits) => setPinyinHits(new Set(hits.map((h) => h.service.id))))
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, city]);

  if (types.error) return <ErrorState problem={types.error} onRetry={types.reload} />;
  if (!types.data) return <ListSkeleton rows={4} />;
  const next = params.get('next');
  const keepNext = next ? { next } : undefined;
  const chosen = types.data.types.find((x) => x.type === params.get('type'));
  if (chosen) return <Confirm type={chosen} next={next} onBack={() => setParams({ ...keepNext }, { replace: true })} />;

  const linked = new Set(links.data?.links.map((l) => l.type) ?? []);
  const query = q.trim().toLowerCase();
  const shown = types.data.types.filter(
    (x) =>
      !query ||
      x.name.toLowerCase().includes(query) ||
      x.nameEn.toLowerCase().includes(query) ||
      x.keywords.some((k) => k.toLowerCase().includes(query)) ||
      pinyinHits.has(x.serviceId),
  );
  return (
    <section className="card">
      <label htmlFor={inputId} className="field-label">
        {t('wallet.searchLabel')}
      </label>
      <input
        id={inputId}
        type="search"
        className="wl-search"
        value={q}
        placeholder={t('wallet.searchPlaceholder')}
        onChange={(e) => setQ(e.target.value)}
        data-testid="wallet-type-search"
      />
      {shown.length === 0 ? (
        <p role="status">{t('wallet.noMatch')}</p>
      ) : (
        <ul className="wl-types">
          {shown.map((x) => (
            <li key={x.type}>
              <button
                type="button"
                className="wl-type"
                onClick={() => setParams({ ...keepNext, type: x.type })}
                data-testid={`wallet-type-${x.type}`}
              >
                <span>
                  <strong>{names.type(x.type, x.name)}</strong>
                  <br />
                  <span className="wl-type-meta">{names.issuer(x.issuer)}</span>
                </span>
                <span className="wl-type-meta">
                  {linked.has(x.type) ? t('wallet.linked') : !x.available ? t('wallet.notOffered') : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 我的证照 → "+": search the certificate types, choose one, 授权关联 (the department is read now). */
export default function WalletAdd() {
  const { t } = useLocale();
  return (
    <Page title={t('wallet.addTitle')}>
      <p className="page-intro">{t('wallet.addIntro')}</p>
      <RequireAuth>
        <Picker />
      </RequireAuth>
    </Page>
  );
}
