import { Link } from 'react-router';
import { Page } from '../components/Page';
import { EmptyState } from '../components/States';
import { useLocale } from '../i18n/localize';

export default function NotFound() {
  const { t } = useLocale();
  return (
    <Page title={t('errors.notFoundTitle')}>
      <EmptyState
        title={t('errors.notFoundTitle')}
        description={t('errors.notFoundBody')}
        action={
          <Link to="/" className="adm-button adm-button-primary state-link">
            {t('common.home')}
          </Link>
        }
      />
    </Page>
  );
}
