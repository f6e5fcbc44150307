import { CITIES, type CityCode, type ServiceDetail as Detail, type FaqItem, findCity } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Collapse from 'antd-mobile/es/components/collapse';
import List from 'antd-mobile/es/components/list';
import NoticeBar from 'antd-mobile/es/components/notice-bar';
import Skeleton from 'antd-mobile/es/components/skeleton';
import Tag from 'antd-mobile/es/components/tag';
import { useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/endpoints';
import { CityPickerPopup } from '../components/CityPicker';
import { showServiceComing } from '../components/dialogs';
import { Icon } from '../components/icons';
import { KeyboardAccess } from '../components/KeyboardAccess';
import { Page } from '../components/Page';
import { IconBadge, serviceVisual } from '../components/ServiceIcon';
import { LinkItem } from '../components/ServiceItem';
import { EmptyState, ErrorState } from '../components/States';
import { useApi } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { appliesOnline, applyRoute } from '../lib/apply-services';
import { bookRoute, booksOnline } from '../lib/appointment-services';
import { lookupLabel, SERVICE_LOOKUPS, TOOL_ROUTES } from '../lib/tools';
import { loginPath, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';

export function FaqCollapse({ faqs }: { faqs: readonly FaqItem[] }) {
  const { pick } = useLocale();
  return (
    <KeyboardAccess
      selector=".adm-collapse-panel-header"
      role="button"
      stateAttr="aria-expanded"
      isOn={(el) => el.querySelector('.adm-collapse-arrow-active') !== null}
    >
      <Collapse accordion className="faq-collapse">
        {faqs.map((f) => (
          <Collapse.Panel key={f.id} title={<span className="faq-question">{pick(f.question, f.questionEn)}</span>}>
            <p className="faq-answer">{pick(f.answer, f.answerEn)}</p>
          </Collapse.Panel>
        ))}
      </Collapse>
    </KeyboardAccess>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section className="card detail-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Availability({ service }: { service: Detail }) {
  const { t, name, pick, isEn } = useLocale();
  const { cityInfo, setCity } = usePreferences();
  const sep = isEn ? ', ' : '、';
  const [picking, setPicking] = useState(false);
  const offered = service.availableCities
    .map((code) => findCity(code))
    .filter((c): c is (typeof CITIES)[number] => Boolean(c));
  const everywhere = offered.length >= CITIES.length;

  if (service.available) {
    return (
      <div className="availability-block">
        <NoticeBar
          data-testid="availability"
          color="info"
          wrap
          icon={<Icon name="shield-check" />}
          content={t('detail.availableIn', { city: name(cityInfo) })}
        />
        <p className="availability-cities">
          {everywhere
            ? t('detail.offeredAll')
            : t('detail.offeredIn', { cities: offered.map((c) => name(c)).join(sep) })}
        </p>
      </div>
    );
  }

  const reason = pick(service.unavailableReason ?? '', service.unavailableReasonEn) || t('common.unavailable');
  return (
    <div className="availability-block" role="status">
      <NoticeBar data-testid="availability" color="alert" wrap icon={<Icon name="alert" />} content={reason} />
      <p className="availability-cities">
        {t('detail.unavailableIn', { city: name(cityInfo) })}
        {offered.length > 0 &&
          !everywhere &&
          ` · ${t('detail.offeredIn', { cities: offered.map((c) => name(c)).join(sep) })}`}
      </p>
      {offered.length > 0 && (
        <div className="switch-city-actions">
          {offered.slice(0, 3).map((c) => (
            <Button
              key={c.code}
              color="primary"
              fill="outline"
              size="small"
              onClick={() => setCity(c.code as CityCode)}
            >
              {t('city.switchTo', { city: name(c) })}
            </Button>
          ))}
          {offered.length > 3 && (
            <Button color="primary" fill="none" size="small" onClick={() => setPicking(true)}>
              {t('city.chooseOther')}
            </Button>
          )}
        </div>
      )}
      <CityPickerPopup visible={picking} onClose={() => setPicking(false)} offered={service.availableCities} />
    </div>
  );
}

function DetailSkeleton() {
  const { t } = useLocale();
  return (
    <div className="detail-skeleton" role="status" aria-label={t('common.loading')}>
      <div className="card">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={2} animated />
      </div>
      <div className="card">
        <Skeleton.Paragraph lineCount={5} animated />
      </div>
    </div>
  );
}

/** 服务详情: what the service is, who provides it, whether this city offers it, what is needed, then act. */
export default function ServiceDetailPage() {
  const { id = '' } = useParams();
  const { t, name, pick, isEn } = useLocale();
  const { city } = usePreferences();
  const auth = useAuth();
  const navigate = useNavigate();
  const detail = useApi(`service:${id}:${city}`, (signal) => api.service(id, city, { signal }));
  const s = detail.data;

  if (detail.error) {
    const notFound = detail.error.status === 404;
    return (
      <Page title={t('detail.navTitle')}>
        {notFound ? (
          <EmptyState
            title={t('detail.notFoundTitle')}
            description={isEn ? t('detail.notFoundBody') : detail.error.userMessage || t('detail.notFoundBody')}
            action={
              <Link to="/services" className="adm-button adm-button-primary adm-button-shape-default state-link">
                {t('search.browseAll')}
              </Link>
            }
          />
        ) : (
          <ErrorState problem={detail.error} onRetry={detail.reload} />
        )}
      </Page>
    );
  }

  if (!s) {
    return (
      <Page title={t('detail.navTitle')}>
        <DetailSkeleton />
      </Page>
    );
  }

  const serviceName = name(s);
  const materials = pick(s.materials, s.materialsEn);
  const notes = pick(s.notes, s.notesEn);
  const timeLimit = pick(s.timeLimit, s.timeLimitEn);
  const needsLogin = s.whoMayAct !== 'anyone';
  // A service for a person needs a login first; the online flows themselves arrive in later releases.
  const toolRoute = TOOL_ROUTES[s.id];
  // 在线办理: a service whose application form is in the contracts opens its form (after logging in).
  const applyOnline = appliesOnline(s.id);
  // 在线预约: a service in APPOINTMENT_SERVICES opens its slot picker (after logging in).
  const bookOnline = booksOnline(s.id);
  // What the service issued, looked up (查询我的优待证): beside 在线办理 where the city offers the service.
  const lookup = s.available ? SERVICE_LOOKUPS[s.id] : undefined;
  const onAction = () => {
    if (applyOnline) navigate(auth.status === 'in' ? applyRoute(s.id) : loginPath(applyRoute(s.id)));
    else if (bookOnline) navigate(auth.status === 'in' ? bookRoute(s.id) : loginPath(bookRoute(s.id)));
    else if (toolRoute) navigate(toolRoute);
    else if (needsLogin && auth.status !== 'in') navigate(loginPath(`/services/${encodeURIComponent(s.id)}`));
    else void showServiceComing(t);
  };

  return (
    <Page title={t('detail.navTitle')} ownHeading docTitle={serviceName} className="detail-main has-action-bar">
      <section className="card detail-head">
        <div className="detail-title-row">
          <IconBadge visual={serviceVisual(s)} muted={!s.available} size={48} />
          <div>
            <h1 className="detail-title">{serviceName}</h1>
            <p className="detail-dept">
              <Icon name="shield-check" />
              {t('detail.providedBy', { department: name(s.department) })}
            </p>
          </div>
        </div>
        <ul className="detail-tags">
          <li>
            <Tag color="primary" fill="outline">
              {t(`kind.${s.kind}`)}
            </Tag>
          </li>
          <li>
            <Tag color="default" fill="outline">
              <Icon name="users" /> {t(`who.${s.whoMayAct}`)}
            </Tag>
          </li>
          {s.requiresVerification && (
            <li>
              <Tag color="warning" fill="outline">
                <Icon name="face-scan" /> {t('detail.verification')}
              </Tag>
            </li>
          )}
        </ul>
        <Availability service={s} />
      </section>

      <Section title={t('detail.description')}>
        <p className="detail-text">{pick(s.description, s.descriptionEn)}</p>
      </Section>

      {lookup && (
        <section className="card flush" aria-label={t(lookupLabel(lookup, city, 'label'))}>
          <List>
            <LinkItem
              to={lookup.route}
              prefix={<Icon name="search" className="list-icon" />}
              description={lookup.description ? t(lookup.description) : undefined}
              data-testid="service-lookup"
            >
              {t(lookupLabel(lookup, city, 'label'))}
            </LinkItem>
          </List>
        </section>
      )}

      <Section title={t('detail.facts')}>
        <dl className="detail-facts">
          <div>
            <dt>{t('detail.who')}</dt>
            <dd>{t(`who.${s.whoMayAct}`)}</dd>
          </div>
          <div>
            <dt>{t('detail.verification')}</dt>
            <dd>{s.requiresVerification ? t('detail.verificationRequired') : t('detail.verificationNotRequired')}</dd>
          </div>
          {timeLimit && (
            <div>
              <dt>{t('detail.timeLimit')}</dt>
              <dd>{timeLimit}</dd>
            </div>
          )}
        </dl>
      </Section>

      {materials.length > 0 && (
        <Section title={t('detail.materials')}>
          <ol className="detail-list">
            {materials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
        </Section>
      )}

      {notes.length > 0 && (
        <Section title={t('detail.notes')}>
          <ul className="detail-list notes">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Section>
      )}

      {s.faqs.length > 0 && (
        <Section title={t('detail.faqs')}>
          <FaqCollapse faqs={s.faqs} />
        </Section>
      )}

      <p className="detail-feedback">
        <Link to={`/faq?serviceId=${encodeURIComponent(s.id)}`}>{t('detail.feedback')}</Link>
      </p>

      <div className="action-bar">
        {!s.available && <p className="action-hint">{t('action.unavailableHint')}</p>}
        <Button
          block
          color="primary"
          size="large"
          disabled={!s.available}
          onClick={onAction}
          data-testid="service-action"
        >
          {applyOnline ? t('cases.applyOnline') : bookOnline ? t('appointments.bookOnline') : t(`action.${s.kind}`)}
        </Button>
      </div>
    </Page>
  );
}
