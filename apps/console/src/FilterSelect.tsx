import { Select, type SelectProps, Space } from 'antd';

type Props<V> = Omit<SelectProps<V>, 'aria-labelledby' | 'style'> & {
  /** The Select's data-testid; its visible label's id is `<testId>-label`. */
  testId: string;
  label: string;
  width: number;
};

/** One filter of a list page: its visible label (the Select's accessible name) and the Select. */
export function FilterSelect<V>({ testId, label, width, ...select }: Props<V>) {
  return (
    <Space>
      <span id={`${testId}-label`}>{label}</span>
      <Select<V> aria-labelledby={`${testId}-label`} data-testid={testId} style={{ width }} {...select} />
    </Space>
  );
}
