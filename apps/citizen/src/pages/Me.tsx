import type { RevealedIdentity } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import List from 'antd-mobile/es/components/list';
import Skeleton from 'antd-mobile/es/components/skeleton';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isVerificationCancelled } from '../api/client';
import { identity } from '../api/identity';
import { InstallGuide } from '../components/InstallGuide';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { LinkItem } from '../components/ServiceItem';
import { CareSwitch, LangSwitch } from '../components/Switches';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { promptInstall, useInstallState } from '../pwa/install';
import { loginPath, useAuth } from '../state/auth';

const VERSION = '0.1.0';
/** How long revealed personal data stays on screen. */
const REVEAL_SECONDS = 30;

/** A list row that runs an action (a real <button>, drawn as an antd-mobile List.Item). */
function ButtonItem({
  prefix,
  title,
  description,
  onClick,
  testId,
}: {
  prefix: React.ReactNode;
  title: string;
  description?: string;
  onClick: () => void;
  testId?: string;
}) {
  return (
    <button type="button" className="adm-list-item adm-plain-anchor button-item" onClick={onClick} data-testid={testId}>
      <div className="adm-list-item-content">
        <div className="adm-list-item-content-prefix">{prefix}</div>
        <div className="adm-list-item-content-main">
          {title}
          {description && <div className="adm-list-item-description">{description}</div>}
        </div>
        <div className="adm-list-item-content-arrow" aria-hidden="true">
          <Icon name="right" />
        </div>
      </div>
    </button>
  );
}

