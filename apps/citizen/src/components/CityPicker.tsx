import { CITIES, type CityCode } from '@yss/contracts';
import Popup from 'antd-mobile/es/components/popup';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useId, useRef, useState } from 'react';
import { useLocale } from '../i18n/localize';
import { usePreferences } from '../state/preferences';
import { Icon } from './icons';

/**
 * The 21 cities in a bottom sheet. Each city is a button (`city-option-<code>`); the chosen one is pressed.
 * `offered` (optional) marks the cities that offer a given service first.
 */
export function CityPickerPopup({
  visible,
  onClose,
  offered,
}: {
  visible: boolean;
  onClose: () => void;
  offered?: readonly string[];
}) {
  const { t, name } = useLocale();
  const { city, setCity } = usePreferences();
  const titleId = useId();
  const listRef = useRef<HTMLDivElement>(null);

  // Move focus into the sheet as soon as it opens (the chosen city first).
  useEffect(() => {
    if (!visible) return;
    const frame = requestAnimationFrame(() => {
      const list = listRef.current;
      (list?.querySelector<HTMLButtonElement>('[aria-pressed="true"]') ?? list?.querySelector('button'))?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [visible]);

  useEffect(() => {
    if (!visible) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [visible, onClose]);

  const offeredSet = offered ? new Set(offered) : null;
  const cities = offeredSet
    ? [...CITIES.filter((c) => offeredSet.has(c.code)), ...CITIES.filter((c) => !offeredSet.has(c.code))]
    : CITIES;

  const pick = (code: CityCode) => {
    const chosen = CITIES.find((c) => c.code === code);
    setCity(code);
    onClose();
    if (chosen && code !== city) Toast.show({ content: t('city.changed', { city: name(chosen) }), position: 'bottom' });
  };

  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      showCloseButton
      bodyClassName="city-popup"
      destroyOnClose
    >
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="city-dialog">
        <h2 id={titleId} className="city-dialog-title">
          {t('city.pickerTitle')}
        </h2>
        <p className="city-dialog-hint">{t('city.pickerHint')}</p>
        <div className="city-grid" ref={listRef}>
          {cities.map((c) => {
            const selected = c.code === city;
            const dim = offeredSet ? !offeredSet.has(c.code) : false;
            return (
              <button
                key={c.code}
                type="button"
                className={`city-option${selected ? ' selected' : ''}${dim ? ' dim' : ''}`}
                data-testid={`city-option-${c.code}`}
                aria-pressed={selected}
                onClick={() => pick(c.code)}
              >
                {selected && <Icon name="check" className="city-option-check" />}
                {name(c)}
              </button>
            );
          })}
        </div>
      </div>
    </Popup>
  );
}

/** "广州 ▾": opens the city list. */
export function CityPicker({ variant = 'plain' }: { variant?: 'hero' | 'plain' }) {
  const { t, name } = useLocale();
  const { cityInfo } = usePreferences();
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cityName = name(cityInfo);
  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        className={`city-trigger city-trigger-${variant}`}
        data-testid="city-picker"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={t('city.triggerLabel', { city: cityName })}
        onClick={() => setOpen(true)}
      >
        <span>{cityName}</span>
        <Icon name="down" className="city-trigger-caret" />
      </button>
      <CityPickerPopup
        visible={open}
        onClose={() => {
          setOpen(false);
          triggerRef.current?.focus();
        }}
      />
    </>
  );
}
