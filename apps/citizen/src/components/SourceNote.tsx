import type { RecordSource } from '@yss/contracts';
import { useLocale } from '../i18n/localize';

/** "数据由…提供 · 数据更新于 …", under every looked-up record, as the guide's pages show it. */
export function SourceNote({ source }: { source: RecordSource }) {
  const { t, lang } = useLocale();
  const at = source.updatedAt ? new Date(source.updatedAt) : null;
  const when =
    at && !Number.isNaN(at.getTime())
      ? at.toLocaleString(lang, {
          timeZone: 'Asia/Shanghai',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        })
      : null;
  return (
    <p className="source-note" data-testid="source-note">
      {t('lookups.providedBy', { department: source.department })}
      {when && ` · ${t('lookups.updatedAt', { when })}`}
    </p>
  );
}
