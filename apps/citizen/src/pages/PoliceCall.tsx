import { Page } from '../components/Page';
import { useLocale } from '../i18n/localize';

/**
 * 一键报警 (D5): the app cannot place a call itself; a tel: link hands 110 to the phone's dialler, with what to say
 * and how to stay safe. No login: anyone in an emergency may use it.
 */
export default function PoliceCall() {
  const { t } = useLocale();
  const guide = Object.values(t('transport.police.guide', { returnObjects: true }) as Record<string, string>);
  const safety = Object.values(t('transport.police.safety', { returnObjects: true }) as Record<string, string>);
  return (
    <Page title={t('transport.police.title')}>
      <p className="page-intro">{t('transport.police.intro')}</p>
      <section className="card">
        <a
          href="tel:110"
          className="adm-button adm-button-danger adm-button-block adm-button-large"
          aria-label={t('transport.police.callLabel')}
          data-testid="call-110"
        >
          {t('transport.police.call')}
        </a>
        <p className="field-help">{t('transport.police.trafficAccident')}</p>
      </section>
      <section className="card" aria-labelledby="police-guide">
        <h2 className="section-title" id="police-guide">
          {t('transport.police.guideTitle')}
        </h2>
        <ol>
          {guide.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="police-safety">
        <h2 className="section-title" id="police-safety">
          {t('transport.police.safetyTitle')}
        </h2>
        <ul>
          {safety.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="police-other">
        <h2 className="section-title" id="police-other">
          {t('transport.police.other')}
        </h2>
        <ul className="link-list">
          <li>
            <a href="tel:122" data-testid="call-122">
              {t('transport.police.call122')}
            </a>
          </li>
          <li>
            <a href="tel:120">{t('transport.police.call120')}</a>
          </li>
          <li>
            <a href="tel:119">{t('transport.police.call119')}</a>
          </li>
        </ul>
      </section>
    </Page>
  );
}
