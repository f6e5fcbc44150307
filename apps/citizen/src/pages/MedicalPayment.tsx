import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import { type MedicalPaymentStatus, medfund } from '../api/medfund';
import { LinkCertificateButton } from '../components/LinkCertificateButton';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { ListSkeleton, useProblemText } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './medfund.css';

function Places({ places }: { places: MedicalPaymentStatus['places'] }) {
  const { t } = useLocale();
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {t('medfund.payment.places')}
      </h2>
      <ul className="mf-places">
        <li>{t('medfund.payment.hospitals', { list: places.hospitals.join('、') })}</li>
        <li>
          {places.pharmacies.length
            ? t('medfund.payment.pharmacies', { list: places.pharmacies.join('、') })
            : t('medfund.payment.noPharmacies')}
        </li>
      </ul>
    </section>
  );
}

function Status() {
  const { t, lang } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const headingId = useId();
  const { data, problem, reload, setData } = useVerifiedLoad(() => medfund.paymentStatus({ city }), [city]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const problemText = useProblemText();

  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('medfund.failed')} />;
  if (!data) return <ListSkeleton rows={5} />;

  const activate = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const r = await auth.withVerification(() => medfund.activatePayment({ city }));
      setData({ ...data, activation: { activated: true, activatedAt: r.activatedAt }, blocker: null });
      setDone(r.alreadyActivated ? t('medfund.payment.alreadyActivated') : t('medfund.payment.activatedNow'));
    } catch (e) {
      if (!isVerificationCancelled(e) && isApiProblem(e)) setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleDateString(lang, {
          timeZone: 'Asia/Shanghai',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        })
      : '';
  const { card, account, activation, blocker } = data;
  return (
    <>
      <section className="card" aria-labelledby={headingId} data-testid="yibao-status">
        <h2 id={headingId} className="section-title">
          {t('medfund.payment.status')}
          {t('common.colon')}
          <span data-testid="yibao-activation">
            {activation.activated
              ? t('medfund.payment.activated', { when: when(activation.activatedAt) })
              : t('medfund.payment.notActivated')}
          </span>
        </h2>
        <dl className="mf-facts">
          <dt>{t('medfund.payment.card')}</dt>
          <dd>
            {card
              ? `${t('medfund.payment.cardValue', {
                  number: card.cardNumberMasked,
                  generation: t(card.generation === 2 ? 'medfund.payment.generation2' : 'medfund.payment.generation1'),
                })} · ${t(`medfund.payment.cardStatus.${card.status}`)}`
              : t('medfund.payment.noCard')}
          </dd>
          {card?.linkable && (
            <>
              <dt>{t('medfund.payment.linked')}</dt>
              <dd data-testid="yibao-card-linked">
                {card.linked ? t('medfund.payment.linkedYes') : t('medfund.payment.linkedNo')}
              </dd>
            </>
          )}
          {account ? (
            <>
              <dt>{t('medfund.payment.scheme')}</dt>
              <dd>{account.schemeName}</dd>
              <dt>{t('medfund.payment.insuredCity')}</dt>
              <dd>{account.insuredCityName}</dd>
              <dt>{t('medfund.payment.insuredStatus')}</dt>
              <dd>{account.statusName}</dd>
            </>
          ) : (
            <>
              <dt>{t('medfund.payment.scheme')}</dt>
              <dd>{t('medfund.payment.noAccount')}</dd>
            </>
          )}
        </dl>
        {blocker && (
          <p className="mf-notice warn" role="note" data-testid="yibao-blocker">
            <strong>
              {t('medfund.payment.cannotActivate')}
              {t('common.colon')}
            </strong>
            {problemText(blocker)}
          </p>
        )}
        {done && (
          <p className="mf-notice" role="status" data-testid="yibao-done">
            {done}
          </p>
        )}
        {failure && (
          <p className="mf-notice warn" role="alert" data-testid="yibao-failure">
            {problemText(failure)}
          </p>
        )}
        <div className="mf-actions">
          {activation.activated ? (
            <>
              <Link
                to="/lookups/medical-pay-code"
                className="adm-button adm-button-primary adm-button-block adm-button-shape-default state-link"
                data-testid="yibao-show-code"
              >
                {t('medfund.payment.showCode')}
              </Link>
              {city === '440100' && (
                <Link to="/lookups/medical-balance" className="state-link">
                  {t('medfund.payment.balance')}
                </Link>
              )}
            </>
          ) : card?.linkable && !card.linked ? (
            // 关联社保卡后，点击【开通支付】: the way to link it, in place of a button that cannot work yet
            <LinkCertificateButton type="social-security-card" next="/lookups/medical-payment" testId="yibao-link-card">
              {t('medfund.payment.linkCard')}
            </LinkCertificateButton>
          ) : (
            <Button
              color="primary"
              block
              size="large"
              loading={busy}
              loadingText={t('medfund.payment.activating')}
              disabled={Boolean(blocker)}
              onClick={activate}
              data-testid="yibao-activate"
            >
              {t('medfund.payment.activate')}
            </Button>
          )}
        </div>
        <SourceNote source={data.source} />
      </section>
      <Places places={data.places} />
    </>
  );
}

/** 开通医保支付 (B1): the conditions (二代社保卡, 参保地 广州/深圳), the status and the 【开通支付】 button. */
export default function MedicalPayment() {
  const { t } = useLocale();
  return (
    <Page title={t('medfund.payment.title')}>
      <p className="page-intro">{t('medfund.payment.intro')}</p>
      <p className="page-intro">{t('medfund.payment.cityNote')}</p>
      <RequireAuth>
        <Status />
      </RequireAuth>
    </Page>
  );
}
