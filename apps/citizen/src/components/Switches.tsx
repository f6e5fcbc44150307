import Button from 'antd-mobile/es/components/button';
import Switch from 'antd-mobile/es/components/switch';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../state/preferences';
import { KeyboardAccess } from './KeyboardAccess';

/** 关怀模式: larger text and targets. One on the home page, one in 我的. */
export function CareSwitch({ showLabel = true, className }: { showLabel?: boolean; className?: string }) {
  const { t } = useTranslation();
  const { care, setCare } = usePreferences();
  return (
    <KeyboardAccess selector=".adm-switch" className={['care-switch', className].filter(Boolean).join(' ')}>
      {showLabel && (
        <span className="care-switch-label" aria-hidden="true">
          {t('care.label')}
        </span>
      )}
      <Switch checked={care} onChange={setCare} aria-label={t('care.label')} data-testid="care-switch" />
    </KeyboardAccess>
  );
}

/** 中文 ⇄ English. A button that names the other language. */
export function LangSwitch() {
  const { t } = useTranslation();
  const { lang, setLang } = usePreferences();
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      size="small"
      color="primary"
      fill="outline"
      className="lang-switch"
      data-testid="lang-switch"
      onClick={() => setLang(other)}
    >
      <span className="visually-hidden">{t('lang.switchPrefix')}</span>
      <span lang={other}>{t('lang.switchTo')}</span>
    </Button>
  );
}
