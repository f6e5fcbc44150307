import Button from 'antd-mobile/es/components/button';
import type { ReactNode } from 'react';

/**
 * A form the page checks itself (noValidate: the browser's own messages would not be in the guide's words)
 * and its one large submit button, which shows the request running and cannot be pressed twice meanwhile.
 */
export function SubmitForm({
  onSubmit,
  busy,
  submitText,
  submitTestId,
  submitClassName,
  footer,
  children,
}: {
  onSubmit: () => unknown;
  busy: boolean;
  submitText: ReactNode;
  submitTestId: string;
  submitClassName?: string;
  /** Under the button: what the form leads to, or its limits. */
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
      <Button
        block
        color="primary"
        size="large"
        type="submit"
        className={submitClassName}
        loading={busy}
        disabled={busy}
        data-testid={submitTestId}
      >
        {submitText}
      </Button>
      {footer}
    </form>
  );
}
