import type { LoginMethod, PasskeySummary } from '@yss/contracts';
import Button, { type ButtonRef } from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import List from 'antd-mobile/es/components/list';
import Popup from 'antd-mobile/es/components/popup';
import Radio from 'antd-mobile/es/components/radio';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { identity } from '../api/identity';
import { Icon } from '../components/icons';
import { Page } from '../components/Page';
import { PinInput } from '../components/PinInput';
import { ListSkeleton } from '../components/States';
import { TextField } from '../components/TextField';
import { useLocale } from '../i18n/localize';
import { deviceName } from '../lib/device-name';
import { errorText } from '../lib/errors';
import { browserSupportsWebAuthn, createPasskey, isWebAuthnFailure, webAuthnMessage } from '../lib/webauthn';
import { RequireAuth, useAuth } from '../state/auth';

function useDate() {
  const { lang } = useLocale();
  return (iso: string | null) => {
    if (!iso) return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? iso
      : d.toLocaleDateString(lang, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  };
}

/* ── 默认登录方式 ────────────────────────────────────────────────────────────────────────────────────── */

function DefaultMethod() {
  const { t } = useLocale();
  const auth = useAuth();
  const account = auth.account;
  const headingId = useId();
  const [saving, setSaving] = useState(false);
  if (!account) return null;

  const options: Array<{ id: LoginMethod; disabledReason: string | null }> = [
    { id: 'passkey', disabledReason: account.passkeyCount === 0 ? t('security.needPasskey') : null },
    { id: 'pin', disabledReason: account.hasPin ? null : t('security.needPin') },
    { id: 'sms', disabledReason: null },
  ];

  const change = async (method: LoginMethod) => {
    if (method === account.defaultLoginMethod) return;
    setSaving(true);
    try {
      auth.setAccount(await auth.withVerification(() => identity.setDefaultMethod(method)));
      Toast.show({ icon: 'success', content: t('security.defaultSaved') });
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t), duration: 3000 });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card flush" aria-labelledby={headingId}>
      <h2 id={headingId} className="list-heading">
        {t('security.defaultTitle')}
      </h2>
      <p className="card-intro">{t('security.defaultDesc')}</p>
      <Radio.Group value={account.defaultLoginMethod} onChange={(v) => void change(v as LoginMethod)}>
        <div role="radiogroup" aria-labelledby={headingId}>
          <List className="radio-list">
            {options.map((o) => (
              <List.Item key={o.id} description={o.disabledReason ?? undefined}>
                <Radio
                  value={o.id}
                  disabled={saving || o.disabledReason !== null}
                  block
                  data-testid={`default-method-${o.id}`}
                >
                  {t(`login.method.${o.id}`)}
                </Radio>
              </List.Item>
            ))}
          </List>
        </div>
      </Radio.Group>
    </section>
  );
}

/* ── 刷脸登录 (passkeys) ─────────────────────────────────────────────────────────────────────────────── */

