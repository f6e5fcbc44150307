import { Alert, Form, Modal } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { errorText } from './api';

/**
 * Sending what a dialog or drawer checked: `saving` while the request runs, and the server's problem (its Chinese
 * detail) kept to be shown. `onFailure` may take a failure itself (answers true), e.g. a conflict the caller
 * handles by reloading.
 */
export function useSubmission() {
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = useCallback(async (run: () => Promise<void>, onFailure?: (err: unknown) => boolean) => {
    setProblem(null);
    setSaving(true);
    try {
      await run();
    } catch (err) {
      if (!onFailure?.(err)) setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  }, []);
  return { saving, problem, setProblem, send };
}

/** The problem of a dialog's or drawer's last attempt, above its form (announced: role alert). */
export function ProblemAlert({ problem, testId }: { problem: string | null; testId: string }) {
  if (!problem) return null;
  return (
    <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 16 }} data-testid={testId} />
  );
}

/** What a contract schema's safeParse answers (zod), as far as the dialog reads it. */
type Checked<T> = { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } };

interface ValidatedModalProps<T> {
  title: string;
  okText: string;
  danger?: boolean;
  /** `<testId>-confirm` on the OK button, `<testId>-error` on the server's problem. */
  testId: string;
  /** What the dialog says above its field. */
  intro: ReactNode;
  /** The one field: its input's id, its label, and a hint under it. */
  field: { id: string; label: string; extra?: string };
  /** The input checked with the contract's schema (its Chinese messages), before anything is sent. */
  check(): Checked<T>;
  /** The field's message when the schema gives none. */
  fallbackMessage: string;
  /** Send the checked input; a failure is shown as the problem and the dialog stays open. */
  send(body: T): Promise<void>;
  onClose(): void;
  /** The field's input: `invalid` for aria-invalid, `submit` for Enter. */
  children(o: { invalid: boolean; submit(): void }): ReactNode;
}

/**
 * A dialog with one field, checked with the contract's schema before sending (the message under the field), and
 * the server's problem shown above the form when it refuses (e.g. 号源: 修改人数, 停用).
 */
export function ValidatedModal<T>(p: ValidatedModalProps<T>) {
  const [fieldError, setFieldError] = useState<string | null>(null);
  const { saving, problem, send } = useSubmission();

  const submit = async () => {
    const checked = p.check();
    if (!checked.success) {
      setFieldError(checked.error.issues[0]?.message ?? p.fallbackMessage);
      return;
    }
    setFieldError(null);
    await send(() => p.send(checked.data));
  };

  return (
    <Modal
      open
      title={p.title}
      okText={p.okText}
      cancelText="取消"
      okButtonProps={{ danger: p.danger, loading: saving, 'data-testid': `${p.testId}-confirm` }}
      onOk={() => void submit()}
      onCancel={p.onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
    >
      {p.intro}
      <ProblemAlert problem={problem} testId={`${p.testId}-error`} />
      <Form layout="vertical" component="div">
        <Form.Item
          label={p.field.label}
          htmlFor={p.field.id}
          required
          extra={p.field.extra}
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError}
        >
          {p.children({ invalid: fieldError !== null, submit: () => void submit() })}
        </Form.Item>
      </Form>
    </Modal>
  );
}
