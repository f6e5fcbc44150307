import type { Delegation } from '@yss/contracts';
import List from 'antd-mobile/es/components/list';
import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { Link } from 'react-router';
import { delegation } from '../api/delegation';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { LinkItem } from '../components/ServiceItem';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { formatDate, STATUS_COLOR } from '../lib/delegation';
import { RequireAuth } from '../state/auth';

function DelegationItem({ d }: { d: Delegation }) {
  const { t, lang } = useLocale();
  const waitingMe = d.role === 'principal' && d.status === 'pending';
  return (
    <LinkItem
      to={`/me/family/${d.id}`}
      prefix={<Icon name="user-circle" className="list-icon" />}
      description={[
        d.otherParty.relationLabel,
        t('family.servicesCount', { count: d.services.length }),
        d.validUntil && d.status === 'active' ? `${t('family.validUntil')} ${formatDate(d.validUntil, lang)}` : null,
      ]
        .filter(Boolean)
        .join(' · ')}
      extra={
        <Tag color={waitingMe ? 'primary' : STATUS_COLOR[d.status]} fill="outline">
          {waitingMe ? t('family.waitingYou') : d.statusLabel}
        </Tag>
      }
      data-testid="delegation-item"
    >
      {d.otherParty.nameMasked}
    </LinkItem>
  );
}

function Lists() {
  const { t } = useLocale();
  const { data, problem, reload } = useVerifiedLoad(() => delegation.list(), []);
  const agentId = useId();
  const principalId = useId();

  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (!data) return <ListSkeleton rows={4} />;

  return (
    <>
      <section className="card flush" aria-labelledby={agentId}>
        <h2 id={agentId} className="list-heading">
          {t('family.asAgent')}
        </h2>
        {data.asAgent.length === 0 ? (
          <EmptyState title={t('family.emptyAgent')} description={t('family.emptyAgentDesc')} />
        ) : (
          <List>
            {data.asAgent.map((d) => (
              <DelegationItem key={d.id} d={d} />
            ))}
          </List>
        )}
      </section>
      <section className="card flush" aria-labelledby={principalId}>
        <h2 id={principalId} className="list-heading">
          {t('family.asPrincipal')}
        </h2>
        {data.asPrincipal.length === 0 ? (
          <p className="list-empty">{t('family.emptyPrincipal')}</p>
        ) : (
          <List>
            {data.asPrincipal.map((d) => (
              <DelegationItem key={d.id} d={d} />
            ))}
          </List>
        )}
      </section>
    </>
  );
}

/** 家人与授权: the family members I act for (为他人办理) and who acts for me, with the way to add one. */
export default function Family() {
  const { t } = useLocale();
  return (
    <Page title={t('family.title')}>
      <p className="page-intro">{t('family.intro')}</p>
      <RequireAuth>
        <Link to="/me/family/add" className="state-link family-add" data-testid="family-add">
          <Icon name="plus" /> {t('family.add')}
        </Link>
        <Lists />
      </RequireAuth>
    </Page>
  );
}
