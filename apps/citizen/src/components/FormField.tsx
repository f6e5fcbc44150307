import type { InputProps } from 'antd-mobile/es/components/input';
import { type ReactNode, useId } from 'react';
import { TextField } from './TextField';

export interface FormFieldProps extends Omit<InputProps, 'id' | 'aria-invalid' | 'aria-describedby'> {
  label: ReactNode;
  /** On the native <input> (see TextField). */
  testId: string;
  required?: boolean;
  /** The field's own error (null or undefined: none). */
  error?: string | null;
  errorTestId?: string;
  /**
   * Announce the error as it appears (role="alert"): for forms whose errors come back from the server.
   * Forms that check as the user types or leaves a field leave it off, so as not to interrupt.
   */
  alert?: boolean;
  /** A line under the field: what to enter, or what follows from it. */
  help?: ReactNode;
}

/**
 * One labelled text field of a form: the label bound to the input, then its error and its help, both linked
 * to the input by aria-describedby (aria-invalid while in error).
 */
export function FormField({ label, testId, error, errorTestId, alert, help, ...input }: FormFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <TextField
        {...input}
        id={id}
        testId={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <p id={errorId} className="field-error" role={alert ? 'alert' : undefined} data-testid={errorTestId}>
          {error}
        </p>
      )}
      {help && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}
