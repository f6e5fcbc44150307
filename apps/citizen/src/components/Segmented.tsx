import type { ReactNode } from 'react';

/**
 * A row of mutually exclusive buttons (aria-pressed on the chosen one): how many months a lookup shows, a
 * filter, a way to verify — one tap, no dropdown, readable in 关怀模式.
 */
export function Segmented<T extends string | number>({
  className,
  label,
  options,
  value,
  onChange,
  testId,
  text,
}: {
  /** Added to the row's own class (segmented). */
  className?: string;
  /** What is chosen, for screen readers (the row has no visible label). */
  label: string;
  options: readonly T[];
  /** The chosen option; anything else (null, say) leaves none pressed. */
  value: string | number | null;
  onChange: (option: T) => void;
  testId: (option: T) => string;
  text: (option: T) => ReactNode;
}) {
  return (
    <fieldset className={className ? `segmented ${className}` : 'segmented'} aria-label={label}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          className={`segmented-item${value === option ? ' active' : ''}`}
          aria-pressed={value === option}
          onClick={() => onChange(option)}
          data-testid={testId(option)}
        >
          {text(option)}
        </button>
      ))}
    </fieldset>
  );
}
