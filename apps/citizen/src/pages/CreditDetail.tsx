import type { CreditDetailResult, CreditJudicialRecord, CreditPenalty } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useId, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { credit } from '../api/credit';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { ErrorState, ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { STATUS_COLOR } from '../lib/credit';
import { formatDate } from '../lib/delegation';
import { errorText } from '../lib/errors';
import { loginPath, useAuth } from '../state/auth';
import './credit.css';

const money = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function Facts({ rows }: { rows: [string, string | null | undefined][] }) {
  return (
    <dl className="detail-facts credit-facts">
      {rows
        .filter((r): r is [string, string] => Boolean(r[1]))
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

function PenaltyItem({ p }: { p: CreditPenalty }) {
  const { t, lang } = useLocale();
  return (
    <li className="credit-record" data-testid="credit-penalty">
      <p className="credit-record-title">{p.violation}</p>
      <dl>
        <dt>{t('credit.decisionNumber')}</dt>
        <dd>{p.decisionNumber}</dd>
        <dt>{t('credit.penaltyAuthority')}</dt>
        <dd>{p.authority}</dd>
        <dt>{t('credit.decidedOn')}</dt>
        <dd>{formatDate(p.decidedOn, lang)}</dd>
        <dt>{t('credit.content')}</dt>
        <dd>{p.content}</dd>
        {p.fine !== null && (
          <>
            <dt>{t('credit.fine')}</dt>
            <dd>{t('credit.yuan', { amount: money(p.fine) })}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

function JudicialItem({ j }: { j: CreditJudicialRecord }) {
  const { t, lang } = useLocale();
  return (
    <li className="credit-record" data-testid="credit-judicial">
      <p className="credit-record-title">
        {j.kindName}{' '}
        <Tag color={j.kind === 'dishonest' ? 'danger' : 'warning'} fill="outline">
          {j.status}
        </Tag>
      </p>
      <dl>
        <dt>{t('credit.caseNumber')}</dt>
        <dd>{j.caseNumber}</dd>
        <dt>{t('credit.court')}</dt>
        <dd>{j.court}</dd>
        <dt>{t('credit.filedOn')}</dt>
        <dd>{formatDate(j.filedOn, lang)}</dd>
        {j.amount !== null && (
          <>
            <dt>{t('credit.amount')}</dt>
            <dd>{t('credit.yuan', { amount: money(j.amount) })}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

/** 订阅 / 已订阅: logged out → login first; subscribing needs a fresh verification (the prompt opens if needed). */
function SubscribeBar({ uscc, name }: { uscc: string; name: string }) {
  const { t } = useLocale();
  const auth = useAuth();
  const navigate = useNavigate();
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const verifiedUntil = auth.account?.verifiedUntil;

  // Whether I already follow it: asked only while a verification is fresh (no prompt, no refused read).
  useEffect(() => {
    if (auth.status !== 'in' || !verifiedUntil || Date.parse(verifiedUntil) <= Date.now()) return;
    const controller = new AbortController();
    credit.subscriptions({ signal: controller.signal }).then(
      (list) => setSubscribed(list.items.some((s) => s.uscc === uscc)),
      () => undefined,
    );
    return () => controller.abort();
  }, [auth.status, verifiedUntil, uscc]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      void Dialog.alert({ content: errorText(e, t), confirmText: t('common.gotIt') });
    } finally {
      setBusy(false);
    }
  };
  const subscribe = () =>
    run(async () => {
      const r = await auth.withVerification(() => credit.subscribe(uscc));
      setSubscribed(true);
      Toast.show({ content: r.created ? t('credit.subscribeDone') : t('credit.subscribeAgain') });
    });
  const unsubscribe = async () => {
    const ok = await Dialog.confirm({
      content: t('credit.unsubscribeConfirm', { name }),
      confirmText: t('credit.unsubscribe'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    await run(async () => {
      await auth.withVerification(() => credit.unsubscribe(uscc));
      setSubscribed(false);
      Toast.show({ content: t('credit.unsubscribeDone') });
    });
  };

  return (
    <div className="action-bar">
      <p className="credit-subscribe-hint">
        {auth.status === 'out' ? t('credit.subscribeLogin') : t('credit.subscribeHint')}
      </p>
      {subscribed ? (
        <div className="credit-subscribe-row">
          <Button block size="large" disabled data-testid="credit-subscribed">
            {t('credit.subscribed')}
          </Button>
          <Button block size="large" onClick={unsubscribe} loading={busy} data-testid="credit-unsubscribe">
            {t('credit.unsubscribe')}
          </Button>
        </div>
      ) : (
        <Button
          block
          color="primary"
          size="large"
          loading={busy}
          disabled={busy || auth.status === 'loading'}
          onClick={() => (auth.status === 'out' ? navigate(loginPath(`/credit/${uscc}`)) : void subscribe())}
          data-testid="credit-subscribe"
        >
          {t('credit.subscribe')}
        </Button>
      )}
    </div>
  );
}

/** 信用主体信息详情 (F3): registration, 行政处罚, 司法信息, and 订阅. */
export default function CreditDetail() {
  const { t, lang } = useLocale();
  const { uscc = '' } = useParams();
  const [data, setData] = useState<CreditDetailResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const regId = useId();
  const penId = useId();
  const judId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on code or retry
  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    setProblem(null);
    credit.detail(uscc, { signal: controller.signal }).then(setData, (e: unknown) => {
      if (!controller.signal.aborted && isApiProblem(e)) setProblem(e);
    });
    return () => controller.abort();
  }, [uscc, attempt]);

  const e = data?.enterprise;
  return (
    <Page
      title={t('credit.detailTitle')}
      ownHeading={Boolean(e)}
      docTitle={e?.name}
      className={e ? 'has-action-bar' : undefined}
    >
      {problem ? (
        <ErrorState
          problem={problem}
          title={problem.status === 404 ? t('credit.detailNotFound') : t('credit.failed')}
          onRetry={problem.status >= 500 || problem.status === 0 ? () => setAttempt((n) => n + 1) : undefined}
        />
      ) : !data || !e ? (
        <ListSkeleton rows={5} />
      ) : (
        <>
          <section className="card" aria-labelledby={regId} data-testid="credit-detail">
            <div className="credit-head">
              <h1 className="credit-title" data-testid="credit-detail-name">
                {e.name}
              </h1>
              <Tag color={STATUS_COLOR[e.status]} fill="outline">
                {e.status}
              </Tag>
            </div>
            <p className="credit-uscc">
              {t('credit.uscc')} <span className="credit-code">{e.uscc}</span>
            </p>
            <h2 id={regId} className="visually-hidden">
              {t('credit.registration')}
            </h2>
            <Facts
              rows={[
                [t('credit.kind'), e.kindName],
                [t('credit.legalRepresentative'), e.legalRepresentative],
                [
                  t('credit.capital'),
                  t('credit.capitalValue', { amount: e.registeredCapitalWan.toLocaleString(lang) }),
                ],
                [t('credit.establishedOn'), formatDate(e.establishedOn, lang)],
                [t('credit.status'), e.status],
                [t('credit.statusSince', { status: e.status }), e.statusSince ? formatDate(e.statusSince, lang) : null],
                [t('credit.authority'), e.registrationAuthority],
                [t('credit.industry'), e.industry],
                [t('credit.address'), e.address],
                [t('credit.scope'), e.businessScope],
              ]}
            />
          </section>
          <section className="card" aria-labelledby={penId} data-testid="credit-penalties">
            <h2 id={penId}>
              {e.penalties.length ? t('credit.penaltiesCount', { count: e.penalties.length }) : t('credit.penalties')}
            </h2>
            {e.penalties.length === 0 ? (
              <p className="credit-none">{t('credit.noPenalties')}</p>
            ) : (
              <ul className="credit-records">
                {e.penalties.map((p) => (
                  <PenaltyItem key={p.decisionNumber} p={p} />
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby={judId} data-testid="credit-judicial-records">
            <h2 id={judId}>
              {e.judicialRecords.length
                ? t('credit.judicialCount', { count: e.judicialRecords.length })
                : t('credit.judicial')}
            </h2>
            {e.judicialRecords.length === 0 ? (
              <p className="credit-none">{t('credit.noJudicial')}</p>
            ) : (
              <ul className="credit-records">
                {e.judicialRecords.map((j) => (
                  <JudicialItem key={`${j.caseNumber}-${j.kind}`} j={j} />
                ))}
              </ul>
            )}
            <SourceNote source={data.source} />
          </section>
          <SubscribeBar uscc={e.uscc} name={e.name} />
        </>
      )}
    </Page>
  );
}
