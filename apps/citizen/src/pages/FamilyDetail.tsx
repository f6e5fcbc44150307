import { type ActingSubject, type Delegation, findCity } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isVerificationCancelled } from '../api/client';
import { delegation } from '../api/delegation';
import { ConsentStep } from '../components/ConsentStep';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { formatDate, STATUS_COLOR } from '../lib/delegation';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { DelegationDone } from './AddFamily';

/** The masked basic information of the person the agent acts for (an audited read on the server). */
function SubjectCard({ subject }: { subject: ActingSubject }) {
  const { t, name } = useLocale();
  const city = subject.hukouCityCode ? findCity(subject.hukouCityCode) : undefined;
  return (
    <section className="card" aria-label={t('family.subjectTitle')} data-testid="acting-subject">
      <h2 className="section-title">{t('family.subjectTitle')}</h2>
      <dl className="facts">
        <div>
          <dt className="fact-term">{t('family.name')}</dt>
          <dd className="fact-value">{subject.nameMasked}</dd>
        </div>
        <div>
          <dt className="fact-term">{t('family.idNumber')}</dt>
          <dd className="fact-value">{subject.idNumberMasked}</dd>
        </div>
        <div>
          <dt className="fact-term">{t('family.age')}</dt>
          <dd className="fact-value">
            {t('family.ageValue', { age: String(subject.age) })} · {t(`family.sex.${subject.sex}`)}
            {city ? ` · ${name(city)}` : ''}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Detail({ id }: { id: string }) {
  const { t, lang } = useLocale();
  const auth = useAuth();
  const loaded = useVerifiedLoad(async () => {
    const list = await delegation.list();
    return [...list.asAgent, ...list.asPrincipal].find((x) => x.id === id) ?? null;
  }, [id]);
  const { data: d, problem, reload, setData: setD } = loaded;
  const [subject, setSubject] = useState<ActingSubject | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (problem) return <ErrorState problem={problem} onRetry={reload} />;
  if (d === null) return <EmptyState title={t('family.notFound')} />;
  if (!d) return <ListSkeleton rows={4} />;
  if (done && d.status === 'active') return <DelegationDone d={d} />;

  const act = async (fn: () => Promise<Delegation>, message: string) => {
    setBusy(true);
    try {
      setD(await auth.withVerification(fn));
      Toast.show({ content: message });
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t), duration: 4000 });
    } finally {
      setBusy(false);
    }
  };
  const confirmThen = async (title: string, content: string, fn: () => Promise<Delegation>, message: string) => {
    const ok = await Dialog.confirm({
      title,
      content,
      confirmText: t('family.confirm'),
      cancelText: t('common.cancel'),
    });
    if (ok) await act(fn, message);
  };
  const showSubject = async () => {
    setBusy(true);
    try {
      setSubject(await auth.withVerification(() => delegation.subject(d.id)));
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t), duration: 4000 });
    } finally {
      setBusy(false);
    }
  };

  const open = d.status === 'pending' || d.status === 'active';
  return (
    <>
      <section className="card" data-testid="delegation-detail">
        <div className="family-head">
          <h2 className="section-title">
            {d.role === 'principal' && d.status === 'pending'
              ? t('family.agentSays', { name: d.otherParty.nameMasked })
              : d.otherParty.nameMasked}
          </h2>
          <Tag color={STATUS_COLOR[d.status]} fill="outline" data-testid="delegation-status">
            {d.statusLabel}
          </Tag>
        </div>
        <dl className="facts">
          {d.otherParty.relationLabel && (
            <div>
              <dt className="fact-term">{t('family.relation')}</dt>
              <dd className="fact-value">{d.otherParty.relationLabel}</dd>
            </div>
          )}
          <div>
            <dt className="fact-term">{t('family.services')}</dt>
            <dd className="fact-value">
              <ul className="consent-services">
                {d.services.map((s) => (
                  <li key={s.id} className="consent-service">
                    {s.name}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt className="fact-term">{t('family.consentMethod')}</dt>
            <dd className="fact-value">{d.consentMethodLabel ?? t(`family.kind.${d.kind}`)}</dd>
          </div>
          {d.validUntil && (
            <div>
              <dt className="fact-term">{t('family.validUntil')}</dt>
              <dd className="fact-value">{formatDate(d.validUntil, lang)}</dd>
            </div>
          )}
        </dl>
      </section>

      {d.role === 'agent' && d.status === 'pending' && (
        <ConsentStep
          pending={d}
          onDone={(x) => {
            setD(x);
            setDone(true);
          }}
        />
      )}

      {d.role === 'agent' && d.status === 'active' && (
        <div className="action-row">
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            disabled={busy}
            onClick={showSubject}
            data-testid="acting-subject-open"
          >
            {t('family.actFor')}
          </Button>
        </div>
      )}
      {subject && <SubjectCard subject={subject} />}

      {d.role === 'principal' && d.status === 'pending' && (
        <div className="action-row">
          <Button
            block
            color="primary"
            size="large"
            disabled={busy}
            onClick={() => void act(() => delegation.approve(d.id), t('family.approved'))}
            data-testid="delegation-approve"
          >
            {t('family.approve')}
          </Button>
          <Button
            block
            size="large"
            disabled={busy}
            onClick={() =>
              void confirmThen(
                t('family.declineTitle'),
                t('family.declineBody'),
                () => delegation.decline(d.id),
                t('family.declined'),
              )
            }
            data-testid="delegation-decline"
          >
            {t('family.decline')}
          </Button>
        </div>
      )}

      {open && !(d.role === 'principal' && d.status === 'pending') && (
        <div className="action-row">
          <Button
            block
            color="danger"
            fill="outline"
            size="large"
            disabled={busy}
            onClick={() =>
              void confirmThen(
                t('family.revokeTitle'),
                t('family.revokeBody'),
                () => delegation.revoke(d.id),
                t('family.revoked'),
              )
            }
            data-testid="delegation-revoke"
          >
            {t('family.revoke')}
          </Button>
        </div>
      )}
    </>
  );
}

/** 授权详情: one delegation from either side, with what that side may do next. */
export default function FamilyDetail() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  return (
    <Page title={t('family.detailTitle')}>
      <RequireAuth>
        <Detail id={id} />
      </RequireAuth>
    </Page>
  );
}
