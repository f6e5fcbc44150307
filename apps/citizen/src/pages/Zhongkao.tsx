import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { education, type ZhongkaoResultDetails } from '../api/education';
import { CredentialForm, Fields, ScoresTable } from '../components/ExamParts';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState } from '../components/States';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './education.css';

/** 佛山: the only city offering 中考成绩查询 (the server enforces it; the page says so before anyone types). */
const FOSHAN = '440600';

function Lookup() {
  const { t } = useLocale();
  const auth = useAuth();
  const { city } = usePreferences();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [data, setData] = useState<ZhongkaoResultDetails | null>(null);
  const headingId = useId();

  const submit = async (ticketNumber: string, password: string) => {
    setBusy(true);
    setError(null);
    try {
      setData(await auth.withVerification(() => education.zhongkao(city, { ticketNumber, password })));
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      setError(isApiProblem(e) && e.errors[0] ? e.errors[0].message : errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  if (data) {
    const r = data.result;
    return (
      <section className="card" aria-labelledby={headingId} data-testid="zhongkao-result">
        <h2 id={headingId} className="section-title">
          {t('education.zhongkao.resultTitle', { year: r.examYear })}
        </h2>
        <Fields
          rows={[
            [t('education.exams.name'), r.name],
            [t('education.exams.ticketNumber'), r.ticketNumber],
            [t('education.zhongkao.school'), r.school.name],
          ]}
        />
        <ScoresTable scores={r.scores} total={r.total} fullMarks={r.fullMarks} />
        <SourceNote source={data.source} />
        <div className="edu-actions">
          <Button block onClick={() => setData(null)} data-testid="zhongkao-again">
            {t('education.exams.queryAnother')}
          </Button>
        </div>
      </section>
    );
  }
  return (
    <section className="card">
      <CredentialForm
        numberLabel={t('education.exams.ticketNumber')}
        numberPlaceholder={t('education.exams.ticketPlaceholder')}
        testPrefix="zhongkao"
        busy={busy}
        error={error}
        onSubmit={(n, p) => void submit(n, p)}
      />
    </section>
  );
}

/** 中考成绩查询 (E3, 暂仅支持佛山地区): 准考证号 + 密码, for oneself or one's child. */
export default function Zhongkao() {
  const { t, lang } = useLocale();
  const { city, cityInfo } = usePreferences();
  return (
    <Page title={t('education.zhongkao.title')}>
      <p className="page-intro">{t('education.zhongkao.intro')}</p>
      <p className="edu-notice" data-testid="zhongkao-notice">
        {t('education.zhongkao.onlyFoshan')}
      </p>
      {city !== FOSHAN ? (
        <EmptyState
          title={t('education.zhongkao.onlyFoshan')}
          description={t('education.zhongkao.switchCity', { city: lang === 'en' ? cityInfo.nameEn : cityInfo.name })}
        />
      ) : (
        <RequireAuth>
          <Lookup />
        </RequireAuth>
      )}
    </Page>
  );
}
