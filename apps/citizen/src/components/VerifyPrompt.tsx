import type { AccountProfile } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Popup from 'antd-mobile/es/components/popup';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { identity } from '../api/identity';
import { useSmsReceipt } from '../hooks/use-sms-receipt';
import { errorText } from '../lib/errors';
import { browserSupportsWebAuthn, getAssertion, isWebAuthnFailure, webAuthnMessage } from '../lib/webauthn';
import { Icon } from './icons';
import { PinInput } from './PinInput';
import { Segmented } from './Segmented';
import { TextField } from './TextField';

type Method = 'passkey' | 'pin' | 'sms';
type Choice = Method | 'none';

/**
 * The ways this account can verify: 刷脸 first, then 支付密码. An SMS code proves only the phone, so it is offered
 * solely to enrol a first passkey or PIN (`enrol`) on an account that has neither; for personal data such an
 * account has no method yet (the prompt then leads to the security settings).
 */
export function verificationMethods(
  account: Pick<AccountProfile, 'passkeyCount' | 'hasPin'>,
  enrol: boolean,
): Method[] {
  const methods: Method[] = [];
  if (account.passkeyCount > 0) methods.push('passkey');
  if (account.hasPin) methods.push('pin');
  if (methods.length === 0 && enrol) methods.push('sms');
  return methods;
}

/**
 * 身份验证: the step-up before personal data (the guide: 只有通过人脸识别验证后，才能查询所有个人信息). A bottom sheet
 * with the account's methods; resolves with the refreshed profile, or cancels.
 */
export default function VerifyPrompt({
  account,
  reason,
  enrol = false,
  onVerified,
  onCancel,
  onLeave,
}: {
  account: AccountProfile;
  /** The server's explanation (Chinese), shown in the Chinese UI. */
  reason?: string;
  enrol?: boolean;
  onVerified: (profile: AccountProfile) => void;
  onCancel: () => void;
  /** Close the prompt and go to another page (to set up a method). */
  onLeave: (to: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const methods = verificationMethods(account, enrol);
  const canPasskey = browserSupportsWebAuthn();
  const [method, setMethod] = useState<Choice>(
    methods[0] === 'passkey' && !canPasskey && methods.includes('pin') ? 'pin' : (methods[0] ?? 'none'),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const { sent, wait, accept: acceptReceipt } = useSmsReceipt();
  const titleId = useId();
  const descId = useId();
  const codeId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const webauthn = (e: unknown) => (isWebAuthnFailure(e) ? webAuthnMessage(e, t) : null);
  const fail = (e: unknown) => setError(errorText(e, t, webauthn));

  useEffect(() => {
    const frame = requestAnimationFrame(() => titleRef.current?.focus());
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('keydown', onKey);
    };
  }, [onCancel]);

  const choose = (m: Method) => {
    setMethod(m);
    setError(null);
  };

  const runPasskey = async () => {
    setBusy(true);
    setError(null);
    try {
      const options = await identity.verifyPasskeyOptions();
      const response = await getAssertion(options);
      onVerified(await identity.verifyPasskey(response));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const submitPin = async (value: string) => {
    if (busy || value.length !== 6) return;
    setBusy(true);
    setError(null);
    try {
      onVerified(await identity.verifyPin(value));
    } catch (e) {
      setPin('');
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const sendCode = async () => {
    setBusy(true);
    setError(null);
    try {
      acceptReceipt(await identity.sendVerifySms());
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async () => {
    const value = code.trim();
    if (!/^\d{6}$/.test(value)) {
      setError(t('sms.codeFormat'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The server answers 204 (an SMS re-check allows enrolment only); the fresh profile comes from GET /me.
      const profile = (await identity.verifySms(value)) ?? (await identity.me());
      onVerified(profile);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const label = (m: Method) => t(`verify.method.${m}`);

  return (
    <Popup
      visible
      onMaskClick={onCancel}
      onClose={onCancel}
      showCloseButton
      destroyOnClose
      bodyClassName="verify-popup"
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descId}
        className="verify-sheet"
        data-testid="verify-prompt"
      >
        <h2 id={titleId} ref={titleRef} tabIndex={-1} className="sheet-title">
          {t('verify.title')}
        </h2>
        <p id={descId} className="sheet-desc">
          {method === 'sms'
            ? t('verify.smsReason')
            : method === 'none'
              ? account.realName
                ? t('verify.needSetup')
                : t('verify.needRealName')
              : reason && i18n.language !== 'en'
                ? reason
                : t('verify.reason')}
        </p>

        {method === 'none' && (
          <div className="verify-panel">
            <Icon name="face-scan" className="verify-hero-icon" />
            <Button
              block
              color="primary"
              size="large"
              onClick={() => onLeave(account.realName ? '/me/security' : '/me/real-name')}
              data-testid="verify-setup"
            >
              {account.realName ? t('verify.setupAction') : t('verify.realNameAction')}
            </Button>
          </div>
        )}

        {methods.length > 1 && (
          <Segmented
            label={t('verify.chooseMethod')}
            options={methods}
            value={method}
            onChange={choose}
            testId={(m) => `verify-method-${m}`}
            text={label}
          />
        )}

        {method === 'passkey' && (
          <div className="verify-panel">
            <Icon name="face-scan" className="verify-hero-icon" />
            <p className="verify-hint">{t('verify.passkeyHint')}</p>
            <Button
              block
              color="primary"
              size="large"
              loading={busy}
              disabled={!canPasskey}
              onClick={runPasskey}
              data-testid="verify-passkey"
            >
              {t('verify.passkeyAction')}
            </Button>
            {!canPasskey && <p className="verify-hint">{t('passkey.errors.unsupported')}</p>}
          </div>
        )}

        {method === 'pin' && (
          <div className="verify-panel">
            <p className="verify-hint">{t('verify.pinHint')}</p>
            <PinInput
              value={pin}
              onChange={(v) => {
                setPin(v);
                if (v) setError(null);
              }}
              onFill={submitPin}
              label={t('verify.pinLabel')}
              testId="verify-pin"
              error={Boolean(error)}
              disabled={busy}
              autoFocus
              footer={
                error && (
                  <p className="form-error pin-error" role="alert">
                    {error}
                  </p>
                )
              }
            />
          </div>
        )}

        {method === 'sms' && (
          <div className="verify-panel">
            <p className="verify-hint">{sent ?? t('verify.smsHint', { phone: account.phoneMasked })}</p>
            <label htmlFor={codeId} className="field-label">
              {t('sms.codeLabel')}
            </label>
            <div className="code-row">
              <TextField
                id={codeId}
                value={code}
                onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
                placeholder={t('sms.codePlaceholder')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                testId="verify-sms"
                onEnterPress={submitCode}
              />
              <Button
                color="primary"
                fill="outline"
                className="code-send"
                disabled={busy || wait > 0}
                onClick={sendCode}
                data-testid="sms-send"
              >
                {wait > 0 ? t('sms.resendIn', { seconds: String(wait) }) : sent ? t('sms.resend') : t('sms.send')}
              </Button>
            </div>
            <Button
              block
              color="primary"
              size="large"
              loading={busy}
              disabled={code.length !== 6}
              onClick={submitCode}
              data-testid="verify-sms-submit"
            >
              {t('verify.confirm')}
            </Button>
          </div>
        )}

        {error && method !== 'pin' && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <Button block fill="none" className="sheet-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Popup>
  );
}
