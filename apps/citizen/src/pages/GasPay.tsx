import { type CityCode, findCity, formatFen, type PaymentOrder, type ServiceDetail } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Result from 'antd-mobile/es/components/result';
import Tag from 'antd-mobile/es/components/tag';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { bills, type MyUtilityAccount } from '../api/bills';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { api } from '../api/endpoints';
import { paymentsApi } from '../api/payments';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { useApi } from '../hooks/use-api';
import { useIdempotentSubmit } from '../hooks/use-idempotent-submit';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { formatPeriod, isGasAccount, yuanToFen } from '../lib/payments';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './cases.css';
import './appointments.css';
import './bills.css';
import './payments.css';

export const GAS_SERVICE_ID = 'ranqi-jiaofei';

/** One unpaid month of one account, as the confirm sheet shows it and the order is made from. */
export interface GasBillChoice {
  account: string;
  holderMasked: string;
  addressMasked: string;
  companyName: string;
  period: string;
  amountFen: number;
  /** The citizen's own or bound account (else 替他人缴费). */
  mine: boolean;
}

type UnpaidMonth = { period: string; amountFen: number; dueOn: string };
type MyGasAccount = { account: MyUtilityAccount; unpaid: UnpaidMonth[] };

/** The bills refuse this month as it was shown: load again and let the citizen choose again. */
const BILL_CHANGED_CODES: readonly string[] = ['BILL_NOT_FOUND', 'BILL_ALREADY_PAID', 'BILL_AMOUNT_CHANGED'];

/** Gas payment is 广州 only: the guide's words (the catalog's, or the server's problem) and a way to switch. */
function NotInCity({ reason, offered }: { reason: string; offered: readonly string[] }) {
  const { t, name } = useLocale();
  const { cityInfo, setCity } = usePreferences();
  const cities = offered.map((c) => findCity(c)).filter((c) => c !== undefined);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card case-not-offered" data-testid="gas-not-in-city" ref={ref} tabIndex={-1}>
      <Result status="warning" title={t('payments.gas.notInCityTitle')} description={reason} />
      <p className="field-help">{t('payments.gas.currentCity', { city: name(cityInfo) })}</p>
      <div className="case-actions">
        {cities.map((c) => (
          <Button
            key={c.code}
            block
            color="primary"
            size="large"
            onClick={() => setCity(c.code as CityCode)}
            data-testid={`gas-switch-${c.code}`}
          >
            {t('city.switchTo', { city: name(c) })}
          </Button>
        ))}
        <Link to={`/services/${GAS_SERVICE_ID}`} className="state-link case-back-link pay-text-link">
          {t('payments.gas.backToService')}
        </Link>
      </div>
    </section>
  );
}

/** An unpaid month with its 缴费 button. */
function UnpaidRow({ month, highlight, onPay }: { month: UnpaidMonth; highlight?: boolean; onPay: () => void }) {
  const { t, lang } = useLocale();
  const label = formatPeriod(month.period, lang);
  return (
    <li
      className="pay-bill"
      data-testid="gas-unpaid"
      data-period={month.period}
      data-highlight={highlight || undefined}
    >
      <span className="pay-bill-text">
        <span className="pay-bill-period">{label}</span>
        <span className="pay-bill-amount">{formatFen(month.amountFen)}</span>
        <span className="field-help">{t('payments.gas.dueOn', { date: month.dueOn })}</span>
      </span>
      <Button
        color="primary"
        size="middle"
        onClick={onPay}
        aria-label={t('payments.gas.payMonthLabel', { period: label, amount: formatFen(month.amountFen) })}
        data-testid="gas-pay-month"
      >
        {t('payments.gas.payMonth')}
      </Button>
    </li>
  );
}

