import { useLocale } from '../i18n/localize';

/**
 * A department's code in the UI language: in Chinese the department's own name, in English the translation under
 * `welfare.<key>.<code>` (the department's name for a code we do not know).
 */
export function useWelfareLabel() {
  const { t, isEn } = useLocale();
  return (key: string, code: string, departmentName: string) =>
    isEn ? t(`welfare.${key}.${code}`, { defaultValue: departmentName }) : departmentName;
}
