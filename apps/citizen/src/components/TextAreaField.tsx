import TextArea, { type TextAreaProps, type TextAreaRef } from 'antd-mobile/es/components/text-area';
import { useEffect, useRef } from 'react';

/**
 * antd-mobile TextArea whose ARIA state sits on the native <textarea> (antd-mobile puts unknown attributes on its
 * wrapper <div>, where aria-invalid is not allowed and screen readers do not look).
 */
export function TextAreaField({
  invalid,
  describedBy,
  required,
  testId,
  className,
  ...props
}: TextAreaProps & { invalid?: boolean; describedBy?: string; required?: boolean; testId?: string }) {
  const ref = useRef<TextAreaRef>(null);
  useEffect(() => {
    const el = ref.current?.nativeElement;
    if (!el) return;
    const set = (name: string, value: string | undefined) =>
      value === undefined ? el.removeAttribute(name) : el.setAttribute(name, value);
    set('aria-invalid', invalid ? 'true' : undefined);
    set('aria-describedby', describedBy);
    set('aria-required', required ? 'true' : undefined);
    set('data-testid', testId);
  }, [invalid, describedBy, required, testId]);
  return <TextArea ref={ref} {...props} className={['case-textarea', className].filter(Boolean).join(' ')} />;
}
