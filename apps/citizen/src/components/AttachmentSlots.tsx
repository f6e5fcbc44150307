import type { AttachmentSlotSpec } from '@yss/contracts';
import SpinLoading from 'antd-mobile/es/components/spin-loading';
import Toast from 'antd-mobile/es/components/toast';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { casesApi } from '../api/cases';
import { isApiProblem, isVerificationCancelled } from '../api/client';
import { useLocale } from '../i18n/localize';
import {
  formatSize,
  prepareUpload,
  revokePreview,
  type Shrinker,
  type SlotUploads,
  type UploadItem,
} from '../lib/cases';
import { errorText } from '../lib/errors';
import { useAuth } from '../state/auth';
import { Icon } from './icons';

let seq = 0;

/** The files that take a place of the slot's maximum: uploaded or uploading, not failed. */
function countedFiles(items: readonly UploadItem[]): number {
  return items.filter((i) => i.status !== 'failed').length;
}

/**
 * The files of a form's attachment slots: choosing uploads at once (shrunk photos, behind a fresh verification
 * when the server asks), deleting removes the upload on the server too. `onChange` gets every new state, so the
 * page can keep it in its draft. `shrink` is for tests (no canvas there).
 */
export function useSlotUploads(initial: SlotUploads, onChange?: (uploads: SlotUploads) => void, shrink?: Shrinker) {
  const { t } = useLocale();
  const auth = useAuth();
  const [uploads, setUploads] = useState<SlotUploads>(initial);
  const ref = useRef(uploads);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const update = useCallback((fn: (u: SlotUploads) => SlotUploads) => {
    const next = fn(ref.current);
    ref.current = next;
    setUploads(next);
    onChangeRef.current?.(next);
  }, []);

  const patch = useCallback(
    (slot: string, key: string, change: Partial<UploadItem>) =>
      update((u) => ({ ...u, [slot]: (u[slot] ?? []).map((i) => (i.key === key ? { ...i, ...change } : i)) })),
    [update],
  );

  const add = useCallback(
    async (slot: AttachmentSlotSpec, files: File[]) => {
      // A failed file keeps its place in the list (with why) but not in the count: it is not part of the case.
      const room = slot.maxFiles - countedFiles(ref.current[slot.id] ?? []);
      if (files.length > room) Toast.show({ content: t('cases.slot.tooMany', { max: String(slot.maxFiles) }) });
      const chosen = files.slice(0, Math.max(0, room));
      await Promise.all(
        chosen.map(async (file) => {
          seq += 1;
          const key = `f${seq}`;
          const isImage = file.type.startsWith('image/');
          const previewUrl =
            isImage && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined;
          update((u) => ({
            ...u,
            [slot.id]: [
              ...(u[slot.id] ?? []),
              { key, name: file.name, size: file.size, contentType: file.type, status: 'uploading', previewUrl },
            ],
          }));
          const prepared = await prepareUpload(file, shrink);
          if ('error' in prepared) {
            patch(slot.id, key, {
              status: 'failed',
              error: t(prepared.error === 'tooLarge' ? 'cases.slot.tooLarge' : 'cases.slot.type'),
            });
            return;
          }
          patch(slot.id, key, { name: prepared.name, size: prepared.body.size });
          try {
            const attachment = await auth.withVerification(() => casesApi.upload(prepared));
            patch(slot.id, key, { status: 'done', attachment, name: attachment.name, size: attachment.size });
          } catch (e) {
            if (isVerificationCancelled(e)) {
              update((u) => ({ ...u, [slot.id]: (u[slot.id] ?? []).filter((i) => i.key !== key) }));
              return;
            }
            patch(slot.id, key, { status: 'failed', error: errorText(e, t) });
          }
        }),
      );
    },
    [auth, patch, shrink, t, update],
  );

  const remove = useCallback(
    async (slot: string, item: UploadItem) => {
      if (item.attachment) {
        try {
          await auth.withVerification(() => casesApi.removeAttachment(item.attachment?.id ?? ''));
        } catch (e) {
          if (isVerificationCancelled(e)) return;
          // already gone on the server: drop it here too; anything else: say so and keep it
          if (!(isApiProblem(e) && e.code === 'ATTACHMENT_NOT_FOUND')) {
            Toast.show({ content: errorText(e, t), duration: 3000 });
            return;
          }
        }
      }
      revokePreview(item);
      update((u) => ({ ...u, [slot]: (u[slot] ?? []).filter((i) => i.key !== item.key) }));
    },
    [auth, t, update],
  );

  const reset = useCallback(() => update(() => ({})), [update]);

  return { uploads, add, remove, reset };
}

