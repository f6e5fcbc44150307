import type { AccessLogEntry } from '@yss/contracts';
import Tag from 'antd-mobile/es/components/tag';
import { identity } from '../api/identity';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { chinaDateTime } from '../lib/china-time';
import { RequireAuth } from '../state/auth';

const RESULT_COLOR = { success: 'success', denied: 'warning', failure: 'danger' } as const;

/** English words for the server's Chinese labels (the server speaks Chinese; unknown ones are shown as sent). */
function useEntryText() {
  const { t, isEn } = useLocale();
  const actions = t('accessLog.actions', { returnObjects: true }) as Record<string, string>;
  const actors = t('accessLog.actors', { returnObjects: true }) as Record<string, string>;
  return {
    action: (e: AccessLogEntry) => (isEn ? (actions[e.action.replaceAll('.', '_')] ?? e.actionLabel) : e.actionLabel),
    actor: (e: AccessLogEntry) => (isEn ? (actors[e.actor] ?? e.actor) : e.actor),
  };
}

function AccessLogList() {
  const { t, lang } = useLocale();
  const text = useEntryText();
  const { data: entries, problem, reload } = useVerifiedLoad(() => identity.accessLog(), []);

  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!entries) return <ListSkeleton rows={5} />;
  if (entries.length === 0) return <EmptyState title={t('accessLog.empty')} />;

  const time = (iso: string) => chinaDateTime(iso, lang) ?? iso;

  return (
    <ol className="access-log">
      {entries.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the log is append-only and shown as sent; two entries may share a time and action
        <li key={`${e.at}-${e.action}-${i}`} className="access-log-item" data-testid="access-log-item">
          <div className="access-log-head">
            <strong className="access-log-what">{text.action(e)}</strong>
            <Tag color={RESULT_COLOR[e.result]} fill="outline" className="access-log-tag">
              {t(`accessLog.result.${e.result}`)}
            </Tag>
          </div>
          <dl className="access-log-facts">
            <div>
              <dt>{t('accessLog.when')}</dt>
              <dd>
                <time dateTime={e.at}>{time(e.at)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('accessLog.who')}</dt>
              <dd>{text.actor(e)}</dd>
            </div>
            {e.detail && (
              <div>
                <dt>{t('accessLog.detail')}</dt>
                <dd>{e.detail}</dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}

/** 我的访问记录: who did what with my account and data, and when (behind a fresh verification). */
export default function AccessLog() {
  const { t } = useLocale();
  return (
    <Page title={t('accessLog.title')}>
      <p className="page-intro">{t('accessLog.intro')}</p>
      <RequireAuth>
        <AccessLogList />
      </RequireAuth>
    </Page>
  );
}
