import { type CatalogEntry, SERVICE_GROUPS } from '@yss/contracts';
import List from 'antd-mobile/es/components/list';
import SideBar from 'antd-mobile/es/components/side-bar';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/endpoints';
import { CityPicker } from '../components/CityPicker';
import { Icon } from '../components/icons';
import { KeyboardAccess } from '../components/KeyboardAccess';
import { Page } from '../components/Page';
import { ServiceItem } from '../components/ServiceItem';
import { ErrorState, ListSkeleton } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { availableFirst } from '../lib/catalog';
import { usePreferences } from '../state/preferences';

type Section = { id: string; name: string; services: CatalogEntry[] };

/** 服务: every service of the chosen city, by group, with a side bar to jump between groups. */
export default function Services() {
  const { t, name } = useLocale();
  const { city } = usePreferences();
  const catalog = useApi(`catalog:${city}`, (signal) => api.catalog(city, {}, { signal }));
  const [active, setActive] = useState<string>(SERVICE_GROUPS[0].id);
  const jumping = useRef(false);

  const sections = useMemo<Section[]>(() => {
    const data = catalog.data ?? [];
    return SERVICE_GROUPS.map((g) => ({
      id: g.id,
      name: name(g),
      services: availableFirst(data.filter((s) => s.group === g.id)),
    })).filter((s) => s.services.length > 0);
  }, [catalog.data, name]);

  // Highlight the group being read while scrolling.
  useEffect(() => {
    if (sections.length === 0) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (jumping.current) return;
        const offset = 120;
        let current = sections[0]?.id;
        for (const s of sections) {
          const el = document.getElementById(`group-${s.id}`);
          if (el && el.getBoundingClientRect().top - offset <= 0) current = s.id;
        }
        if (current) setActive(current);
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [sections]);

  const jumpTo = (id: string) => {
    setActive(id);
    const el = document.getElementById(`group-${id}`);
    if (!el) return;
    jumping.current = true;
    const top = el.getBoundingClientRect().top + window.scrollY - 56;
    window.scrollTo({ top, behavior: 'smooth' });
    window.setTimeout(() => {
      jumping.current = false;
    }, 600);
    el.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  };

  return (
    <Page title={t('services.title')} root right={<CityPicker />}>
      <div className="services-search">
        <Link to="/search" className="search-link" aria-label={t('services.searchEntry')}>
          <Icon name="search" />
          <span>{t('services.searchEntry')}</span>
        </Link>
      </div>
      {catalog.error ? (
        <ErrorState problem={catalog.error} onRetry={catalog.reload} />
      ) : catalog.loading ? (
        <ListSkeleton rows={8} />
      ) : (
        <div className="services-layout">
          <nav className="services-nav" aria-label={t('services.groupNav')}>
            <KeyboardAccess
              selector=".adm-side-bar-item"
              role="button"
              stateAttr="aria-current"
              isOn={(el) => el.classList.contains('adm-side-bar-item-active')}
            >
              <SideBar activeKey={active} onChange={jumpTo}>
                {sections.map((s) => (
                  <SideBar.Item key={s.id} title={s.name} />
                ))}
              </SideBar>
            </KeyboardAccess>
          </nav>
          <div className="services-content">
            {sections.map((s) => (
              <section key={s.id} id={`group-${s.id}`} className="services-section" aria-labelledby={`h-${s.id}`}>
                <h2 id={`h-${s.id}`} tabIndex={-1} className="services-section-title">
                  {s.name}
                </h2>
                <List className="service-list">
                  {s.services.map((svc) => (
                    <ServiceItem key={svc.id} service={svc} />
                  ))}
                </List>
              </section>
            ))}
          </div>
        </div>
      )}
    </Page>
  );
}
