import type { Notification, NotificationList } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { type ApiProblem, isApiProblem } from '../api/client';
import { inbox } from '../api/credit';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { chinaDateTime } from '../lib/china-time';
import { announceInboxChanged } from '../lib/credit';
import { loginPath, useAuth } from '../state/auth';
import './credit.css';

function when(iso: string, lang: string) {
  return chinaDateTime(iso, lang) ?? iso;
}

function Item({ m, onOpen }: { m: Notification; onOpen: () => void }) {
  const { t, lang } = useLocale();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <li data-testid="inbox-item">
      <button
        type="button"
        className={`inbox-item${m.read ? '' : ' unread'}`}
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => {
          setOpen((o) => !o);
          if (!m.read) onOpen();
        }}
      >
        <span className="inbox-dot" aria-hidden="true" />
        <span className="inbox-main">
          <span className="inbox-title">
            {!m.read && <span className="visually-hidden">{t('credit.inbox.unread')} </span>}
            {m.title}
          </span>
          <span className="inbox-time">{when(m.createdAt, lang)}</span>
          {!open && <span className="inbox-preview">{m.body}</span>}
        </span>
      </button>
      <div id={bodyId} className="inbox-body" hidden={!open} data-testid="inbox-body">
        <p>{m.body}</p>
        {m.link && (
          <Link to={m.link} data-testid="inbox-link">
            {m.kind === 'credit-change'
              ? t('credit.inbox.openSubject')
              : m.kind === 'wallet-status'
                ? t('credit.inbox.openCertificate')
                : m.kind === 'case-update'
                  ? t('credit.inbox.openCase')
                  : m.kind === 'appointment-update'
                    ? t('credit.inbox.openAppointment')
                    : m.kind === 'payment-update'
                      ? t('payments.inbox.openPayment')
                      : m.kind === 'coach-update'
                        ? t('payments.inbox.openCoachOrder')
                        : t('credit.inbox.open')}
          </Link>
        )}
      </div>
    </li>
  );
}

function Messages() {
  const { t } = useLocale();
  const [data, setData] = useState<NotificationList | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const listId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on retry only
  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    inbox.list({ signal: controller.signal }).then(setData, (e: unknown) => {
      if (!controller.signal.aborted && isApiProblem(e)) setProblem(e);
    });
    return () => controller.abort();
  }, [attempt]);

  const markRead = (id: string) => {
    setData((d) =>
      d
        ? {
            ...d,
            unread: Math.max(0, d.unread - 1),
            items: d.items.map((m) => (m.id === id ? { ...m, read: true } : m)),
          }
        : d,
    );
    inbox.markRead(id).then(announceInboxChanged, () => undefined);
  };
  const markAll = () => {
    setData((d) => (d ? { ...d, unread: 0, items: d.items.map((m) => ({ ...m, read: true })) } : d));
    inbox.markAllRead().then(announceInboxChanged, () => setAttempt((n) => n + 1));
  };

  if (problem) return <ErrorState problem={problem} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!data) return <ListSkeleton rows={4} />;
  if (data.items.length === 0)
    return <EmptyState title={t('credit.inbox.empty')} description={t('credit.inbox.emptyDesc')} />;
  return (
    <section aria-labelledby={listId} data-testid="inbox-list">
      <div className="inbox-toolbar">
        <h2 id={listId} aria-live="polite" className="inbox-count">
          {data.unread > 0 ? t('credit.inbox.unreadCount', { count: data.unread }) : t('credit.inbox.listLabel')}
        </h2>
        {data.unread > 0 && (
          <Button size="small" fill="none" color="primary" onClick={markAll} data-testid="inbox-mark-all">
            {t('credit.inbox.markAll')}
          </Button>
        )}
      </div>
      <ul className="inbox-list">
        {data.items.map((m) => (
          <Item key={m.id} m={m} onOpen={() => markRead(m.id)} />
        ))}
      </ul>
    </section>
  );
}

/** 消息: the logged-in citizen's messages (e.g. 信用信息变更提醒), newest first; opening one marks it read. */
export default function Inbox() {
  const { t } = useLocale();
  const auth = useAuth();
  return (
    <Page title={t('inbox.title')} root>
      {auth.status === 'loading' ? (
        <ListSkeleton rows={3} />
      ) : auth.status === 'out' ? (
        <EmptyState
          title={t('credit.inbox.loginTitle')}
          description={t('credit.inbox.loginDesc')}
          action={
            <Link to={loginPath('/inbox')} className="state-link" data-testid="inbox-login">
              {t('credit.inbox.login')}
            </Link>
          }
        />
      ) : (
        <Messages />
      )}
    </Page>
  );
}
