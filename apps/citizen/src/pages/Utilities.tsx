import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  bills as api,
  type MyUtilityAccount,
  type MyUtilityAccounts,
  type UtilityBills,
  type UtilityKind,
} from '../api/bills';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { FormField } from '../components/FormField';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ListSkeleton } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import NotFound from './NotFound';
import './bills.css';

const KINDS: readonly UtilityKind[] = ['gas', 'power', 'water'];
const money = (n: number) => n.toFixed(2);
/** 燃气缴费 (/utilities/gas/pay) of one account, at one unpaid month. */
const gasPayLink = (account: string, period?: string) =>
  `/utilities/gas/pay?${new URLSearchParams(period ? { account, period } : { account }).toString()}`;

function AccountCard({
  a,
  utility,
  onUnbind,
}: {
  a: MyUtilityAccount;
  utility: UtilityKind;
  onUnbind: (a: MyUtilityAccount) => void;
}) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <li className="bills-account" data-testid="utility-account" aria-labelledby={headingId}>
      <div className="bills-account-head">
        <h3 id={headingId} className="bills-account-number">
          <span className="visually-hidden">{t('bills.utilities.accountNumber')} </span>
          {a.accountNumber}
        </h3>
        <Tag color={a.origin === 'own' ? 'primary' : 'default'} fill="outline">
          {a.origin === 'own' ? t('bills.utilities.own') : t('bills.utilities.bound')}
        </Tag>
      </div>
      <dl className="bills-kv">
        <dt>{t('bills.utilities.holder')}</dt>
        <dd>{a.holderNameMasked}</dd>
        <dt>{t('bills.utilities.address')}</dt>
        <dd>{a.addressMasked}</dd>
        <dt>{t('bills.utilities.company')}</dt>
        <dd>{a.companyName}</dd>
      </dl>
      <div className="bills-account-actions">
        <Link
          className="bills-link-button"
          to={`/lookups/utilities/${utility}?account=${encodeURIComponent(a.accountNumber)}`}
          data-testid="utility-view-bills"
        >
          {t('bills.utilities.viewBills')}
        </Link>
        {a.bindingId && (
          <Button size="small" fill="outline" color="danger" onClick={() => onUnbind(a)} data-testid="utility-unbind">
            {t('bills.utilities.unbind')}
          </Button>
        )}
      </div>
    </li>
  );
}