function RenameSheet({
  passkey,
  onClose,
  onSaved,
}: {
  passkey: PasskeySummary | null;
  onClose: () => void;
  onSaved: (nickname: string) => void;
}) {
  const { t } = useLocale();
  const auth = useAuth();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const inputId = useId();

  useEffect(() => {
    setValue(passkey?.nickname ?? '');
    setError(null);
  }, [passkey]);

  const save = async () => {
    if (!passkey) return;
    const nickname = value.trim();
    if (!nickname) {
      setError(t('security.nameRequired'));
      return;
    }
    setBusy(true);
    try {
      await auth.withVerification(() => identity.renamePasskey(passkey.id, nickname));
      onSaved(nickname);
    } catch (e) {
      if (!isVerificationCancelled(e)) setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popup visible={passkey !== null} onMaskClick={onClose} onClose={onClose} showCloseButton destroyOnClose>
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="sheet">
        <h2 id={titleId} className="sheet-title">
          {t('security.renameTitle')}
        </h2>
        <div className="field">
          <label htmlFor={inputId} className="field-label">
            {t('security.nameLabel')}
          </label>
          <TextField
            id={inputId}
            value={value}
            onChange={(v) => {
              setValue(v);
              setError(null);
            }}
            maxLength={30}
            clearable
            onEnterPress={save}
            aria-invalid={error ? true : undefined}
          />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <Button block color="primary" size="large" loading={busy} onClick={save}>
          {t('common.save')}
        </Button>
      </div>
    </Popup>
  );
}

function Passkeys({ highlight }: { highlight: boolean }) {
  const { t, lang } = useLocale();
  const auth = useAuth();
  const account = auth.account;
  const date = useDate();
  const headingId = useId();
  const [list, setList] = useState<PasskeySummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<PasskeySummary | null>(null);
  const addRef = useRef<ButtonRef>(null);
  const canPasskey = browserSupportsWebAuthn();

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per mount
  const load = useCallback(() => {
    setLoadError(null);
    auth
      .withVerification(() => identity.passkeys())
      .then(setList, (e: unknown) => {
        if (!isVerificationCancelled(e)) setLoadError(errorText(e, t));
        else setLoadError(t('security.listLocked'));
      });
  }, []);
  useEffect(load, [load]);

  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(() => {
      addRef.current?.nativeElement?.scrollIntoView({ block: 'center' });
      addRef.current?.nativeElement?.focus();
    }, 300);
    return () => clearTimeout(timer);
  }, [highlight]);

  if (!account) return null;
  const realNameDone = account.realName !== null;

  const add = async () => {
    setAdding(true);
    try {
      const created = await auth.withVerification(
        async () => {
          const options = await identity.passkeyRegistrationOptions();
          const response = await createPasskey(options);
          return identity.registerPasskey(response, deviceName(navigator.userAgent, lang));
        },
        { enrol: true },
      );
      setList((current) => [...(current ?? []).filter((p) => p.id !== created.id), created]);
      await auth.refresh();
      Toast.show({ icon: 'success', content: t('security.passkeyAdded') });
    } catch (e) {
      if (!isVerificationCancelled(e)) {
        Toast.show({
          content: errorText(e, t, (x) => (isWebAuthnFailure(x) ? webAuthnMessage(x, t) : null)),
          duration: 3500,
        });
      }
    } finally {
      setAdding(false);
    }
  };

  const remove = async (passkey: PasskeySummary) => {
    const confirmed = await Dialog.confirm({
      title: t('security.deleteTitle', { name: passkey.nickname }),
      content: t('security.deleteBody'),
      confirmText: t('security.delete'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    try {
      await auth.withVerification(() => identity.deletePasskey(passkey.id));
      setList((current) => (current ?? []).filter((p) => p.id !== passkey.id));
      await auth.refresh();
      Toast.show({ icon: 'success', content: t('security.deleted') });
    } catch (e) {
      if (!isVerificationCancelled(e)) Toast.show({ content: errorText(e, t), duration: 3000 });
    }
  };

  return (
    <section className="card" aria-labelledby={headingId} id="passkeys">
      <div className="section-head">
        <h2 id={headingId}>{t('security.passkeyTitle')}</h2>
        {list && list.length > 0 && (
          <Tag color="success" fill="outline">
            {t('security.enabled')}
          </Tag>
        )}
      </div>
      <p className="card-desc">{t('security.passkeyDesc')}</p>
      {loadError ? (
        <div className="inline-error" role="alert">
          <p>{loadError}</p>
          <Button size="small" color="primary" fill="outline" className="inline-retry" onClick={load}>
            {t('common.retry')}
          </Button>
        </div>
      ) : list === null ? (
        <ListSkeleton rows={1} />
      ) : list.length === 0 ? (
        <p className="empty-note">{t('security.noPasskeys')}</p>
      ) : (
        <ul className="passkey-list">
          {list.map((p) => (
            <li key={p.id} className="passkey-item" data-testid="passkey-item" data-passkey-id={p.id}>
              <Icon name="face-scan" className="passkey-icon" />
              <div className="passkey-text">
                <strong className="passkey-name">{p.nickname}</strong>
                <span className="passkey-meta">
                  {t('security.addedOn', { date: date(p.createdAt) ?? '' })}
                  {p.lastUsedAt && ` · ${t('security.lastUsed', { date: date(p.lastUsedAt) ?? '' })}`}
                </span>
              </div>
              <div className="passkey-actions">
                <Button
                  size="small"
                  fill="none"
                  color="primary"
                  className="passkey-action"
                  onClick={() => setRenaming(p)}
                  aria-label={t('security.renameLabel', { name: p.nickname })}
                >
                  {t('security.rename')}
                </Button>
                <Button
                  size="small"
                  fill="none"
                  color="danger"
                  className="passkey-action"
                  onClick={() => void remove(p)}
                  aria-label={t('security.deleteLabel', { name: p.nickname })}
                >
                  {t('security.delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {!realNameDone && (
        <p className="field-help">
          {t('security.needRealName')} <Link to="/me/real-name?next=/me/security">{t('security.goRealName')}</Link>
        </p>
      )}
      {!canPasskey && <p className="field-help">{t('passkey.errors.unsupported')}</p>}
      <Button
        ref={addRef}
        block
        color="primary"
        fill={list && list.length > 0 ? 'outline' : 'solid'}
        size="large"
        className="section-action"
        loading={adding}
        disabled={!realNameDone || !canPasskey}
        onClick={add}
        data-testid="passkey-add"
      >
        <Icon name="plus" /> {t('security.addPasskey')}
      </Button>
      <RenameSheet
        passkey={renaming}
        onClose={() => setRenaming(null)}
        onSaved={(nickname) => {
          const id = renaming?.id;
          setList((current) => (current ?? []).map((p) => (p.id === id ? { ...p, nickname } : p)));
          setRenaming(null);
          Toast.show({ icon: 'success', content: t('security.renamed') });
        }}
      />
    </section>
  );
}

/* ── 支付密码 ───────────────────────────────────────────────────────────────────────────────────────── */

type PinStep = 'current' | 'new' | 'confirm';

function PinSheet({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const { t } = useLocale();
  const auth = useAuth();
  const changing = auth.account?.hasPin === true;
  const first: PinStep = changing ? 'current' : 'new';
  const [step, setStep] = useState<PinStep>(first);
  const [value, setValue] = useState('');
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const steps: PinStep[] = changing ? ['current', 'new', 'confirm'] : ['new', 'confirm'];

  useEffect(() => {
    if (!visible) return;
    setStep(first);
    setValue('');
    setCurrent('');
    setFresh('');
    setError(null);
  }, [visible, first]);

  const go = (next: PinStep, message: string | null = null) => {
    setStep(next);
    setValue('');
    setError(message);
  };

  const filled = async (pin: string) => {
    if (busy) return;
    if (step === 'current') {
      setCurrent(pin);
      go('new');
      return;
    }
    if (step === 'new') {
      setFresh(pin);
      go('confirm');
      return;
    }
    if (pin !== fresh) {
      go('new', t('pin.mismatch'));
      return;
    }
    setBusy(true);
    try {
      await auth.withVerification(() => identity.setPin(pin, changing ? current : undefined), { enrol: true });
      await auth.refresh();
      Toast.show({ icon: 'success', content: changing ? t('pin.changed') : t('pin.set') });
      onClose();
    } catch (e) {
      if (isVerificationCancelled(e)) {
        go('confirm');
      } else if (isApiProblem(e) && e.code === 'PIN_INVALID' && changing) {
        go('current', errorText(e, t));
      } else if (isApiProblem(e) && e.code === 'PIN_LOCKED') {
        setError(errorText(e, t));
        setValue('');
      } else {
        go('new', errorText(e, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const prompt = step === 'current' ? t('pin.current') : step === 'new' ? t('pin.new') : t('pin.confirm');
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} showCloseButton destroyOnClose>
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="sheet pin-sheet">
        <h2 id={titleId} className="sheet-title">
          {changing ? t('pin.changeTitle') : t('pin.setTitle')}
        </h2>
        <p className="sheet-steps">
          {t('pin.step', { step: String(steps.indexOf(step) + 1), total: String(steps.length) })}
        </p>
        <p className="pin-prompt" aria-live="polite">
          {prompt}
        </p>
        <PinInput
          key={step}
          value={value}
          onChange={(v) => {
            setValue(v);
            if (v) setError(null);
          }}
          onFill={(v) => void filled(v)}
          label={prompt}
          error={Boolean(error)}
          disabled={busy}
          autoFocus
          footer={
            <>
              {error && (
                <p className="form-error pin-error" role="alert">
                  {error}
                </p>
              )}
              <p className="field-help pin-help">{step === 'current' ? t('pin.forgotHint') : t('pin.rules')}</p>
            </>
          }
        />
      </div>
    </Popup>
  );
}

function PinSection({ openOnStart }: { openOnStart: boolean }) {
  const { t } = useLocale();
  const { account } = useAuth();
  const headingId = useId();
  const realNameDone = account?.realName !== null && account?.realName !== undefined;
  const [open, setOpen] = useState(openOnStart && realNameDone && account?.hasPin === false);
  if (!account) return null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>{t('pin.title')}</h2>
        <Tag color={account.hasPin ? 'success' : 'default'} fill="outline">
          {account.hasPin ? t('pin.statusSet') : t('pin.statusNotSet')}
        </Tag>
      </div>
      <p className="card-desc">{t('pin.desc')}</p>
      {!realNameDone && (
        <p className="field-help">
          {t('security.needRealName')} <Link to="/me/real-name?next=/me/security">{t('security.goRealName')}</Link>
        </p>
      )}
      <Button
        block
        color="primary"
        fill="outline"
        size="large"
        className="section-action"
        disabled={!realNameDone}
        onClick={() => setOpen(true)}
        data-testid="pin-setup"
      >
        {account.hasPin ? t('pin.changeTitle') : t('pin.setTitle')}
      </Button>
      <PinSheet visible={open} onClose={() => setOpen(false)} />
    </section>
  );
}

/** 登录方式: default method, 刷脸登录 devices, 支付密码. */
export default function Security() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const setup = params.get('setup');
  return (
    <Page title={t('security.title')}>
      <RequireAuth>
        <DefaultMethod />
        <Passkeys highlight={setup === 'passkey'} />
        <PinSection openOnStart={setup === 'pin'} />
      </RequireAuth>
    </Page>
  );
}
