import { Page } from '../components/Page';
import { EmptyState } from '../components/States';
import { useLocale } from '../i18n/localize';

/** 消息: notifications land here once applications and appointments exist (later issues). */
export default function Inbox() {
  const { t } = useLocale();
  return (
    <Page title={t('inbox.title')} root>
      <EmptyState title={t('inbox.empty')} description={t('inbox.emptyDesc')} />
    </Page>
  );
}
