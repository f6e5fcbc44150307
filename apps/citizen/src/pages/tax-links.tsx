import { Link } from 'react-router';
import { useLocale } from '../i18n/localize';
// The links' layout (a column with the page's side margins): this page may be the first to need it.
import '../components/problem.css';

/** Links between the tax pages: 完税证明查询 and 车船税缴款. */
export function TaxPageLinks({ current }: { current: 'purchase' | 'certificates' | 'vehicle' }) {
  const { t } = useLocale();
  const links = [
    { key: 'purchase', to: '/tax/purchase-tax', text: t('dues.purchaseTax.purchaseTaxLink') },
    { key: 'certificates', to: '/tax/purchase-tax/certificates', text: t('dues.purchaseTax.certificatesLink') },
    { key: 'vehicle', to: '/tax/vehicle-tax', text: t('dues.purchaseTax.vehicleTaxLink') },
  ].filter((l) => l.key !== current);
  return (
    <nav className="problem-actions" aria-label={t('dues.purchaseTax.title')}>
      {links.map((l) => (
        <Link key={l.key} to={l.to} className="state-link" data-testid={`tax-link-${l.key}`}>
          {l.text}
        </Link>
      ))}
    </nav>
  );
}
