import { findCity } from '@yss/contracts';
import List from 'antd-mobile/es/components/list';
import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type SeniorCardView, welfare } from '../api/welfare';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { LinkItem } from '../components/ServiceItem';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts } from './records-shared';

/** The catalog service that issues the card (docs/welfare.md): its form, its cases, its cities. */
export const SENIOR_CARD_SERVICE = 'laonianren-youdaizheng-hefa';
const FOSHAN = '440600';
const APPLY = `/apply/${SENIOR_CARD_SERVICE}`;
const MY_CASES = `/cases?service=${SENIOR_CARD_SERVICE}`;

type Card = SeniorCardView['card'];

function CardView({ c }: { c: Card }) {
  const { t, isEn } = useLocale();
  const headingId = useId();
  const title = isEn
    ? t(c.cityCode === FOSHAN ? 'welfare.seniorCard.cardFoshan' : 'welfare.seniorCard.card')
    : c.cardName;
  return (
    <section className="card records-card" aria-labelledby={headingId} data-testid="senior-card">
      <div className="records-card-head">
        <h2 id={headingId} className="records-card-title">
          <Icon name="id-card" /> {title}
        </h2>
        <Tag
          color={c.status === 'valid' ? 'success' : 'default'}
          fill="outline"
          className="records-tag"
          data-testid="senior-card-status"
        >
          {c.statusName}
        </Tag>
      </div>
      <Facts
        rows={[
          [t('welfare.seniorCard.number'), c.cardNumber],
          [t('welfare.seniorCard.holder'), c.holderNameMasked],
          [t('welfare.seniorCard.idNumber'), c.holderIdNumberMasked],
          [t('welfare.seniorCard.issuedBy'), c.issuedBy],
          [t('welfare.seniorCard.issuedOn'), c.issuedOn],
          [t('welfare.seniorCard.kind'), c.kindName],
          [t('welfare.seniorCard.status'), c.statusName],
        ]}
      />
      {c.status !== 'valid' && (
        <p className="field-help" data-testid="senior-card-cancelled">
          {t('welfare.seniorCard.cancelledNote')}
        </p>
      )}
    </section>
  );
}

/** The city asked: `?city=` (a case's own city, from its page) or the app's city. */
function useCardCity(): string {
  const { city } = usePreferences();
  const [params] = useSearchParams();
  const asked = params.get('city');
  return asked && findCity(asked) ? asked : city;
}

function Loaded() {
  const { t, isEn } = useLocale();
  const city = useCardCity();
  const { data, problem, reload } = useVerifiedLoad(() => welfare.seniorCard({ city }), [city]);
  if (problem?.code === 'SENIOR_CARD_NOT_FOUND') {
    return (
      <EmptyState
        title={t('welfare.seniorCard.none')}
        description={isEn ? t('welfare.seniorCard.noneDesc') : problem.userMessage}
        action={
          <div className="state-actions" data-testid="senior-card-none">
            <Link to={APPLY} className="adm-button adm-button-primary adm-button-shape-default state-link">
              {t('welfare.seniorCard.apply')}
            </Link>
            <Link to={MY_CASES} className="state-link adm-button-fill-outline">
              {t('welfare.seniorCard.myCases')}
            </Link>
          </div>
        }
      />
    );
  }
  if (problem) return <ErrorState problem={problem} onRetry={reload} title={t('welfare.seniorCard.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  return (
    <>
      <CardView c={data.card} />
      <section className="card flush" aria-label={t('welfare.seniorCard.myCases')}>
        <List>
          <LinkItem to={MY_CASES} prefix={<Icon name="document" className="list-icon" />}>
            {t('welfare.seniorCard.myCases')}
          </LinkItem>
          <LinkItem to={APPLY} prefix={<Icon name="pen" className="list-icon" />}>
            {t('welfare.seniorCard.reissue')}
          </LinkItem>
        </List>
      </section>
      <div className="records-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/**
 * 老年人优待证查询 (E4; 佛山 calls the card 老人卡): the card 民政 issued after an approved 老年人优待证核发 case,
 * holder masked. No card is an answer (an empty state with the way to apply), not an error.
 */
export default function SeniorCard() {
  const { t } = useLocale();
  const city = useCardCity();
  return (
    <Page title={t(city === FOSHAN ? 'welfare.seniorCard.titleFoshan' : 'welfare.seniorCard.title')}>
      <p className="page-intro">{t('welfare.seniorCard.intro')}</p>
      <RequireAuth>
        <Loaded />
      </RequireAuth>
    </Page>
  );
}