/** 我的户号: the own and bound gas accounts with their unpaid months. */
function MyAccounts({
  data,
  problem,
  reload,
  highlight,
  onPay,
}: {
  data: MyGasAccount[] | undefined;
  problem: ApiProblem | null;
  reload: () => void;
  highlight: { account: string | null; period: string | null };
  onPay: (choice: GasBillChoice) => void;
}) {
  const { t } = useLocale();
  const titleId = useId();
  const body = problem ? (
    <ErrorState problem={problem} onRetry={reload} title={t('payments.gas.mineFailed')} />
  ) : !data ? (
    <ListSkeleton rows={2} />
  ) : data.length === 0 ? (
    <EmptyState
      title={t('payments.gas.mineEmpty')}
      description={t('payments.gas.mineEmptyDesc')}
      action={
        <Link to="/lookups/utilities/gas" className="state-link" data-testid="gas-bind">
          {t('payments.gas.bind')}
        </Link>
      }
    />
  ) : (
    <ul className="bills-accounts">
      {[...data]
        .sort(
          (a, b) =>
            Number(b.account.accountNumber === highlight.account) -
            Number(a.account.accountNumber === highlight.account),
        )
        .map(({ account: a, unpaid }) => (
          <li
            key={a.accountNumber}
            className="bills-account"
            data-testid="gas-my-account"
            data-highlight={a.accountNumber === highlight.account || undefined}
          >
            <div className="bills-account-head">
              <h3 className="bills-account-number">
                <span className="visually-hidden">{t('payments.gas.account')} </span>
                {a.accountNumber}
              </h3>
              <Tag color={a.origin === 'own' ? 'primary' : 'default'} fill="outline">
                {a.origin === 'own' ? t('bills.utilities.own') : t('bills.utilities.bound')}
              </Tag>
            </div>
            <p className="field-help">
              {a.holderNameMasked} · {a.addressMasked}
            </p>
            {unpaid.length === 0 ? (
              <p className="pay-none" data-testid="gas-none-due">
                {t('payments.gas.noneDue')}
              </p>
            ) : (
              <ul className="pay-bills">
                {unpaid.map((m) => (
                  <UnpaidRow
                    key={m.period}
                    month={m}
                    highlight={a.accountNumber === highlight.account && m.period === highlight.period}
                    onPay={() =>
                      onPay({
                        account: a.accountNumber,
                        holderMasked: a.holderNameMasked,
                        addressMasked: a.addressMasked,
                        companyName: a.companyName,
                        period: m.period,
                        amountFen: m.amountFen,
                        mine: true,
                      })
                    }
                  />
                ))}
              </ul>
            )}
          </li>
        ))}
    </ul>
  );
  return (
    <section className="card" aria-labelledby={titleId} data-testid="gas-mine">
      <h2 id={titleId} className="section-title">
        {t('payments.gas.mine')}
      </h2>
      {body}
    </section>
  );
}

