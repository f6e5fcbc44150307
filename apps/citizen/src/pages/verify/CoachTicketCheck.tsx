import { COACH_TICKET_QR_PREFIX, type CoachTicketScanResult } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useEffect, useId, useRef, useState } from 'react';
import { coachStationApi } from '../../api/coach';
import { QrCapture } from '../../components/QrCapture';
import { useLocale } from '../../i18n/localize';
import { errorText } from '../../lib/errors';
import { useStatusLabels } from '../coach-shared';
import '../cases.css';
import '../coach.css';

/** Whether a scanned text is a 长途车 e-ticket (YSST1:…) rather than a certificate. */
export function isCoachTicketQr(text: string): boolean {
  return text.trim().startsWith(COACH_TICKET_QR_PREFIX);
}

type Action = 'check' | 'board';

/** The verdict, big (valid green, anything else red), the ticket to compare with the ID card, 检票 / 上车. */
function ScanVerdict({
  result: r,
  done,
  busy,
  onAction,
  onNext,
}: {
  result: CoachTicketScanResult;
  done: Action | null;
  busy: Action | null;
  onAction: (a: Action) => void;
  onNext: () => void;
}) {
  const { t, isEn } = useLocale();
  const labels = useStatusLabels();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const valid = r.verdict === 'valid';
  const x = r.ticket;
  // a new verdict or a new state takes the focus, so that it is read out and the next button is one tab away
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows each answer
  useEffect(() => headingRef.current?.focus(), [r]);
  const word = isEn ? t(`coach.station.verdicts.${r.verdict}`, { defaultValue: r.verdictName }) : r.verdictName;
  return (
    <section
      className={`coach-verdict${valid ? ' coach-verdict-valid' : ''}`}
      aria-labelledby={id}
      data-testid="coach-verdict"
      data-verdict={r.verdict}
    >
      <h3 id={id} ref={headingRef} tabIndex={-1} className="coach-verdict-head">
        <span className="visually-hidden">
          {t('coach.station.verdict')}
          {t('common.colon')}
        </span>
        <span className="coach-verdict-word" role={valid ? 'status' : 'alert'} data-testid="coach-verdict-word">
          {word}
        </span>
      </h3>
      {done && (
        <p className="field-help" role="status" data-testid="coach-action-done">
          {done === 'check' ? t('coach.station.checkedNow') : t('coach.station.boardedNow')}
        </p>
      )}
      {x && (
        <dl className="case-facts" data-testid="coach-verdict-ticket">
          <div>
            <dt>{t('coach.station.run')}</dt>
            <dd>{x.runNumber}</dd>
          </div>
          <div>
            <dt>{t('coach.station.time')}</dt>
            <dd>
              {x.date} {x.time}
            </dd>
          </div>
          <div>
            <dt>{t('coach.station.route')}</dt>
            <dd>
              {x.fromStationName} → {x.toStationName}
            </dd>
          </div>
          <div>
            <dt>{t('coach.station.seat')}</dt>
            <dd data-testid="coach-verdict-seat">{x.seat}</dd>
          </div>
          <div>
            <dt>{t('coach.station.passenger')}</dt>
            <dd data-testid="coach-verdict-name">{x.passengerNameMasked}</dd>
          </div>
          <div>
            <dt>{t('coach.station.idLast4')}</dt>
            <dd>
              <span className="coach-last4" data-testid="coach-verdict-last4">
                {x.passengerIdLast4}
              </span>{' '}
              <span className="field-help">{t('coach.station.idLast4Hint')}</span>
            </dd>
          </div>
          <div>
            <dt>{t('coach.station.ticketNumber')}</dt>
            <dd>{x.ticketNumber}</dd>
          </div>
          <div>
            <dt>{t('coach.station.status')}</dt>
            <dd data-testid="coach-verdict-status">{labels.ticket(x)}</dd>
          </div>
        </dl>
      )}
      <div className="coach-check-actions">
        {x?.canCheck && (
          <Button
            color="primary"
            size="large"
            loading={busy === 'check'}
            disabled={busy !== null}
            onClick={() => onAction('check')}
            data-testid="coach-check"
          >
            {t('coach.station.check')}
          </Button>
        )}
        {x?.canBoard && (
          <Button
            color="success"
            size="large"
            loading={busy === 'board'}
            disabled={busy !== null}
            onClick={() => onAction('board')}
            data-testid="coach-board"
          >
            {t('coach.station.board')}
          </Button>
        )}
        <Button size="large" onClick={onNext} disabled={busy !== null} data-testid="coach-next">
          {t('coach.station.next')}
        </Button>
      </div>
    </section>
  );
}