/** The logged-in citizen: masked name, phone and ID number, with a tap-to-reveal after verification. */
function ProfileCard() {
  const { t } = useLocale();
  const auth = useAuth();
  const account = auth.account;
  const [revealed, setRevealed] = useState<RevealedIdentity | null>(null);
  const [left, setLeft] = useState(0);
  const [busy, setBusy] = useState(false);

  // Hide again after 30 s, or as soon as the page is hidden (app switched, phone locked).
  useEffect(() => {
    if (!revealed) return;
    const until = Date.now() + REVEAL_SECONDS * 1000;
    setLeft(REVEAL_SECONDS);
    const timer = setInterval(() => {
      const s = Math.ceil((until - Date.now()) / 1000);
      if (s <= 0) setRevealed(null);
      else setLeft(s);
    }, 1000);
    const onHide = () => document.visibilityState === 'hidden' && setRevealed(null);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [revealed]);

  if (!account) return null;
  const realName = account.realName;

  const toggle = async () => {
    if (revealed) {
      setRevealed(null);
      return;
    }
    setBusy(true);
    try {
      setRevealed(await auth.withVerification(() => identity.reveal()));
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t), duration: 3000 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card me-profile" aria-label={t('me.profile')}>
      <Icon name="user-circle" className="me-avatar" />
      <div className="me-profile-text">
        <p className="me-name" data-testid="masked-name">
          {revealed?.name ?? realName?.nameMasked ?? t('me.noRealName')}
        </p>
        <dl className="me-facts">
          <div>
            <dt>{t('me.phone')}</dt>
            <dd>{revealed?.phone ?? account.phoneMasked}</dd>
          </div>
          {realName && (
            <div>
              <dt>{t('me.idNumber')}</dt>
              <dd data-testid="masked-id">{revealed?.idNumber ?? realName.idNumberMasked}</dd>
            </div>
          )}
        </dl>
        {revealed && (
          <p className="me-reveal-note" role="status">
            {t('me.revealNote', { seconds: String(left) })}
          </p>
        )}
      </div>
      {realName && (
        <button
          type="button"
          className="icon-button reveal-button"
          aria-pressed={revealed !== null}
          aria-label={revealed ? t('me.hide') : t('me.reveal')}
          disabled={busy}
          onClick={toggle}
          data-testid="reveal-toggle"
        >
          <Icon name={revealed ? 'eye-off' : 'eye'} />
        </button>
      )}
    </section>
  );
}

function AccountSection() {
  const { t } = useLocale();
  const { account } = useAuth();
  const headingId = useId();
  if (!account) return null;
  return (
    <section className="card flush" aria-labelledby={headingId}>
      <h2 id={headingId} className="list-heading">
        {t('me.account')}
      </h2>
      <List>
        <LinkItem
          to="/me/real-name"
          prefix={<Icon name="id-card" className="list-icon" />}
          description={account.realName ? t('me.realNameDoneDesc') : t('me.realNameTodoDesc')}
          extra={
            account.realName ? (
              <Tag color="success" fill="outline">
                {t('me.realNameDone')}
              </Tag>
            ) : (
              <Tag color="warning" fill="outline">
                {t('me.realNameTodo')}
              </Tag>
            )
          }
          data-testid="realname-entry"
        >
          {t('realName.title')}
        </LinkItem>
        <LinkItem
          to="/me/security"
          prefix={<Icon name="face-scan" className="list-icon" />}
          description={t('me.securityDesc', { method: t(`login.method.${account.defaultLoginMethod}`) })}
        >
          {t('security.title')}
        </LinkItem>
        <LinkItem
          to="/wallet"
          prefix={<Icon name="id-card" className="list-icon" />}
          description={t('wallet.intro')}
          data-testid="wallet-entry"
        >
          {t('wallet.title')}
        </LinkItem>
        <LinkItem
          to="/cases"
          prefix={<Icon name="document" className="list-icon" />}
          description={t('cases.list.entryDesc')}
          data-testid="cases-entry"
        >
          {t('cases.list.title')}
        </LinkItem>
        <LinkItem
          to="/appointments"
          prefix={<Icon name="calendar" className="list-icon" />}
          description={t('appointments.list.entryDesc')}
          data-testid="appointments-entry"
        >
          {t('appointments.list.title')}
        </LinkItem>
        <LinkItem
          to="/coach/orders"
          prefix={<Icon name="bus" className="list-icon" />}
          description={t('coach.orders.entryDesc')}
          data-testid="coach-orders-entry"
        >
          {t('coach.orders.title')}
        </LinkItem>
        <LinkItem
          to="/me/payments"
          prefix={<Icon name="receipt" className="list-icon" />}
          description={t('payments.list.entryDesc')}
          data-testid="payments-entry"
        >
          {t('payments.list.title')}
        </LinkItem>
        <LinkItem
          to="/me/family"
          prefix={<Icon name="users" className="list-icon" />}
          description={t('me.familyDesc')}
          data-testid="family-entry"
        >
          {t('me.family')}
        </LinkItem>
        <LinkItem
          to="/me/access-log"
          prefix={<Icon name="clock" className="list-icon" />}
          description={t('me.accessLogDesc')}
        >
          {t('accessLog.title')}
        </LinkItem>
      </List>
    </section>
  );
}

/** 我的 (个人中心): the account (or the login entry), settings, help and the app itself. */
export default function Me() {
  const { t } = useLocale();
  const auth = useAuth();
  const navigate = useNavigate();
  const install = useInstallState();
  const [guide, setGuide] = useState(false);
  const settingsId = useId();
  const supportId = useId();
  const careLabelId = useId();

  const onInstall = async () => {
    if (install === 'prompt') {
      const accepted = await promptInstall();
      if (!accepted) setGuide(true);
    } else {
      setGuide(true);
    }
  };

  const showAbout = () =>
    Dialog.alert({
      title: t('me.aboutTitle'),
      content: (
        <div className="about-body">
          <p>{t('me.aboutBody')}</p>
          <p className="about-heading">{t('me.security')}</p>
          <ol>
            <li>{t('me.security1')}</li>
            <li>{t('me.security2')}</li>
            <li>{t('me.security3')}</li>
          </ol>
          <p className="about-version">{t('me.version', { version: VERSION })}</p>
        </div>
      ),
      confirmText: t('common.gotIt'),
    });

  // One tap: logging in again is quick (刷脸), and a shared phone should not keep a session open.
  const logout = async () => {
    await auth.logout();
    Toast.show({ content: t('me.loggedOut') });
    navigate('/me', { replace: true });
  };

  return (
    <Page title={t('me.title')} root>
      {auth.status === 'loading' ? (
        <section className="card me-login" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton animated className="me-avatar-skeleton" />
          <div className="me-login-text">
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={1} animated />
          </div>
        </section>
      ) : auth.status === 'in' ? (
        <>
          <ProfileCard />
          {!auth.account?.realName && (
            <section className="card realname-cta">
              <p className="realname-cta-title">{t('me.realNameCta')}</p>
              <p className="realname-cta-desc">{t('realName.reason')}</p>
              <Link to="/me/real-name" className="state-link realname-cta-button">
                {t('me.realNameStart')}
              </Link>
            </section>
          )}
          <AccountSection />
        </>
      ) : (
        <section className="card me-login" aria-label={t('login.prompt')}>
          <Icon name="user-circle" className="me-avatar" />
          <div className="me-login-text">
            <p className="me-login-title">{t('login.prompt')}</p>
            <p className="me-login-desc">{t('login.promptDesc')}</p>
          </div>
          <Link to={loginPath('/me')} className="state-link me-login-button" data-testid="login-entry">
            {t('login.prompt')}
          </Link>
        </section>
      )}

      <section className="card flush me-settings" aria-labelledby={settingsId}>
        <h2 id={settingsId} className="list-heading">
          {t('me.settings')}
        </h2>
        <List>
          <List.Item
            prefix={<Icon name="smile" className="list-icon" />}
            description={t('care.description')}
            extra={<CareSwitch showLabel={false} />}
          >
            <span id={careLabelId}>{t('care.label')}</span>
          </List.Item>
          <List.Item prefix={<Icon name="globe" className="list-icon" />} extra={<LangSwitch />}>
            {t('lang.label')}
            <span className="lang-current">{t('lang.current')}</span>
          </List.Item>
        </List>
      </section>

      <section className="card flush" aria-labelledby={supportId}>
        <h2 id={supportId} className="list-heading">
          {t('me.support')}
        </h2>
        <List>
          <LinkItem to="/faq" prefix={<Icon name="chat" className="list-icon" />} description={t('me.feedbackDesc')}>
            {t('me.feedback')}
          </LinkItem>
          {install === 'installed' ? (
            <List.Item prefix={<Icon name="install" className="list-icon" />}>{t('me.installed')}</List.Item>
          ) : (
            <ButtonItem
              prefix={<Icon name="install" className="list-icon" />}
              title={t('me.install')}
              description={t('me.installDesc')}
              onClick={onInstall}
            />
          )}
          <LinkItem to="/app-qr" prefix={<Icon name="qr" className="list-icon" />} description={t('me.qrDesc')}>
            {t('me.qr')}
          </LinkItem>
          <ButtonItem prefix={<Icon name="info" className="list-icon" />} title={t('me.about')} onClick={showAbout} />
        </List>
      </section>

      {auth.status === 'in' && (
        <div className="logout-row">
          <Button block size="large" className="logout-button" onClick={logout} data-testid="logout">
            <Icon name="logout" /> {t('me.logout')}
          </Button>
        </div>
      )}
      <InstallGuide visible={guide} onClose={() => setGuide(false)} />
    </Page>
  );
}
