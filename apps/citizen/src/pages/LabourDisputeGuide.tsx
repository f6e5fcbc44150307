import { LABOUR_DISPUTE_GUIDE } from '@yss/contracts';
import { useId } from 'react';
import { Link } from 'react-router';
import { Page } from '../components/Page';
import { useLocale } from '../i18n/localize';
import { LINKED_SERVICES } from './legal-shared';
import './legal.css';

const CALCULATOR = 'jiaban-gongzi-jisuanqi';

/** Where a step's link goes: the calculator opens itself, the applications their service pages. */
function routeOf(serviceId: string): string {
  return serviceId === CALCULATOR ? '/tools/overtime-pay' : `/services/${encodeURIComponent(serviceId)}`;
}

/** 调解仲裁办理流程及办事须知 (F6): the process step by step, the notices, and the overtime pay calculator. */
export default function LabourDisputeGuide() {
  const { t, pick, isEn } = useLocale();
  const processId = useId();
  const noticesId = useId();
  const linkText = (serviceId: string) => {
    const s = LINKED_SERVICES[serviceId];
    if (serviceId === CALCULATOR) return t('legal.guide.calculator');
    return `${t('legal.guide.open')} · ${s ? (isEn ? s.en : s.zh) : serviceId}`;
  };
  return (
    <Page title={t('legal.guide.title')}>
      <p className="card legal-muted">{t('legal.guide.intro')}</p>
      <section className="card" aria-labelledby={processId}>
        <h2 id={processId}>{t('legal.guide.process')}</h2>
        <ol className="legal-steps">
          {LABOUR_DISPUTE_GUIDE.process.map((step, i) => (
            <li key={step.title}>
              <h3 className="legal-step-title">
                {i + 1}. {pick(step.title, step.titleEn)}
              </h3>
              <p className="legal-step-body">{pick(step.body, step.bodyEn)}</p>
              {step.serviceId && <Link to={routeOf(step.serviceId)}>{linkText(step.serviceId)}</Link>}
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby={noticesId}>
        <h2 id={noticesId}>{t('legal.guide.notices')}</h2>
        <ul className="legal-steps">
          {LABOUR_DISPUTE_GUIDE.notices.map((n) => (
            <li key={n.title}>
              <h3 className="legal-step-title">{pick(n.title, n.titleEn)}</h3>
              <p className="legal-step-body">{pick(n.body, n.bodyEn)}</p>
              {n.serviceId && (
                <Link to={routeOf(n.serviceId)} data-testid="calculator-link">
                  {linkText(n.serviceId)}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </section>
      <p className="legal-muted">{t('legal.guide.source')}</p>
    </Page>
  );
}
