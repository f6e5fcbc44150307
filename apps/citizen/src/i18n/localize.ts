import { useTranslation } from 'react-i18next';

/** Picks the English value in English (falling back to Chinese when a record lacks it), else the Chinese. */
export function pick<T>(isEn: boolean, zhValue: T, enValue: T | null | undefined): T {
  if (!isEn) return zhValue;
  if (enValue === null || enValue === undefined) return zhValue;
  if (typeof enValue === 'string' && enValue.trim() === '') return zhValue;
  if (Array.isArray(enValue) && enValue.length === 0 && Array.isArray(zhValue) && zhValue.length > 0) return zhValue;
  return enValue;
}

/** The current UI language and a picker for the API's bilingual fields (name/nameEn, …). */
export function useLocale() {
  const { t, i18n } = useTranslation();
  const isEn = i18n.language === 'en';
  return {
    t,
    isEn,
    lang: isEn ? ('en' as const) : ('zh-CN' as const),
    /** `name` or `nameEn` of anything that has both. */
    name: (x: { name: string; nameEn: string }) => pick(isEn, x.name, x.nameEn),
    pick: <T>(zhValue: T, enValue: T | null | undefined) => pick(isEn, zhValue, enValue),
  };
}