function BindForm({
  utility,
  list,
  onBound,
}: {
  utility: UtilityKind;
  list: MyUtilityAccounts;
  onBound: () => Promise<void>;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const [account, setAccount] = useState('');
  const [holder, setHolder] = useState('');
  const [errors, setErrors] = useState<{ account?: string; holder?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  const submit = async () => {
    const next: typeof errors = {};
    if (!account.trim()) next.account = t('bills.utilities.accountRequired');
    if (!holder.trim()) next.holder = t('bills.utilities.holderRequired');
    setErrors(next);
    if (next.account || next.holder) return;
    setBusy(true);
    try {
      await auth.withVerification(() =>
        api.bind(utility, city, { accountNumber: account.trim(), holderName: holder.trim() }),
      );
      setAccount('');
      setHolder('');
      Toast.show({ icon: 'success', content: t('bills.utilities.bindDone') });
      await onBound();
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      const field = isApiProblem(e) ? e.errors[0] : undefined;
      if (field?.path === 'accountNumber') setErrors({ account: field.message });
      else if (field?.path === 'holderName') setErrors({ holder: field.message });
      else setErrors({ form: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('bills.utilities.bindTitle')}
      </h2>
      <p className="field-help">{t('bills.utilities.bindIntro')}</p>
      <SubmitForm
        onSubmit={submit}
        busy={busy}
        submitText={t('bills.utilities.bindSubmit')}
        submitTestId="utility-bind-submit"
        footer={<p className="field-help">{t('bills.utilities.limitNote', { count: list.maxBindings })}</p>}
      >
        <FormField
          label={t('bills.utilities.accountLabel')}
          testId="utility-account-input"
          value={account}
          onChange={(v) => {
            setAccount(v.replace(/\D/g, ''));
            setErrors({});
          }}
          inputMode="numeric"
          autoComplete="off"
          maxLength={13}
          placeholder={t('bills.utilities.accountPlaceholder', { format: list.company.accountFormat })}
          required
          error={errors.account}
          alert
        />
        <FormField
          label={t('bills.utilities.holderLabel')}
          testId="utility-holder-input"
          value={holder}
          onChange={(v) => {
            setHolder(v);
            setErrors({});
          }}
          autoComplete="off"
          maxLength={30}
          placeholder={t('bills.utilities.holderPlaceholder')}
          required
          error={errors.holder}
          alert
        />
        {errors.form && (
          <p className="form-error" role="alert" data-testid="utility-bind-error">
            {errors.form}
          </p>
        )}
      </SubmitForm>
    </section>
  );
}

/** 水费应缴 (阳江): the unpaid water bills of each account. */
function WaterDue({ version }: { version: number }) {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem } = useVerifiedLoad(() => api.waterDue(city), [city, version]);
  const titleId = useId();
  if (problem) return null; // the accounts list below shows the same problem
  if (!data) return <ListSkeleton rows={1} />;
  if (data.accounts.length === 0) return null;
  return (
    <section className="card" aria-labelledby={titleId} data-testid="water-due">
      <h2 id={titleId} className="section-title">
        {t('bills.utilities.dueTitle')}
      </h2>
      <p className="big-figure">
        {data.total > 0 ? t('bills.utilities.dueTotal', { amount: money(data.total) }) : t('bills.utilities.dueNone')}
      </p>
      <ul className="bills-due-list">
        {data.accounts.map((a) => (
          <li key={a.account.accountNumber}>
            <p>{t('bills.utilities.dueAccount', { account: a.account.accountNumber, amount: money(a.amountDue) })}</p>
            {a.unpaid.map((b) => (
              <p key={b.period} className="field-help">
                {b.period} · {money(b.amount)} · {t('bills.utilities.dueOn', { date: b.dueOn })}
                {b.overdue && <strong className="bills-overdue"> · {t('bills.utilities.overdue')}</strong>}
              </p>
            ))}
          </li>
        ))}
      </ul>
      {data.total > 0 && <p className="field-help">{t('bills.utilities.paymentLater')}</p>}
      <SourceNote source={data.source} />
    </section>
  );
}

function Accounts({ utility }: { utility: UtilityKind }) {
  const { t } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const { data, problem, reload, setData } = useVerifiedLoad(() => api.accounts(utility, city), [utility, city]);
  const [version, setVersion] = useState(0);
  const titleId = useId();

  const refresh = async () => {
    setData(await auth.withVerification(() => api.accounts(utility, city)));
    setVersion((n) => n + 1);
  };
  const unbind = async (a: MyUtilityAccount) => {
    const ok = await Dialog.confirm({
      title: t('bills.utilities.unbindTitle'),
      content: t('bills.utilities.unbindConfirm', { account: a.accountNumber }),
      confirmText: t('bills.utilities.unbind'),
      cancelText: t('common.cancel'),
    });
    if (!ok || !a.bindingId) return;
    try {
      const id = a.bindingId;
      await auth.withVerification(() => api.unbind(utility, id));
      Toast.show({ content: t('bills.utilities.unbound') });
      await refresh();
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t), duration: 4000 });
    }
  };

  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('bills.utilities.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  return (
    <>
      {utility === 'water' && <WaterDue version={version} />}
      <section className="card" aria-labelledby={titleId} data-testid="utility-accounts">
        <h2 id={titleId} className="section-title">
          {t('bills.utilities.myAccounts')}
        </h2>
        {data.accounts.length === 0 ? (
          <EmptyState title={t('bills.utilities.empty')} description={t('bills.utilities.emptyDesc')} />
        ) : (
          <ul className="bills-accounts">
            {data.accounts.map((a) => (
              <AccountCard key={a.accountNumber} a={a} utility={utility} onUnbind={(x) => void unbind(x)} />
            ))}
          </ul>
        )}
        {data.company.hotline && (
          <p className="field-help">{t('bills.utilities.hotline', { hotline: data.company.hotline })}</p>
        )}
        <SourceNote source={data.source} />
      </section>
      <BindForm utility={utility} list={data} onBound={refresh} />
    </>
  );
}

