import type { RecordSource } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useEffect, useId, useState } from 'react';
import { type ApiProblem, isApiProblem, isVerificationCancelled } from '../api/client';
import {
  type Credentials,
  education,
  type GaokaoKind,
  type GaokaoResult,
  type GaokaoTicket,
  saveBlob,
} from '../api/education';
import { CredentialForm, Fields, ScoresTable } from '../components/ExamParts';
import { Page, useGoBack } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './education.css';

type Record_ = GaokaoTicket | GaokaoResult;

function dateText(iso: string, lang: string) {
  const [y, m, d] = iso.split('-').map(Number);
  return lang === 'en' ? iso : `${y}年${m}月${d}日`;
}

function TicketView({ r }: { r: GaokaoTicket }) {
  const { t, lang } = useLocale();
  return (
    <>
      <Fields
        rows={[
          [t('education.exams.name'), r.name],
          [t('education.exams.candidateNumber'), r.candidateNumber],
          [t('education.gaokao.admissionTicketNumber'), r.admissionTicketNumber],
          [t('education.gaokao.idNumber'), r.idNumberMasked],
          [t('education.gaokao.track'), r.trackName],
          [t('education.gaokao.examCentre'), r.examCentre.name],
          [t('education.gaokao.examCentreAddress'), r.examCentre.address],
        ]}
      />
      <h3 className="edu-sub">{t('education.gaokao.timetable')}</h3>
      <table className="data-table edu-table edu-timetable">
        <caption className="visually-hidden">{t('education.gaokao.timetable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('education.gaokao.date')}</th>
            <th scope="col">{t('education.gaokao.time')}</th>
            <th scope="col">{t('education.exams.subject')}</th>
          </tr>
        </thead>
        <tbody>
          {r.timetable.map((s) => (
            <tr key={`${s.date}-${s.start}-${s.subject}`}>
              <th scope="row">{dateText(s.date, lang)}</th>
              <td>
                {s.start}–{s.end}
              </td>
              <td>{s.subject}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ResultView({ r }: { r: GaokaoResult }) {
  const { t } = useLocale();
  const a = r.admission;
  return (
    <>
      <Fields
        rows={[
          [t('education.exams.name'), r.name],
          [t('education.exams.candidateNumber'), r.candidateNumber],
          [t('education.gaokao.track'), r.trackName],
        ]}
      />
      {r.scores && r.total !== null ? (
        <ScoresTable scores={r.scores} total={r.total} fullMarks={r.fullMarks} />
      ) : (
        <p className="edu-notice">{t('education.gaokao.notPublished')}</p>
      )}
      <h3 className="edu-sub">{t('education.gaokao.admission')}</h3>
      <Fields
        rows={[
          [t('education.gaokao.admissionStatus'), a.statusName],
          ...(a.institution ? [[t('education.gaokao.institution'), a.institution] as [string, string]] : []),
          ...(a.major ? [[t('education.gaokao.major'), a.major] as [string, string]] : []),
          ...(a.levelName ? [[t('education.gaokao.level'), a.levelName] as [string, string]] : []),
        ]}
      />
    </>
  );
}

/** One record with its PDF download (by login: the number; by 考生号 + password: the credentials again). */
function RecordCard({
  kind,
  record,
  source,
  pdfBy,
  children,
}: {
  kind: GaokaoKind;
  record: Record_;
  source: RecordSource;
  pdfBy: { candidateNumber: string } | Credentials;
  children?: React.ReactNode;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const download = async () => {
    setState('busy');
    setError(null);
    try {
      const blob = await auth.withVerification(() => education.gaokaoPdf(kind, city, pdfBy));
      const word = kind === 'ticket' ? '高考准考证' : '高考成绩';
      saveBlob(blob, `${record.examYear}年${word}-${record.candidateNumber}.pdf`);
      setState('done');
    } catch (e) {
      setState('idle');
      if (isVerificationCancelled(e)) return;
      setError(t('education.gaokao.downloadFailed', { reason: errorText(e, t) }));
    }
  };
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`gaokao-${kind}-record`}>
      <h2 id={headingId} className="section-title">
        {t(kind === 'ticket' ? 'education.gaokao.ticketHeading' : 'education.gaokao.resultsHeading', {
          year: record.examYear,
        })}
      </h2>
      {kind === 'ticket' ? <TicketView r={record as GaokaoTicket} /> : <ResultView r={record as GaokaoResult} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="edu-actions">
        <Button
          block
          color="primary"
          loading={state === 'busy'}
          disabled={state === 'busy'}
          onClick={() => void download()}
          data-testid={`gaokao-${kind}-download`}
        >
          {state === 'busy'
            ? t('education.gaokao.downloading')
            : t(kind === 'ticket' ? 'education.gaokao.downloadTicket' : 'education.gaokao.downloadResults')}
        </Button>
        {state === 'done' && (
          <p className="field-help" role="status">
            {t('education.gaokao.downloaded')}
          </p>
        )}
        {children}
      </div>
      <SourceNote source={source} />
    </section>
  );
}

function OwnRecords({ kind }: { kind: GaokaoKind }) {
  const { t } = useLocale();
  const auth = useAuth();
  const goBack = useGoBack();
  const { city } = usePreferences();
  const [data, setData] = useState<{ records: Record_[]; source: RecordSource } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on city or retry
  useEffect(() => {
    let live = true;
    setData(null);
    setProblem(null);
    const load = async () =>
      kind === 'ticket'
        ? education.gaokaoTickets(city).then((d) => ({ records: d.tickets as Record_[], source: d.source }))
        : education.gaokaoResults(city).then((d) => ({ records: d.results as Record_[], source: d.source }));
    auth.withVerification(load).then(
      (d) => live && setData(d),
      (e: unknown) => {
        if (!live) return;
        if (isVerificationCancelled(e)) {
          if (!e.redirected) goBack();
          return;
        }
        if (isApiProblem(e)) setProblem(e);
      },
    );
    return () => {
      live = false;
    };
  }, [kind, city, attempt]);

  if (problem)
    return (
      <ErrorState problem={problem} onRetry={() => setAttempt((n) => n + 1)} title={t('education.gaokao.failed')} />
    );
  if (!data) return <ListSkeleton rows={5} />;
  if (data.records.length === 0)
    return (
      <>
        <EmptyState title={t('education.gaokao.noneTitle')} description={t('education.gaokao.noneDesc')} />
        <SourceNote source={data.source} />
      </>
    );
  return (
    <>
      {data.records.map((r) => (
        <RecordCard
          key={r.candidateNumber}
          kind={kind}
          record={r}
          source={{ department: data.source.department, updatedAt: r.updatedAt }}
          pdfBy={{ candidateNumber: r.candidateNumber }}
        />
      ))}
    </>
  );
}

function ByNumber({ kind }: { kind: GaokaoKind }) {
  const { t } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<{ record: Record_; source: RecordSource; credentials: Credentials } | null>(null);

  const submit = async (candidateNumber: string, password: string) => {
    setBusy(true);
    setError(null);
    const credentials = { candidateNumber, password };
    try {
      const got = await auth.withVerification(async () =>
        kind === 'ticket'
          ? education
              .gaokaoTicketByNumber(city, credentials)
              .then((d) => ({ record: d.ticket as Record_, source: d.source }))
          : education
              .gaokaoResultByNumber(city, credentials)
              .then((d) => ({ record: d.result as Record_, source: d.source })),
      );
      setFound({ ...got, credentials });
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      setError(isApiProblem(e) && e.errors[0] ? e.errors[0].message : errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  if (found)
    return (
      <RecordCard kind={kind} record={found.record} source={found.source} pdfBy={found.credentials}>
        <Button block onClick={() => setFound(null)} data-testid="gaokao-again">
          {t('education.exams.queryAnother')}
        </Button>
      </RecordCard>
    );
  return (
    <section className="card">
      <CredentialForm
        numberLabel={t('education.exams.candidateNumber')}
        numberPlaceholder={t('education.exams.candidatePlaceholder')}
        testPrefix="gaokao"
        busy={busy}
        error={error}
        onSubmit={(n, p) => void submit(n, p)}
      />
    </section>
  );
}

/** 高考准考证查询及下载 / 高考成绩查询 (E3): as the candidate logged in, or with 考生号 + 密码; PDF download. */
export default function Gaokao({ kind }: { kind: GaokaoKind }) {
  const { t } = useLocale();
  const [who, setWho] = useState<'self' | 'number'>('self');
  return (
    <Page title={t(kind === 'ticket' ? 'education.gaokao.ticketTitle' : 'education.gaokao.resultsTitle')}>
      <p className="page-intro">
        {t(kind === 'ticket' ? 'education.gaokao.ticketIntro' : 'education.gaokao.resultsIntro')}
      </p>
      <Segmented
        className="edu-who"
        label={t('education.gaokao.whoLabel')}
        options={['self', 'number'] as const}
        value={who}
        onChange={setWho}
        testId={(w) => `gaokao-who-${w}`}
        text={(w) => (
          <>
            {t(w === 'self' ? 'education.gaokao.self' : 'education.gaokao.byNumber')}
            <small>{t(w === 'self' ? 'education.gaokao.selfHint' : 'education.gaokao.byNumberHint')}</small>
          </>
        )}
      />
      <RequireAuth>
        {who === 'self' ? <OwnRecords key={kind} kind={kind} /> : <ByNumber key={kind} kind={kind} />}
      </RequireAuth>
    </Page>
  );
}
