import {
  COACH_ORDER_STATUS_LABELS,
  COACH_TICKET_STATUS_LABELS,
  type CoachDeparture,
  type CoachOrder,
  type CoachSearchResult,
  type CoachTicketStatus,
  formatFen,
} from '@yss/contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { type ApiProblem, isApiProblem } from '../api/client';
import { coachApi } from '../api/coach';
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

/**
 * 购票查询 for a city pair and date, asked afresh on every visit (seats change by the minute: no cache), cancelled
 * when the query changes; `reload` asks again. A null query loads nothing.
 */
export function useDepartures(query: { from: string; to: string; date: string } | null) {
  const key = query ? `${query.from}|${query.to}|${query.date}` : null;
  const [state, setState] = useState<{ key: string | null; data?: CoachSearchResult; error?: ApiProblem }>({
    key: null,
  });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the query; attempt is the retry
  useEffect(() => {
    if (!query || !key) return;
    const controller = new AbortController();
    setState({ key });
    coachApi.search(query, { signal: controller.signal }).then(
      (data) => !controller.signal.aborted && setState({ key, data }),
      (e: unknown) => {
        if (controller.signal.aborted || !isApiProblem(e)) return;
        setState({ key, error: e });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, reload };
}