/** One kind of material: its label, required mark, count, hint, the files with their state, and the picker. */
export function AttachmentSlotField({
  slot,
  items,
  error,
  onAdd,
  onRemove,
}: {
  slot: AttachmentSlotSpec;
  items: UploadItem[];
  error?: string;
  onAdd: (files: File[]) => void;
  onRemove: (item: UploadItem) => void;
}) {
  const { t, pick, lang } = useLocale();
  const id = useId();
  const hint = slot.hint ? pick(slot.hint, slot.hintEn) : null;
  const counted = countedFiles(items);
  const full = counted >= slot.maxFiles;
  const label = pick(slot.label, slot.labelEn);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView?.({ block: 'center' });
  }, [error]);
  return (
    <fieldset
      className={error ? 'card case-slot has-error' : 'card case-slot'}
      aria-describedby={
        [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
      }
      data-testid={`slot-${slot.id}`}
    >
      <legend className="case-slot-legend">
        <span className="case-slot-label">
          {slot.required && (
            <span className="case-required" aria-hidden="true">
              *
            </span>
          )}
          {label}
          <span className="visually-hidden">{slot.required ? t('cases.required') : t('cases.optional')}</span>
        </span>
        <span className="case-slot-count" data-testid={`slot-count-${slot.id}`}>
          {t('cases.slot.count', { count: counted, max: String(slot.maxFiles) })}
        </span>
      </legend>
      {hint && (
        <p id={`${id}-hint`} className="field-help">
          {hint}
        </p>
      )}
      {items.length > 0 && (
        <ul className="case-files">
          {items.map((item) => (
            <li key={item.key} className="case-file" data-status={item.status} data-testid="upload-item">
              {item.previewUrl && item.contentType.startsWith('image/') ? (
                <img className="case-thumb" src={item.previewUrl} alt="" />
              ) : (
                <span className="case-thumb case-thumb-doc" aria-hidden="true">
                  <Icon name="document" />
                </span>
              )}
              <span className="case-file-text">
                <span className="case-file-name">{item.name}</span>
                <span className="case-file-meta" role={item.status === 'failed' ? 'alert' : undefined}>
                  {item.status === 'uploading' ? (
                    <>
                      <SpinLoading style={{ '--size': '1em' }} aria-hidden="true" /> {t('cases.slot.uploading')}
                    </>
                  ) : item.status === 'failed' ? (
                    t('cases.slot.failed', { reason: item.error ?? '' })
                  ) : (
                    formatSize(item.size, lang)
                  )}
                </span>
              </span>
              <button
                type="button"
                className="case-file-remove"
                onClick={() => onRemove(item)}
                disabled={item.status === 'uploading'}
                aria-label={t('cases.slot.removeLabel', { name: item.name })}
                data-testid="upload-remove"
              >
                <Icon name="trash" />
                <span className="case-file-remove-text">{t('cases.slot.remove')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p className="field-help">{t('cases.slot.full')}</p>
      ) : (
        <label className="case-add">
          <input
            type="file"
            className="visually-hidden"
            accept="image/*,application/pdf"
            multiple={slot.maxFiles - counted > 1}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length > 0) onAdd(files);
            }}
            data-testid={`slot-input-${slot.id}`}
          />
          <Icon name="plus" />
          <span>{items.length > 0 ? t('cases.slot.addMore') : t('cases.slot.add')}</span>
        </label>
      )}
      {error && (
        <p id={`${id}-error`} ref={errorRef} className="field-error" role="alert" data-testid={`slot-error-${slot.id}`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
