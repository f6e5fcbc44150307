import { CREDIT_SUBSCRIPTION_LIMIT, type CreditSubscription, type CreditSubscriptionList } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { credit } from '../api/credit';
import { Page, useGoBack } from '../components/Page';
import { LinkItem } from '../components/ServiceItem';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
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
  const goBack = useGoBack();
  const [data, setData] = useState<CreditSubscriptionList | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const listId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on retry only
  useEffect(() => {
    let live = true;
    setProblem(null);
    auth
      .withVerification(() => credit.subscriptions())
      .then(
        (d) => live && setData(d),
        (e: unknown) => {
          if (!live) return;
          if (isVerificationCancelled(e)) {
            if (!e.redirected) goBack();
            return;
          }
          if (isApiProblem(e)) setProblem(e);
        },
      );
    return () => {
      live = false;
    };
  }, [attempt]);

  const remove = async (s: CreditSubscription) => {
    const ok = await Dialog.confirm({
      content: t('credit.unsubscribeConfirm', { name: s.name }),
      confirmText: t('credit.unsubscribe'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await auth.withVerification(() => credit.unsubscribe(s.uscc));
      setData((d) => (d ? { ...d, items: d.items.filter((x) => x.uscc !== s.uscc) } : d));
      Toast.show({ content: t('credit.unsubscribeDone') });
    } catch (e) {
      if (!isVerificationCancelled(e)) void Dialog.alert({ content: errorText(e, t), confirmText: t('common.gotIt') });
    }
  };

  if (problem)
    return <ErrorState problem={problem} title={t('credit.failed')} onRetry={() => setAttempt((n) => n + 1)} />;
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
