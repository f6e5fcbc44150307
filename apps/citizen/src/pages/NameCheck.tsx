import type { NameCheckResult } from '@yss/contracts';
import { useState } from 'react';
import { isApiProblem } from '../api/client';
import { lookups } from '../api/lookups';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { SubmitForm } from '../components/SubmitForm';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';

function Result({ r }: { r: NameCheckResult }) {
  const { t } = useLocale();
  return (
    <section className="card" aria-live="polite" data-testid="name-check-result">
      <h2 className="section-title">{t('nameCheck.resultTitle', { name: r.name })}</h2>
      <p className="big-figure" data-testid="same-name-count">
        {t('nameCheck.sameName', { count: r.sameNameCount })}
      </p>
      <p className="field-help">
        {t('nameCheck.bySex', { male: String(r.sameNameBySex.male), female: String(r.sameNameBySex.female) })}
      </p>
      {r.allStandard ? (
        <p className="check-ok" data-testid="all-standard">
          {t('nameCheck.allStandard')}
        </p>
      ) : (
        <p className="check-warn" data-testid="non-standard">
          {t('nameCheck.nonStandard', { chars: r.nonStandard.map((c) => `“${c}”`).join('、') })}
        </p>
      )}
      <p className="field-help">{t('nameCheck.tableNote')}</p>
      <SourceNote source={r.source} />
    </section>
  );
}

/** 取名查询 (E2): how many people share a name, and whether every character is in the 通用规范汉字表. */
export default function NameCheck() {
  const { t } = useLocale();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<NameCheckResult | null>(null);

  const submit = async () => {
    if (!name.trim()) {
      setError(t('nameCheck.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await lookups.nameCheck(name.trim()));
    } catch (e) {
      setResult(null);
      setError(isApiProblem(e) && e.errors[0] ? e.errors[0].message : errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('nameCheck.title')}>
      <p className="page-intro">{t('nameCheck.intro')}</p>
      <section className="card">
        <SubmitForm onSubmit={submit} busy={busy} submitText={t('nameCheck.submit')} submitTestId="name-check-submit">
          <FormField
            label={t('nameCheck.label')}
            testId="name-check-input"
            value={name}
            onChange={(v) => {
              setName(v);
              setError(null);
            }}
            placeholder={t('nameCheck.placeholder')}
            maxLength={30}
            required
            error={error}
            errorTestId="name-check-error"
            alert
          />
        </SubmitForm>
      </section>
      {result && <Result r={result} />}
    </Page>
  );
}
