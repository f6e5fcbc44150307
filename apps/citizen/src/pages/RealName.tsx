import { parseResidentId } from '@yss/contracts';
import Result from 'antd-mobile/es/components/result';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { identity } from '../api/identity';
import { FormField } from '../components/FormField';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { SubmitForm } from '../components/SubmitForm';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { RequireAuth, safeNext, useAuth } from '../state/auth';

const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·•.\s]{2,30}$/u;

function RealNameForm() {
  const { t } = useLocale();
  const auth = useAuth();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [idError, setIdError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const checkName = (): string | null => {
    const value = name.trim().replace(/\s+/g, ' ');
    if (!value) {
      setNameError(t('realName.nameRequired'));
      return null;
    }
    if (!NAME_PATTERN.test(value)) {
      setNameError(t('realName.nameInvalid'));
      return null;
    }
    setNameError(null);
    return value;
  };

  const checkId = (): string | null => {
    if (!idNumber) {
      setIdError(t('realName.idErrors.empty'));
      return null;
    }
    // The same GB 11643 check the server runs (format, region, birth date, MOD 11-2 check character).
    const result = parseResidentId(idNumber);
    if (!result.ok) {
      setIdError(t(`realName.idErrors.${result.reason}`));
      return null;
    }
    setIdError(null);
    return result.idNumber;
  };

  const submit = async () => {
    const n = checkName();
    const id = checkId();
    if (!n || !id) return;
    setBusy(true);
    setError(null);
    try {
      const profile = await auth.withVerification(() => identity.realName(n, id));
      auth.setAccount(profile);
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      if (isApiProblem(e) && e.code === 'ID_NUMBER_INVALID') setIdError(errorText(e, t));
      else setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card realname-form">
      <SubmitForm
        onSubmit={submit}
        busy={busy}
        submitText={t('realName.submit')}
        submitTestId="realname-submit"
        submitClassName="realname-submit"
      >
        <FormField
          label={t('realName.name')}
          testId="realname-name"
          value={name}
          onChange={(v) => {
            setName(v);
            setNameError(null);
          }}
          onBlur={() => name.trim() && checkName()}
          placeholder={t('realName.namePlaceholder')}
          autoComplete="name"
          maxLength={30}
          required
          error={nameError}
        />
        <FormField
          label={t('realName.idNumber')}
          testId="realname-id"
          value={idNumber}
          onChange={(v) => {
            setIdNumber(
              v
                .toUpperCase()
                .replace(/[^\dX]/g, '')
                .slice(0, 18),
            );
            setIdError(null);
          }}
          onBlur={() => idNumber && checkId()}
          placeholder={t('realName.idPlaceholder')}
          autoComplete="off"
          maxLength={18}
          required
          error={idError}
          help={t('realName.idHelp')}
        />
        {error && (
          <p className="form-error" role="alert" tabIndex={-1} ref={errorRef}>
            {error}
          </p>
        )}
      </SubmitForm>
    </section>
  );
}

function RealNameDone() {
  const { t } = useLocale();
  const { account } = useAuth();
  const [params] = useSearchParams();
  const next = params.get('next');
  if (!account?.realName) return null;
  const { realName } = account;
  return (
    <>
      <section className="card" role="status">
        <Result status="success" title={t('realName.doneTitle')} description={t('realName.doneBody')} />
        <dl className="identity-facts">
          <div>
            <dt>{t('realName.name')}</dt>
            <dd>{realName.nameMasked}</dd>
          </div>
          <div>
            <dt>{t('realName.idNumber')}</dt>
            <dd>{realName.idNumberMasked}</dd>
          </div>
        </dl>
      </section>
      {(account.passkeyCount === 0 || !account.hasPin) && (
        <section className="card suggest-card">
          <h2>{t('realName.nextTitle')}</h2>
          {account.passkeyCount === 0 && (
            <Link to="/me/security?setup=passkey" className="suggest-item">
              <Icon name="face-scan" className="suggest-icon" />
              <span>
                <strong>{t('realName.suggestPasskey')}</strong>
                <span className="suggest-desc">{t('realName.suggestPasskeyDesc')}</span>
              </span>
              <Icon name="right" className="suggest-arrow" />
            </Link>
          )}
          {!account.hasPin && (
            <Link to="/me/security?setup=pin" className="suggest-item">
              <Icon name="lock" className="suggest-icon" />
              <span>
                <strong>{t('realName.suggestPin')}</strong>
                <span className="suggest-desc">{t('realName.suggestPinDesc')}</span>
              </span>
              <Icon name="right" className="suggest-arrow" />
            </Link>
          )}
        </section>
      )}
      {next && (
        <p className="page-actions">
          <Link to={safeNext(next)} className="state-link">
            {t('realName.continue')}
          </Link>
        </p>
      )}
    </>
  );
}

function RealNameBody() {
  const { t } = useLocale();
  const { account } = useAuth();
  if (account?.realName) return <RealNameDone />;
  return (
    <>
      <section className="card intro-card">
        <Icon name="shield-check" className="intro-icon" />
        <div>
          <p className="intro-title">{t('realName.reason')}</p>
          <p className="intro-desc">{t('realName.privacy')}</p>
        </div>
      </section>
      <RealNameForm />
    </>
  );
}

/** 实名认证: bind the account to a real person (name + resident ID number, checked by the 公安 register). */
export default function RealName() {
  const { t } = useLocale();
  return (
    <Page title={t('realName.title')}>
      <RequireAuth>
        <RealNameBody />
      </RequireAuth>
    </Page>
  );
}
