import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, renderUi } from '../test/render';
import { FormField } from './FormField';

afterEach(cleanup);

describe('FormField', () => {
  it('puts aria-invalid and aria-describedby on the native input, where screen readers read them', async () => {
    const root = await renderUi(
      <FormField label="身份证号" testId="id-number" error="身份证号码有误" help="18位" required value="" />,
    );
    const input = root.querySelector('input') as HTMLInputElement;
    expect(input.getAttribute('data-testid')).toBe('id-number');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-required')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ');
    const texts = described.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(['18位', '身份证号码有误']);
    // Not on antd-mobile's wrapper, where nobody reads them with the field.
    expect(root.querySelector('div[aria-invalid], div[aria-describedby]')).toBeNull();
    expect((root.querySelector('label') as HTMLLabelElement).htmlFor).toBe(input.id);
  });

  it('drops the error state once the error is gone', async () => {
    const root = await renderUi(<FormField label="姓名" testId="name" value="" />);
    const input = root.querySelector('input') as HTMLInputElement;
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });
});