/** Bars of the monthly amounts, oldest on the left; unpaid months stand out. */
function BillChart({ b }: { b: UtilityBills }) {
  const { t } = useLocale();
  const months = [...b.bills].reverse();
  const max = Math.max(1, ...months.map((m) => m.amount));
  const w = 320;
  const h = 120;
  const bar = w / Math.max(1, months.length);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h + 18}`} role="img" aria-label={t('bills.utilities.chartLabel')} className="chart-svg">
        {months.map((m, i) => {
          const bh = (m.amount / max) * h;
          return (
            <g key={m.period}>
              <rect
                x={i * bar + 2}
                y={h - bh}
                width={Math.max(1, bar - 4)}
                height={bh}
                className={m.status === 'unpaid' ? 'chart-bar bills-bar-unpaid' : 'chart-bar'}
              />
              {(i === 0 || i === months.length - 1) && (
                <text x={i === 0 ? 0 : w} y={h + 14} textAnchor={i === 0 ? 'start' : 'end'} className="chart-label">
                  {m.period}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="field-help">{t('bills.utilities.chartCaption')}</figcaption>
    </figure>
  );
}

function Bills({ utility, account }: { utility: UtilityKind; account: string }) {
  const { t } = useLocale();
  const { city } = usePreferences();
  const [months, setMonths] = useState(12);
  const { data, problem, reload } = useVerifiedLoad(
    () => api.bills(utility, { city, account, months }),
    [utility, city, account, months],
  );
  const titleId = useId();

  return (
    <>
      <Segmented
        label={t('bills.utilities.period')}
        options={[6, 12, 24]}
        value={months}
        onChange={setMonths}
        testId={(n) => `bills-months-${n}`}
        text={(n) => t('bills.utilities.lastMonths', { count: n })}
      />
      {problem ? (
        <>
          <LookupProblem problem={problem} onRetry={reload} title={t('bills.utilities.failed')} />
          <div className="action-row">
            <Link className="bills-link-button" to={`/lookups/utilities/${utility}`}>
              {t('bills.utilities.backToAccounts')}
            </Link>
          </div>
        </>
      ) : !data ? (
        <ListSkeleton rows={6} />
      ) : (
        <>
          <section className="card" data-testid="utility-amount-due">
            <p className="field-help">
              {t('bills.utilities.accountNumber')} {data.account.accountNumber} · {data.account.companyName}
            </p>
            <p className="field-help">
              {t('bills.utilities.holder')} {data.account.holderNameMasked} · {data.account.addressMasked}
            </p>
            <h2 className="section-title bills-due-heading">{t('bills.utilities.amountDue')}</h2>
            <p className="big-figure">
              {data.amountDue > 0
                ? t('bills.utilities.amountDueValue', { amount: money(data.amountDue) })
                : t('bills.utilities.noneDue')}
            </p>
            {data.unpaidCount > 0 && (
              <>
                <p className="field-help">{t('bills.utilities.unpaidCount', { count: data.unpaidCount })}</p>
                {utility === 'gas' ? (
                  <Link
                    className="bills-link-button"
                    to={gasPayLink(data.account.accountNumber)}
                    data-testid="utility-go-pay"
                  >
                    {t('payments.gas.goPay')}
                  </Link>
                ) : (
                  <p className="field-help">{t('bills.utilities.paymentLater')}</p>
                )}
              </>
            )}
          </section>
          {data.bills.length === 0 ? (
            <EmptyState title={t('bills.utilities.billsEmpty')} description={t('bills.utilities.billsEmptyDesc')} />
          ) : (
            <section className="card" aria-labelledby={titleId} data-testid="utility-bills">
              <h2 id={titleId} className="section-title">
                {t('bills.utilities.billsTitle')}
              </h2>
              <BillChart b={data} />
              <table className="data-table">
                <caption className="visually-hidden">{t('bills.utilities.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('bills.utilities.month')}</th>
                    <th scope="col">{t('bills.utilities.usage')}</th>
                    <th scope="col">{t('bills.utilities.amount')}</th>
                    <th scope="col">{t('bills.utilities.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.bills.map((b) => (
                    <tr key={b.period} data-testid="utility-bill">
                      <th scope="row">{b.period}</th>
                      <td>
                        {b.consumption} {b.unit}
                      </td>
                      <td>{money(b.amount)}</td>
                      <td className={b.status === 'unpaid' ? 'bills-unpaid' : undefined}>
                        {b.statusName}
                        {utility === 'gas' && b.status === 'unpaid' && (
                          <>
                            {' '}
                            <Link
                              to={gasPayLink(data.account.accountNumber, b.period)}
                              className="bills-pay-link"
                              aria-label={t('payments.gas.goPayLabel', { period: b.period })}
                              data-testid="utility-bill-pay"
                            >
                              {t('payments.gas.goPay')}
                            </Link>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <SourceNote source={data.source} />
            </section>
          )}
        </>
      )}
    </>
  );
}

/**
 * 生活缴费 (G1): 我的户号, 户号绑定 and 账单查询 of one utility (燃气 / 电力 / 水务, and 水费应缴 in 阳江), each
 * by the chosen city's rule; behind a fresh 刷脸/PIN verification. Gas bills are paid on /utilities/gas/pay (去缴费).
 */
export default function Utilities() {
  const { t } = useLocale();
  const { utility = '' } = useParams();
  const [params] = useSearchParams();
  const account = params.get('account');
  if (!KINDS.includes(utility as UtilityKind)) return <NotFound />;
  const kind = utility as UtilityKind;
  return (
    <Page title={t(`bills.utilities.title.${kind}`)}>
      <p className="page-intro">{t(`bills.utilities.intro.${kind}`)}</p>
      <RequireAuth>{account ? <Bills utility={kind} account={account} /> : <Accounts utility={kind} />}</RequireAuth>
    </Page>
  );
}
