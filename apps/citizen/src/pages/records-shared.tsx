import { findCity } from '@yss/contracts';
import Steps from 'antd-mobile/es/components/steps';
import type { ReactNode } from 'react';
import type { ProgressStep } from '../api/records';
import { useLocale } from '../i18n/localize';
import './records.css';

/**
 * What the four records pages (身份证办理查询, 户政审批查询, 违法查询, 毕业生档案去向查询) share: loading a personal
 * lookup behind a fresh verification, the progress timeline, fact lists and code labels.
 */

/**
 * A department's code shown in the UI language: in Chinese the department's own name of the record, in
 * English the translation of the code (falling back to the department's name for a code we do not know).
 */
export function useCodeLabel() {
  const { t, isEn } = useLocale();
  return (key: string, code: string, departmentName: string) =>
    isEn ? t(`records.${key}.${code}`, { defaultValue: departmentName }) : departmentName;
}

/** The city's name in the UI language. */
export function useCityName() {
  const { name } = useLocale();
  return (code: string) => {
    const city = findCity(code);
    return city ? name(city) : code;
  };
}

const STEP_STATUS = { done: 'finish', current: 'process', pending: 'wait', rejected: 'error' } as const;

/**
 * 办理进度 as antd-mobile's vertical steps: done steps with their dates, where the case stands, the steps still
 * to come. Each step's state is also said in words for screen readers.
 */
export function ProgressTimeline({
  steps,
  stepLabel,
  testId,
}: {
  steps: readonly ProgressStep[];
  stepLabel: (s: ProgressStep) => string;
  testId?: string;
}) {
  const { t } = useLocale();
  return (
    <div className="records-progress" data-testid={testId}>
      <h3 className="records-subtitle">{t('records.progress')}</h3>
      <Steps direction="vertical">
        {steps.map((s) => (
          <Steps.Step
            key={s.step}
            status={STEP_STATUS[s.state]}
            data-testid="progress-step"
            data-state={s.state}
            title={
              <>
                {stepLabel(s)}
                <span className="visually-hidden">（{t(`records.stepState.${s.state}`)}）</span>
              </>
            }
            description={s.on ?? t('records.pendingDate')}
          />
        ))}
      </Steps>
    </div>
  );
}

/** A list of label → value facts (a <dl>); rows whose value is null or undefined are left out. */
export function Facts({ rows, testId }: { rows: readonly [string, ReactNode | null | undefined][]; testId?: string }) {
  return (
    <dl className="facts records-facts" data-testid={testId}>
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([term, value]) => (
          <div key={term}>
            <dt className="fact-term">{term}</dt>
            <dd className="fact-value">{value}</dd>
          </div>
        ))}
    </dl>
  );
}
