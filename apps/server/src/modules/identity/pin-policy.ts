/**
 * Weak 6-digit PINs (支付密码) are refused: repeated digits, runs up or down, short repeated patterns,
 * and forms of the holder's birth date — the first things someone holding the phone would try.
 */
export function pinWeakness(pin: string, birthDate?: string | null): string | null {
  if (!/^\d{6}$/.test(pin)) return '密码为6位数字';
  if (/^(\d)\1{5}$/.test(pin)) return '请勿使用相同的数字（如111111）';
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return '请勿使用连续的数字（如123456）';
  if (/^(\d\d)\1\1$/.test(pin) || /^(\d\d\d)\1$/.test(pin)) return '请勿使用重复的数字组合（如121212、123123）';
  if (birthDate) {
    const [y = '', m = '', d = ''] = birthDate.split('-');
    const forms = [y.slice(2) + m + d, m + d + y.slice(2), d + m + y.slice(2), y + m.slice(0, 2)];
    if (forms.includes(pin)) return '请勿使用生日作为密码';
  }
  return null;
}
