import { CREDIT_SUBSCRIPTION_LIMIT, type CreditSubscription } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Toast from 'antd-mobile/es/components/toast';
import { useId } from 'react';
import { Link } from 'react-router';
import { isVerificationCancelled } from '../api/client';
import { credit } from '../api/credit';
import { Page } from '../components/Page';
import { LinkItem } from '../components/ServiceItem';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { formatDate } from '../lib/delegation';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import './credit.css';

function Row({ s, onRemove }: { s: CreditSubscription; onRemove: () => void }) {
  const { t, lang } = useLocale();
  return (
    <li className="credit-sub-row" data-testid="credit-subscription">
      <LinkItem
        to={`/credit/${s.uscc}`}
        description={
          <>
            <span className="credit-code">{s.uscc}</span>
            <br />
            {s.lastChange
              ? t('credit.lastChange', { item: s.lastChange.item, date: formatDate(s.lastChange.changedAt, lang) })
              : `${t('credit.subscribedOn', { date: formatDate(s.subscribedAt, lang) })} · ${t('credit.noChangeYet')}`}
          </>
        }
      >
        <span className="credit-name">{s.name}</span>
      </LinkItem>
      <Button size="small" onClick={onRemove} aria-label={`${t('credit.unsubscribe')} ${s.name}`}>
        {t('credit.unsubscribe')}
      </Button>
    </li>
  );
}

function Subscriptions() {
  const { t } = useLocale();
  const auth = useAuth();
  // behind a fresh verification; a citizen who cancels goes back (the hook)
  const { data, problem, reload, setData } = useVerifiedLoad(() => credit.subscriptions(), []);
  const listId = useId();

  const remove = async (s: CreditSubscription) => {
    const ok = await Dialog.confirm({
      content: t('credit.unsubscribeConfirm', { name: s.name }),
      confirmText: t('credit.unsubscribe'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await auth.withVerification(() => credit.unsubscribe(s.uscc));
      if (data) setData({ ...data, items: data.items.filter((x) => x.uscc !== s.uscc) });
      Toast.show({ content: t('credit.unsubscribeDone') });
    } catch (e) {
      if (!isVerificationCancelled(e)) void Dialog.alert({ content: errorText(e, t), confirmText: t('common.gotIt') });
    }
  };

  if (problem) return <ErrorState problem={problem} title={t('credit.failed')} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={3} />;
  if (data.items.length === 0) {
    return (
      <EmptyState
        title={t('credit.noSubscriptions')}
        description={t('credit.noSubscriptionsDesc')}
        action={
          <Link to="/credit" className="state-link">
            {t('credit.goSearch')}
          </Link>
        }
      />
    );
  }
  return (
    <section aria-labelledby={listId} data-testid="credit-subscriptions">
      <h2 id={listId} className="credit-count">
        {t('credit.subscriptionsCount', { count: data.items.length, limit: data.limit })}
      </h2>
      <ul className="credit-results adm-list">
        {data.items.map((s) => (
          <Row key={s.uscc} s={s} onRemove={() => void remove(s)} />
        ))}
      </ul>
    </section>
  );
}

/** 我的信用订阅 (信用信息订阅, F3): the entities I follow, behind a fresh verification. */
export default function CreditSubscriptions() {
  const { t } = useLocale();
  return (
    <Page title={t('credit.subscriptionsTitle')}>
      <p className="page-intro">{t('credit.subscriptionsIntro', { limit: CREDIT_SUBSCRIPTION_LIMIT })}</p>
      <RequireAuth>
        <Subscriptions />
      </RequireAuth>
    </Page>
  );
}
