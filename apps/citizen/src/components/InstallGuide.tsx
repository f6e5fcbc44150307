import Popup from 'antd-mobile/es/components/popup';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isIos } from '../pwa/install';

/** How to add the app to the home screen, for the browser at hand (iOS Safari first when on iOS). */
export function InstallGuide({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const ios = (
    <section key="ios">
      <h3>{t('install.iosTitle')}</h3>
      <ol>
        <li>{t('install.ios1')}</li>
        <li>{t('install.ios2')}</li>
        <li>{t('install.ios3')}</li>
      </ol>
    </section>
  );
  const android = (
    <section key="android">
      <h3>{t('install.androidTitle')}</h3>
      <ol>
        <li>{t('install.android1')}</li>
        <li>{t('install.android2')}</li>
      </ol>
    </section>
  );
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} showCloseButton bodyClassName="sheet">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="install-guide">
        <h2 id={titleId}>{t('install.title')}</h2>
        <p>{t('install.intro')}</p>
        {isIos() ? [ios, android] : [android, ios]}
        <p className="install-note">{t('install.wechat')}</p>
      </div>
    </Popup>
  );
}
