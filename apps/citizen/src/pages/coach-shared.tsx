import {
  COACH_ORDER_STATUS_LABELS,
  COACH_TICKET_STATUS_LABELS,
  type CoachDeparture,
  type CoachOrder,
  type CoachTicketStatus,
  formatFen,
} from '@yss/contracts';
import { useId } from 'react';
import { useLocale } from '../i18n/localize';
import { formatFullDate } from '../lib/appointments';
import { durationParts } from '../lib/coach';

/** The guide's 购票须知, three points (the zh words are COACH_NOTICE of @yss/contracts). */
export function useCoachNotice(): string[] {
  const { t } = useLocale();
  return [t('coach.notice.n1'), t('coach.notice.n2'), t('coach.notice.n3')];
}

export function CoachNotice({ testId = 'coach-notice' }: { testId?: string }) {
  const { t } = useLocale();
  const notice = useCoachNotice();
  const id = useId();
  return (
    <section className="card case-notice coach-notice" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="case-subheading">
        {t('coach.noticeTitle')}
      </h2>
      <ol className="detail-list appt-notice-list">
        {notice.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ol>
    </section>
  );
}

/** 约3小时20分 */
export function useDurationText() {
  const { t } = useLocale();
  return (minutes: number) => {
    const { hours, minutes: m } = durationParts(minutes);
    if (hours === 0) return t('coach.search.durationMinutes', { minutes: m });
    if (m === 0) return t('coach.search.durationHours', { hours });
    return t('coach.search.duration', { hours, minutes: m });
  };
}

/** 2026年11月28日 周六 10:30 */
export function DepartureWhen({ d }: { d: Pick<CoachDeparture, 'date' | 'time'> }) {
  const { lang } = useLocale();
  return (
    <>
      {formatFullDate(d.date, lang)} <span className="appt-nowrap">{d.time}</span>
    </>
  );
}

/** The departure as label : value pairs (order confirmation, order details). */
export function DepartureFacts({ d, withPrice = true }: { d: CoachDeparture; withPrice?: boolean }) {
  const { t } = useLocale();
  const duration = useDurationText();
  return (
    <dl className="case-facts" data-testid="departure-facts">
      <div>
        <dt>{t('coach.order.date')}</dt>
        <dd data-testid="departure-when">
          <DepartureWhen d={d} />
        </dd>
      </div>
      <div>
        <dt>{t('coach.order.fromStation')}</dt>
        <dd data-testid="departure-from">{d.fromStation.name}</dd>
      </div>
      <div>
        <dt>{t('coach.order.toStation')}</dt>
        <dd data-testid="departure-to">
          {d.toStationName}（{d.toCityName}）
        </dd>
      </div>
      <div>
        <dt>{t('coach.order.address')}</dt>
        <dd>{d.fromStation.address}</dd>
      </div>
      <div>
        <dt>{t('coach.order.run')}</dt>
        <dd>
          {d.runNumber} · {duration(d.durationMinutes)}
        </dd>
      </div>
      <div>
        <dt>{t('coach.order.coachType')}</dt>
        <dd>{d.coachType}</dd>
      </div>
      {withPrice && (
        <div>
          <dt>{t('coach.order.price')}</dt>
          <dd data-testid="departure-price">{formatFen(d.priceFen)}</dd>
        </div>
      )}
    </dl>
  );
}

/** Status words: the server's (Chinese), in English the contract's English label of that status. */
export function useStatusLabels() {
  const { isEn } = useLocale();
  return {
    order: (o: Pick<CoachOrder, 'status' | 'statusLabel'>) =>
      isEn ? COACH_ORDER_STATUS_LABELS[o.status].labelEn : o.statusLabel,
    ticket: (x: { status: CoachTicketStatus; statusLabel: string }) =>
      isEn ? COACH_TICKET_STATUS_LABELS[x.status].labelEn : x.statusLabel,
  };
}
