import { FormField } from '../components/FormField';
import { useLocale } from '../i18n/localize';

export interface HomeVisitValue {
  address: string;
  phone: string;
}

/**
 * 上门服务 (开锁便民服务): where the visit goes and the phone the staff call first, in the confirm sheet. The server
 * checks both (its words come back under each field); they are sealed at rest and shown masked afterwards.
 */
export function HomeVisitFields({
  value,
  errors,
  cityName,
  onChange,
}: {
  value: HomeVisitValue;
  /** The slot's city, as shown: the visit reaches addresses in it only (开锁服务支持当前市区范围). */
  cityName: string;
  errors: Partial<Record<keyof HomeVisitValue, string>>;
  onChange: (next: HomeVisitValue) => void;
}) {
  const { t } = useLocale();
  return (
    <fieldset className="appt-visit" data-testid="visit-fields">
      <legend className="case-subheading">{t('appointments.visit.title')}</legend>
      <FormField
        label={t('appointments.visit.address')}
        testId="visit-address"
        value={value.address}
        onChange={(address) => onChange({ ...value, address })}
        placeholder={t('appointments.visit.addressPlaceholder')}
        maxLength={100}
        required
        error={errors.address}
        errorTestId="visit-address-error"
        alert
        help={t('appointments.visit.addressHelp', { city: cityName })}
      />
      <FormField
        label={t('appointments.visit.phone')}
        testId="visit-phone"
        value={value.phone}
        onChange={(phone) => onChange({ ...value, phone })}
        type="tel"
        inputMode="numeric"
        maxLength={11}
        required
        error={errors.phone}
        errorTestId="visit-phone-error"
        alert
        help={t('appointments.visit.phoneHelp')}
      />
    </fieldset>
  );
}
