import { APPOINTMENT_SUBJECT_KINDS, type AppointmentSubject, type AppointmentSubjectKind } from '@yss/contracts';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { appointmentsApi } from '../api/appointments';
import { type ApiProblem, isApiProblem } from '../api/client';
import { Icon } from '../components/icons';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';

/**
 * 选择车辆 (年审预约): the applicant's own records the booking can be for, read from the department when the page
 * opens, as radio cards (label, then detail). One record is chosen for the citizen when it is the only one.
 */
export function SubjectPicker({
  serviceId,
  kind,
  forId,
  chosen,
  onChoose,
}: {
  serviceId: string;
  kind: AppointmentSubjectKind;
  /** 为他人办理: the delegation whose principal's records are listed (null: the citizen's own). */
  forId: string | null;
  chosen: AppointmentSubject | null;
  onChoose: (subject: AppointmentSubject | null) => void;
}) {
  const { t, pick } = useLocale();
  const { city } = usePreferences();
  const words = APPOINTMENT_SUBJECT_KINDS[kind];
  const [subjects, setSubjects] = useState<AppointmentSubject[] | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const headingId = useId();
  const seq = useRef(0);
  // read through a ref so a parent that re-renders does not reload the list
  const choose = useRef(onChoose);
  choose.current = onChoose;

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setProblem(null);
    setSubjects(undefined);
    try {
      const answer = await appointmentsApi.subjects(serviceId, city, forId);
      if (mine !== seq.current) return;
      setSubjects(answer.subjects);
      choose.current(answer.subjects.length === 1 ? (answer.subjects[0] ?? null) : null);
    } catch (e) {
      if (mine !== seq.current) return;
      if (isApiProblem(e)) setProblem(e);
      else throw e;
    }
  }, [serviceId, city, forId]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="appt-pick appt-subjects" aria-labelledby={headingId} data-testid="book-subjects">
      <div className="appt-pick-head">
        <h2 id={headingId} className="case-step-title appt-pick-title">
          {pick(words.title, words.titleEn)}
        </h2>
      </div>
      {problem ? (
        <ErrorState
          problem={problem}
          onRetry={() => void load()}
          title={t('appointments.subject.loadFailed', { label: pick(words.label, words.labelEn) })}
        />
      ) : !subjects ? (
        <ListSkeleton rows={2} />
      ) : subjects.length === 0 ? (
        <div data-testid="book-subjects-empty">
          <EmptyState title={pick(words.none, words.noneEn)} description={t('appointments.subject.noneHint')} />
        </div>
      ) : (
        <>
          <p className="field-help appt-subject-source">{pick(words.source, words.sourceEn)}</p>
          <fieldset className="appt-subject-list">
            <legend className="visually-hidden">{pick(words.title, words.titleEn)}</legend>
            {subjects.map((s) => (
              <label key={s.id} className="card appt-subject" data-testid="book-subject">
                <input
                  type="radio"
                  name={`${headingId}-subject`}
                  value={s.id}
                  checked={chosen?.id === s.id}
                  onChange={() => onChoose(s)}
                />
                <span className="appt-subject-text">
                  <span className="appt-subject-label">
                    <Icon name="car" /> {s.label}
                  </span>
                  <span className="appt-subject-detail">{s.detail}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </>
      )}
    </section>
  );
}
