import type { ReactNode } from 'react';

/**
 * A row of mutually exclusive buttons (aria-pressed on the chosen one), as the lookups use to pick how many
 * months to show: one tap, no dropdown, readable in 关怀模式.
 */
export function Segmented<T extends string | number>({
  label,
  options,
  value,
  onChange,
  testId,
  text,
}: {
  /** What is chosen, for screen readers (the row has no visible label). */
  label: string;
  options: readonly T[];
  value: T;
  onChange: (option: T) => void;
  testId: (option: T) => string;
  text: (option: T) => ReactNode;
}) {
  return (
    <fieldset className="segmented" aria-label={label}>
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
