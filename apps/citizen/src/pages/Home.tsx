import { type CatalogEntry, SERVICE_GROUPS, ZONES } from '@yss/contracts';
import Skeleton from 'antd-mobile/es/components/skeleton';
import { useId } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/endpoints';
import { CityPicker } from '../components/CityPicker';
import { Icon } from '../components/icons';
import { useDocumentTitle } from '../components/Page';
import { GroupIcon, IconBadge, serviceVisual, ZoneIcon } from '../components/ServiceIcon';
import { useReason } from '../components/ServiceItem';
import { ErrorState, GridSkeleton } from '../components/States';
import { CareSwitch } from '../components/Switches';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { FREQUENT_SERVICE_NAMES, findByNames } from '../lib/catalog';
import { loginPath, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';

/** How many linkable certificate types the home card lists before "全部". */
const CERTIFICATE_CHIPS = 8;

function FrequentTile({ service }: { service: CatalogEntry }) {
  const { t, name } = useLocale();
  const reason = useReason()(service);
  return (
    <Link
      to={`/services/${encodeURIComponent(service.id)}`}
      className={`tile${service.available ? '' : ' unavailable'}`}
      data-testid="service-item"
      data-service-id={service.id}
      data-available={String(service.available)}
    >
      <IconBadge visual={serviceVisual(service)} muted={!service.available} />
      <span className="tile-label">{name(service)}</span>
      {!service.available && <span className="reason-badge">{reason ?? t('common.unavailable')}</span>}
    </Link>
  );
}

/** 请登录, or 您好，张* once logged in (masked name; the masked phone before 实名认证). */
function LoginCard() {
  const { t } = useLocale();
  const { status, account } = useAuth();
  if (status === 'in' && account) {
    const who = account.realName?.nameMasked ?? account.phoneMasked;
    return (
      <section className="card login-card" aria-label={t('me.title')}>
        <Link to="/me" className="login-entry">
          <Icon name="user-circle" className="login-avatar" />
          <span className="login-text">
            <strong className="login-title" data-testid="greeting">
              {t('home.greeting', { name: who })}
            </strong>
            <span className="login-desc">{account.realName ? t('home.greetingDesc') : t('home.realNameNeeded')}</span>
          </span>
          <Icon name="right" className="login-arrow" />
        </Link>
      </section>
    );
  }
  if (status === 'loading') {
    // Same footprint as the card it becomes: no jump from 请登录 to the greeting.
    return (
      <section className="card login-card" aria-busy="true" aria-label={t('common.loading')}>
        <div className="login-entry">
          <Icon name="user-circle" className="login-avatar" />
          <span className="login-text">
            <Skeleton.Title animated className="login-skeleton-title" />
            <Skeleton animated className="login-skeleton-line" />
          </span>
        </div>
      </section>
    );
  }
  return (
    <section className="card login-card" aria-label={t('login.prompt')}>
      <Link to={loginPath('/')} className="login-entry">
        <Icon name="user-circle" className="login-avatar" />
        <span className="login-text">
          <strong className="login-title">{t('login.prompt')}</strong>
          <span className="login-desc">{t('login.promptDesc')}</span>
        </span>
        <Icon name="right" className="login-arrow" />
      </Link>
    </section>
  );
}

export default function Home() {
  const { t, name } = useLocale();
  const { city } = usePreferences();
  const auth = useAuth();
  const navigate = useNavigate();
  useDocumentTitle(undefined);
  const catalog = useApi(`catalog:${city}`, (signal) => api.catalog(city, {}, { signal }));
  const certsId = useId();
  const freqId = useId();
  const zonesId = useId();
  const groupsId = useId();

  const frequent = catalog.data ? findByNames(catalog.data, FREQUENT_SERVICE_NAMES) : [];
  const certificates = catalog.data?.filter((s) => s.group === 'zhengzhao') ?? [];
  // The chips say "can be linked": only what the chosen city offers (公积金 not in 东莞/惠州/揭阳); 全部 lists every
  // type with its city rule.
  const linkable = certificates.filter((s) => s.available);

  return (
    <>
      <header className="home-hero">
        <div className="hero-top">
          <CityPicker variant="hero" />
          <CareSwitch className="hero-care" />
        </div>
        <h1 className="hero-title">{t('app.name')}</h1>
        <p className="hero-tagline">{t('app.tagline')}</p>
        <Link to="/search" className="hero-search" aria-label={t('home.searchPlaceholder')}>
          <Icon name="search" />
          <span>{t('home.searchPlaceholder')}</span>
        </Link>
      </header>
      <main id="main" tabIndex={-1} className="page-main home-main">
        <LoginCard />

        <section className="card" aria-labelledby={certsId}>
          <div className="section-head">
            <h2 id={certsId}>{t('home.certificates')}</h2>
            <button
              type="button"
              className="icon-button"
              aria-label={t('home.addCertificate')}
              onClick={() => navigate(auth.status === 'in' ? '/wallet/add' : loginPath('/wallet/add'))}
              data-testid="home-add-certificate"
            >
              <Icon name="plus" />
            </button>
          </div>
          {auth.status === 'in' ? (
            <p className="cert-hint">
              <Link to="/wallet" data-testid="home-wallet-link">
                {t('home.certificatesSoon')}
              </Link>
            </p>
          ) : (
            <p className="cert-hint">{t('home.certificatesHint')}</p>
          )}
          {linkable.length > 0 && (
            <>
              <p className="cert-desc">{t('home.certificatesDesc')}</p>
              <ul className="chip-list" data-testid="home-certificate-chips">
                {linkable.slice(0, CERTIFICATE_CHIPS).map((c) => (
                  <li key={c.id}>
                    <Link to={`/services/${encodeURIComponent(c.id)}`} className="chip">
                      {name(c).replace(/^关联/, '')}
                    </Link>
                  </li>
                ))}
                {certificates.length > Math.min(linkable.length, CERTIFICATE_CHIPS) && (
                  <li>
                    <Link to="/groups/zhengzhao" className="chip more">
                      {t('home.moreCertificates', { count: certificates.length })}
                    </Link>
                  </li>
                )}
              </ul>
            </>
          )}
        </section>

        <section className="card" aria-labelledby={freqId}>
          <div className="section-head">
            <h2 id={freqId}>{t('home.frequent')}</h2>
          </div>
          {catalog.error ? (
            <ErrorState problem={catalog.error} onRetry={catalog.reload} />
          ) : catalog.loading ? (
            <GridSkeleton items={8} />
          ) : (
            <div className="tile-grid">
              {frequent.map((s) => (
                <FrequentTile key={s.id} service={s} />
              ))}
            </div>
          )}
        </section>

        <section className="card" aria-labelledby={zonesId}>
          <div className="section-head">
            <h2 id={zonesId}>{t('home.zones')}</h2>
          </div>
          <ul className="zone-list">
            {ZONES.map((z) => (
              <li key={z.id}>
                <Link to={`/zones/${z.id}`} className="zone-card">
                  <ZoneIcon zone={z.id} size={40} />
                  <span className="zone-name">{name(z)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby={groupsId}>
          <div className="section-head">
            <h2 id={groupsId}>{t('home.groups')}</h2>
            <Link to="/services" className="section-more" aria-label={t('home.allServicesLabel')}>
              {t('home.allServices')}
              <Icon name="right" />
            </Link>
          </div>
          <div className="tile-grid groups">
            {SERVICE_GROUPS.map((g) => (
              <Link key={g.id} to={`/groups/${g.id}`} className="tile">
                <GroupIcon group={g.id} />
                <span className="tile-label">{name(g)}</span>
              </Link>
            ))}
          </div>
        </section>
      </main>
    </>
  );
}