/**
 * 长途车验票 for the staff of a coach station (a verifier organisation of kind coach-station), on the verifier
 * page: scan the passenger's e-ticket (or type its code), see the verdict and the ticket, then 检票 and 上车 as the
 * server allows. `scanned`: a ticket code the page's own scanner read (its certificate scanner hands YSST1 codes here).
 */
export function CoachTicketCheck({ scanned }: { scanned?: { text: string } | null }) {
  const { t } = useLocale();
  const [result, setResult] = useState<CoachTicketScanResult | null>(null);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [manual, setManual] = useState('');
  const inputId = useId();
  const titleId = useId();

  const scan = async (text: string) => {
    setResult(null);
    setDone(null);
    const qr = text.trim();
    if (!isCoachTicketQr(qr)) {
      setNote({ text: t('coach.station.notTicket'), error: true });
      return;
    }
    setNote({ text: t('coach.station.checking'), error: false });
    try {
      setResult(await coachStationApi.scan(qr));
      setNote(null);
      setManual('');
    } catch (e) {
      setNote({ text: errorText(e, t), error: true });
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: each code handed over is checked once
  useEffect(() => {
    if (scanned) void scan(scanned.text);
  }, [scanned]);

  const act = async (action: Action) => {
    const ticketId = result?.ticket?.id;
    if (!ticketId || busy) return;
    setBusy(action);
    setNote(null);
    try {
      const next = action === 'check' ? await coachStationApi.check(ticketId) : await coachStationApi.board(ticketId);
      setResult(next);
      setDone(action);
    } catch (e) {
      setNote({ text: errorText(e, t), error: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card coach-check" aria-labelledby={titleId} data-testid="coach-check-panel">
      <h2 id={titleId} className="section-title">
        {t('coach.station.title')}
      </h2>
      <p className="field-help">{t('coach.station.intro')}</p>
      <QrCapture
        testIdPrefix="coach-check"
        main
        labels={{
          scan: t('coach.station.scan'),
          upload: t('coach.station.upload'),
          title: t('coach.station.scanTitle'),
          hint: t('coach.station.hint'),
          starting: t('coach.station.starting'),
          video: t('coach.station.video'),
          noCamera: t('coach.station.noCamera'),
          cancel: t('coach.station.cancel'),
        }}
        onText={(text) => void scan(text)}
        onPicture={() => {
          setResult(null);
          setNote({ text: t('coach.station.decoding'), error: false });
        }}
        onPictureMiss={() => setNote({ text: t('coach.station.noCode'), error: true })}
        onCameraError={(message) => setNote({ text: message, error: true })}
      />
      <label htmlFor={inputId} className="field-label coach-check-label">
        {t('coach.station.manual')}
      </label>
      <form
        className="coach-check-manual"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void scan(manual);
        }}
      >
        <input
          id={inputId}
          value={manual}
          placeholder={t('coach.station.manualPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setManual(e.target.value)}
          data-testid="coach-check-input"
        />
        <Button type="submit" disabled={manual.trim() === ''} data-testid="coach-check-submit">
          {t('coach.station.manualSubmit')}
        </Button>
      </form>
      {note && (
        <p
          className={note.error ? 'form-error' : 'field-help'}
          role={note.error ? 'alert' : 'status'}
          data-testid="coach-check-note"
        >
          {note.text}
        </p>
      )}
      {result && (
        <ScanVerdict
          result={result}
          done={done}
          busy={busy}
          onAction={(a) => void act(a)}
          onNext={() => {
            setResult(null);
            setNote(null);
            setDone(null);
          }}
        />
      )}
    </section>
  );
}
