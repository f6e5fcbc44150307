import type { RecordSource } from '@yss/contracts';
import { useLocale } from '../i18n/localize';
import { chinaDateTime } from '../lib/china-time';

/** "数据由…提供 · 数据更新于 …", under every looked-up record, as the guide's pages show it. */
export function SourceNote({ source }: { source: RecordSource }) {
  const { t, lang } = useLocale();
  const at = source.updatedAt ? new Date(source.updatedAt) : null;
  const when = at ? chinaDateTime(at, lang) : null;
  return (
    <p className="source-note" data-testid="source-note">
      {t('lookups.providedBy', { department: source.department })}
      {when && ` · ${t('lookups.updatedAt', { when })}`}
    </p>
  );
}