/** 替他人缴费: any 户号 (checked here as the server does), its masked holder and unpaid months. */
function ForOthers({
  initialAccount,
  version,
  onPay,
  onNotInCity,
}: {
  initialAccount: string;
  /** Bumped by the page to load the shown account again (after the bill changed). */
  version: number;
  onPay: (choice: GasBillChoice) => void;
  onNotInCity: (problem: ApiProblem) => void;
}) {
  const { t, lang } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const [account, setAccount] = useState(initialAccount);
  const [error, setError] = useState<{ account?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [due, setDue] = useState<Awaited<ReturnType<typeof paymentsApi.gasAmountDue>> | null>(null);
  const titleId = useId();
  const previewRef = useRef<HTMLDivElement>(null);

  const lookUp = async (value: string, focus = true) => {
    const v = value.trim();
    if (!v) {
      setError({ account: t('payments.gas.accountRequired') });
      return;
    }
    if (!isGasAccount(v)) {
      setError({ account: t('payments.gas.accountInvalid') });
      return;
    }
    setError({});
    setBusy(true);
    try {
      const d = await auth.withVerification(() => paymentsApi.gasAmountDue(city, v));
      setDue(d);
      if (focus) requestAnimationFrame(() => previewRef.current?.focus());
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      setDue(null);
      if (isApiProblem(e) && e.code === 'SERVICE_NOT_IN_CITY') {
        onNotInCity(e);
        return;
      }
      const field = isApiProblem(e) ? e.errors.find((x) => x.path === 'account') : undefined;
      if (field) setError({ account: field.message });
      else setError({ form: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };

  // the account from the link (?account=), and again when the page asks (the bill changed meanwhile)
  const shown = due?.accountNumber ?? initialAccount;
  // biome-ignore lint/correctness/useExhaustiveDependencies: on first show and when the page asks again only
  useEffect(() => {
    if (shown && (version > 0 || initialAccount)) void lookUp(shown, version !== 0);
  }, [version]);

  return (
    <section className="card" aria-labelledby={titleId} data-testid="gas-others">
      <h2 id={titleId} className="section-title">
        {t('payments.gas.others')}
      </h2>
      <p className="field-help">{t('payments.gas.othersIntro')}</p>
      <SubmitForm
        onSubmit={() => lookUp(account)}
        busy={busy}
        submitText={t('payments.gas.lookUp')}
        submitTestId="gas-lookup"
      >
        <FormField
          label={t('payments.gas.accountLabel')}
          testId="gas-account-input"
          errorTestId="gas-account-error"
          value={account}
          onChange={(v) => {
            setAccount(v.replace(/\D/g, ''));
            setError({});
          }}
          inputMode="numeric"
          autoComplete="off"
          maxLength={13}
          placeholder={t('payments.gas.accountPlaceholder')}
          help={t('payments.gas.accountHelp')}
          required
          error={error.account}
          alert
        />
        {error.form && (
          <p className="form-error" role="alert" data-testid="gas-lookup-error">
            {error.form}
          </p>
        )}
      </SubmitForm>

      {due && (
        <div className="pay-preview" ref={previewRef} tabIndex={-1} data-testid="gas-preview">
          <h3 className="case-subheading">{t('payments.gas.previewTitle')}</h3>
          <dl className="case-facts">
            <div>
              <dt>{t('payments.gas.account')}</dt>
              <dd data-testid="gas-preview-account">{due.accountNumber}</dd>
            </div>
            <div>
              <dt>{t('payments.gas.holder')}</dt>
              <dd data-testid="gas-preview-holder">{due.holderNameMasked}</dd>
            </div>
            <div>
              <dt>{t('payments.gas.address')}</dt>
              <dd data-testid="gas-preview-address">{due.addressMasked}</dd>
            </div>
            <div>
              <dt>{t('payments.gas.company')}</dt>
              <dd>{due.companyName}</dd>
            </div>
            <div>
              <dt>{t('payments.gas.totalDue')}</dt>
              <dd data-testid="gas-preview-total">{formatFen(due.totalDueFen)}</dd>
            </div>
          </dl>
          <p className="field-help">{t('payments.gas.checkHolder')}</p>
          {due.unpaid.length === 0 ? (
            <p className="pay-none" data-testid="gas-none-due">
              {t('payments.gas.noneDue')}
            </p>
          ) : (
            <ul className="pay-bills" aria-label={t('payments.gas.unpaidLabel', { account: due.accountNumber })}>
              {due.unpaid.map((m) => (
                <UnpaidRow
                  key={m.period}
                  month={m}
                  onPay={() =>
                    onPay({
                      account: due.accountNumber,
                      holderMasked: due.holderNameMasked,
                      addressMasked: due.addressMasked,
                      companyName: due.companyName,
                      period: m.period,
                      amountFen: m.amountFen,
                      mine: false,
                    })
                  }
                />
              ))}
            </ul>
          )}
          <p className="field-help" lang={lang}>
            {t('payments.gas.masked')}
          </p>
        </div>
      )}
    </section>
  );
}

/** 我的户号 with their unpaid months (the bills lookup: yuan → fen), loaded together behind one verification. */
async function loadMine(city: string): Promise<MyGasAccount[]> {
  const list = await bills.accounts('gas', city);
  return Promise.all(
    list.accounts.map(async (account) => {
      const b = await bills.bills('gas', { city, account: account.accountNumber, months: 12 });
      const unpaid = b.bills
        .filter((x) => x.status === 'unpaid')
        .map((x) => ({ period: x.period, amountFen: yuanToFen(x.amount), dueOn: x.dueOn }))
        .sort((x, y) => x.period.localeCompare(y.period));
      return { account, unpaid };
    }),
  );
}

type PageError = { text: string; refresh: boolean };

/** The page once the city offers gas payment: 我的户号, 替他人缴费, the confirm sheet, then the cashier. */
function GasPayFlow({ service }: { service: ServiceDetail }) {
  const { t, lang } = useLocale();
  const navigate = useNavigate();
  const { city } = usePreferences();
  const problemText = useProblemText();
  const [params] = useSearchParams();
  const wanted = params.get('account');
  const wantedAccount = wanted && isGasAccount(wanted) ? wanted.trim() : null;
  const wantedPeriod = params.get('period');
  const mine = useVerifiedLoad(() => loadMine(city), [city]);
  const [chosen, setChosen] = useState<GasBillChoice | null>(null);
  /** The confirm attempt: one submissionId per month while a retry may still be needed, no double submit. */
  const { busy, isBusy, submit } = useIdempotentSubmit();
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [pageError, setPageError] = useState<PageError | null>(null);
  const [othersVersion, setOthersVersion] = useState(0);
  const [notInCity, setNotInCity] = useState<ApiProblem | null>(null);
  const lastChosen = useRef<GasBillChoice | null>(null);
  const pageErrorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (pageError) pageErrorRef.current?.focus();
  }, [pageError]);

  const open = (c: GasBillChoice) => {
    setChosen(c);
    lastChosen.current = c;
    setSheetError(null);
    setPageError(null);
  };
  const close = () => {
    if (isBusy()) return;
    setChosen(null);
    setSheetError(null);
  };

  const refresh = (c: GasBillChoice | null) => {
    setPageError(null);
    const mineToo = c === null || c.mine;
    if (mineToo) mine.reload();
    if (!mineToo || c === null) setOthersVersion((n) => n + 1);
  };

  const confirm = async () => {
    if (!chosen || isBusy()) return;
    setSheetError(null);
    const c = chosen;
    // one submissionId per month and amount: a retry of the same month after an unknown outcome sends the same id
    await submit(
      `${c.account}:${c.period}:${c.amountFen}`,
      (submissionId): Promise<PaymentOrder> =>
        paymentsApi.createUtilityPayment({
          city,
          account: c.account,
          period: c.period,
          amountFen: c.amountFen,
          submissionId,
        }),
      {
        onDone: (order) => navigate(`/pay/${encodeURIComponent(order.id)}`),
        onError: (e) => setSheetError(errorText(e, t)),
        onProblem: (e) => {
          if (BILL_CHANGED_CODES.includes(e.code)) {
            setChosen(null);
            setPageError({ text: problemText(e), refresh: true });
          } else if (e.code === 'SERVICE_NOT_IN_CITY') {
            setChosen(null);
            setNotInCity(e);
          } else {
            setSheetError(problemText(e));
          }
        },
      },
    );
  };

  if (notInCity) return <NotInCity reason={problemText(notInCity)} offered={service.availableCities} />;
  if (mine.problem?.code === 'SERVICE_NOT_IN_CITY') {
    return <NotInCity reason={problemText(mine.problem)} offered={service.availableCities} />;
  }

  const own = mine.data?.some((a) => a.account.accountNumber === wantedAccount) ?? false;
  // someone else's account from the link is looked up below (once we know it is not one of the citizen's own)
  const othersInitial = wantedAccount && (mine.data || mine.problem) && !own ? wantedAccount : '';
  const othersReady = mine.data !== undefined || mine.problem !== null || !wantedAccount;

  return (
    <div className="pay-gas">
      {pageError && (
        <div
          className="form-error appt-page-error"
          role="alert"
          tabIndex={-1}
          ref={pageErrorRef}
          data-testid="gas-error"
        >
          <span>{pageError.text}</span>
          {pageError.refresh && (
            <>
              {' '}
              <button
                type="button"
                className="case-link-button"
                onClick={() => refresh(lastChosen.current)}
                data-testid="gas-refresh"
              >
                {t('payments.gas.refresh')}
              </button>
            </>
          )}
        </div>
      )}

      <MyAccounts
        data={mine.data}
        problem={mine.problem}
        reload={mine.reload}
        highlight={{ account: own ? wantedAccount : null, period: wantedPeriod }}
        onPay={open}
      />

      {othersReady ? (
        <ForOthers
          key={othersInitial}
          initialAccount={othersInitial}
          version={othersVersion}
          onPay={open}
          onNotInCity={setNotInCity}
        />
      ) : (
        <ListSkeleton rows={1} />
      )}

      <p className="field-help pay-gas-note">{t('payments.gas.note')}</p>

      <ConfirmSheet
        open={chosen !== null}
        title={t('payments.gas.confirmTitle')}
        busy={busy}
        error={sheetError}
        cancelLabel={t('common.cancel')}
        submitLabel={t('payments.gas.confirmSubmit')}
        submittingLabel={t('payments.gas.creating')}
        onClose={close}
        onConfirm={() => void confirm()}
        bodyClassName="appt-sheet-body pay-sheet-body"
        afterClose={() => {
          document
            .querySelector<HTMLButtonElement>(`[data-period="${lastChosen.current?.period ?? ''}"] button`)
            ?.focus();
        }}
        testId="gas-confirm"
        errorTestId="gas-confirm-error"
        submitTestId="gas-confirm-submit"
      >
        {chosen && (
          <>
            <p className="pay-amount-row">
              <span className="visually-hidden">{t('payments.amount')} </span>
              <span className="pay-amount" data-testid="gas-confirm-amount">
                {formatFen(chosen.amountFen)}
              </span>
            </p>
            <dl className="case-facts" data-testid="gas-confirm-facts">
              <div>
                <dt>{t('payments.gas.account')}</dt>
                <dd>{chosen.account}</dd>
              </div>
              <div>
                <dt>{t('payments.gas.holder')}</dt>
                <dd>{chosen.holderMasked}</dd>
              </div>
              <div>
                <dt>{t('payments.gas.period')}</dt>
                <dd>{formatPeriod(chosen.period, lang)}</dd>
              </div>
              <div>
                <dt>{t('payments.payee')}</dt>
                <dd>{chosen.companyName}</dd>
              </div>
            </dl>
            {!chosen.mine && <p className="field-help">{t('payments.gas.confirmOthers')}</p>}
            <p className="field-help">{t('payments.gas.confirmNote')}</p>
          </>
        )}
      </ConfirmSheet>
    </div>
  );
}

/** Before the page: is gas payment offered in the chosen city (广州 only)? */
function GasGate() {
  const { t, pick } = useLocale();
  const { city } = usePreferences();
  const service = useApi(`service:${GAS_SERVICE_ID}:${city}`, (signal) =>
    api.service(GAS_SERVICE_ID, city, { signal }),
  );
  if (service.error) return <ErrorState problem={service.error} onRetry={service.reload} />;
  if (!service.data) return <ListSkeleton rows={4} />;
  const s = service.data;
  if (!s.available) {
    const reason = pick(s.unavailableReason ?? '', s.unavailableReasonEn) || t('common.unavailable');
    return <NotInCity reason={reason} offered={s.availableCities} />;
  }
  return <GasPayFlow key={city} service={s} />;
}

/** /utilities/gas/pay 燃气缴费 (G1, 广州): own and bound accounts, or anyone's (替他人缴费); ?account=&period= preselect. */
export default function GasPay() {
  const { t } = useLocale();
  return (
    <Page title={t('payments.gas.title')}>
      <p className="page-intro">{t('payments.gas.intro')}</p>
      <RequireAuth>
        <GasGate />
      </RequireAuth>
    </Page>
  );
}
