import Button from 'antd-mobile/es/components/button';
import { type ReactNode, useId, useState } from 'react';
import type { SubjectScore } from '../api/education';
import { useLocale } from '../i18n/localize';
import { TextField } from './TextField';

/** Pieces shared by the 中考 and 高考 pages (E3). */

/** 准考证号/考生号 + 密码: checked here for shape (14 digits), then by the server (one answer for any miss). */
export function CredentialForm({
  numberLabel,
  numberPlaceholder,
  testPrefix,
  busy,
  error,
  onSubmit,
}: {
  numberLabel: string;
  numberPlaceholder: string;
  testPrefix: string;
  busy: boolean;
  error: string | null;
  onSubmit: (number: string, password: string) => void;
}) {
  const { t } = useLocale();
  const [number, setNumber] = useState('');
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const numberId = useId();
  const passwordId = useId();
  const errorId = useId();
  const shown = local ?? error;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const n = number.trim();
        if (!n) return setLocal(t('education.exams.required', { field: numberLabel }));
        if (!/^\d{14}$/.test(n)) return setLocal(t('education.exams.digits14', { field: numberLabel }));
        if (!password) return setLocal(t('education.exams.required', { field: t('education.exams.password') }));
        setLocal(null);
        onSubmit(n, password);
      }}
    >
      <div className="field">
        <label htmlFor={numberId} className="field-label">
          {numberLabel}
        </label>
        <TextField
          id={numberId}
          testId={`${testPrefix}-number`}
          value={number}
          onChange={(v) => {
            setNumber(v.replace(/\s/g, ''));
            setLocal(null);
          }}
          placeholder={numberPlaceholder}
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
          required
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? errorId : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={passwordId} className="field-label">
          {t('education.exams.password')}
        </label>
        <TextField
          id={passwordId}
          testId={`${testPrefix}-password`}
          type="password"
          value={password}
          onChange={(v) => {
            setPassword(v);
            setLocal(null);
          }}
          placeholder={t('education.exams.passwordPlaceholder')}
          autoComplete="off"
          maxLength={64}
          required
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? errorId : undefined}
        />
      </div>
      {shown && (
        <p id={errorId} className="form-error" role="alert" data-testid={`${testPrefix}-error`}>
          {shown}
        </p>
      )}
      <Button
        block
        color="primary"
        size="large"
        type="submit"
        loading={busy}
        disabled={busy}
        data-testid={`${testPrefix}-submit`}
      >
        {t('education.exams.query')}
      </Button>
      <p className="field-help">{t('education.exams.attemptsNote')}</p>
    </form>
  );
}

/** Label/value pairs as a description list. */
export function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="edu-fields">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Scores by subject with the total, as a captioned table. */
export function ScoresTable({
  scores,
  total,
  fullMarks,
}: {
  scores: SubjectScore[];
  total: number;
  fullMarks: number;
}) {
  const { t } = useLocale();
  return (
    <table className="data-table edu-table" data-testid="exam-scores">
      <caption className="visually-hidden">{t('education.exams.scoresCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('education.exams.subject')}</th>
          <th scope="col">{t('education.exams.fullMarks')}</th>
          <th scope="col">{t('education.exams.score')}</th>
        </tr>
      </thead>
      <tbody>
        {scores.map((s) => (
          <tr key={s.subject}>
            <th scope="row">{s.subject}</th>
            <td>{s.fullMarks}</td>
            <td>{s.score}</td>
          </tr>
        ))}
        <tr className="edu-total">
          <th scope="row">{t('education.exams.total')}</th>
          <td>{fullMarks}</td>
          <td data-testid="exam-total">{total}</td>
        </tr>
      </tbody>
    </table>
  );
}
