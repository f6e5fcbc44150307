import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import List from 'antd-mobile/es/components/list';
import { useId, useState } from 'react';
import { showLoginComing } from '../components/dialogs';
import { InstallGuide } from '../components/InstallGuide';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { LinkItem } from '../components/ServiceItem';
import { CareSwitch, LangSwitch } from '../components/Switches';
import { useLocale } from '../i18n/localize';
import { promptInstall, useInstallState } from '../pwa/install';

const VERSION = '0.1.0';

/** A list row that runs an action (a real <button>, drawn as an antd-mobile List.Item). */
function ButtonItem({
  prefix,
  title,
  description,
  onClick,
}: {
  prefix: React.ReactNode;
  title: string;
  description?: string;
  onClick: () => void;
}) {
  return (
    <button type="button" className="adm-list-item adm-plain-anchor button-item" onClick={onClick}>
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

/** 我的 (个人中心): the login entry (login arrives later), settings, help and the app itself. */
export default function Me() {
  const { t } = useLocale();
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

  return (
    <Page title={t('me.title')} root>
      <section className="card me-login" aria-label={t('login.prompt')}>
        <Icon name="user-circle" className="me-avatar" />
        <div className="me-login-text">
          <p className="me-login-title">{t('login.prompt')}</p>
          <p className="me-login-desc">{t('login.promptDesc')}</p>
        </div>
        <Button color="primary" className="me-login-button" onClick={() => showLoginComing(t)}>
          {t('login.prompt')}
        </Button>
      </section>

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
      <InstallGuide visible={guide} onClose={() => setGuide(false)} />
    </Page>
  );
}
