import { formatFen, type MyVehicleTax, type VehicleTaxVehicle } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Tag from 'antd-mobile/es/components/tag';
import { useEffect, useId, useRef, useState } from 'react';
import { isVerificationCancelled } from '../api/client';
import { duesApi } from '../api/dues';
import { ConfirmPayment } from '../components/ConfirmPayment';
import { FormField } from '../components/FormField';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { SubmitForm } from '../components/SubmitForm';
import { useVerifiedLoad, type VerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { errorText, fieldErrorsOf } from '../lib/errors';
import { RequireAuth, useAuth } from '../state/auth';
import { Facts } from './records-shared';
import { TaxPageLinks } from './tax-links';
import './cases.css';
import './records.css';
import './payments.css';

/** One unpaid year of one vehicle, as the confirm card shows it and the order is made from. */
interface Choice {
  vehicle: VehicleTaxVehicle;
  year: number;
  amountFen: number;
  /** 他人清缴: the owner's ID number as the citizen typed it (never shown back in full). */
  ownerIdNumber?: string;
}

/** A vehicle with its years; each unpaid year has its 缴款 button (an order per vehicle and year). */
function VehicleCard({ v, onPay }: { v: VehicleTaxVehicle; onPay: (year: number, amountFen: number) => void }) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <li className="card records-card" aria-labelledby={headingId} data-testid="vehicle" data-plate={v.plate}>
      <div className="records-card-head">
        <h3 id={headingId} className="records-card-title">
          {v.plate}
        </h3>
        <Tag color={v.unpaidFen > 0 ? 'warning' : 'success'} fill="outline" className="records-tag">
          {t('dues.vehicleTax.unpaid')} {formatFen(v.unpaidFen)}
        </Tag>
      </div>
      <Facts
        rows={[
          [t('dues.vehicleTax.owner'), v.ownerIdNumberMasked],
          [t('dues.vehicleTax.vehicleType'), v.vehicleType],
          [t('dues.vehicleTax.energy'), v.energyName],
          [
            t('dues.vehicleTax.displacement'),
            v.displacementLitres === null
              ? null
              : t('dues.vehicleTax.displacementValue', { litres: v.displacementLitres.toFixed(1) }),
          ],
          [t('dues.vehicleTax.registeredOn'), v.registeredOn],
        ]}
      />
      <h4 className="records-subtitle">{t('dues.vehicleTax.years')}</h4>
      <ul className="pay-bills" aria-label={t('dues.vehicleTax.listLabel', { plate: v.plate })}>
        {[...v.years].reverse().map((y) => (
          <li key={y.year} className="pay-bill" data-testid="vehicle-year" data-year={y.year}>
            <span className="pay-bill-text">
              <span className="pay-bill-period">{t('dues.vehicleTax.yearLabel', { year: y.year })}</span>
              <span className="pay-bill-amount">{formatFen(y.amountFen)}</span>
              <span className="field-help">
                {y.statusName}
                {y.collectedBy ? ` · ${t('dues.vehicleTax.collectedBy', { by: y.collectedBy })}` : ''}
              </span>
            </span>
            {y.status === 'unpaid' && (
              <Button
                color="primary"
                size="middle"
                onClick={() => onPay(y.year, y.amountFen)}
                aria-label={t('dues.vehicleTax.payLabel', {
                  plate: v.plate,
                  year: y.year,
                  amount: formatFen(y.amountFen),
                })}
                data-testid="vehicle-pay"
              >
                {t('dues.vehicleTax.pay')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {v.unpaidFen === 0 && (
        <p className="pay-none" data-testid="vehicle-none-due">
          {t('dues.vehicleTax.noneDue')}
        </p>
      )}
    </li>
  );
}

/** 本人清缴: the vehicles under the citizen's name. */
function Mine({ load, onPay }: { load: VerifiedLoad<MyVehicleTax>; onPay: (c: Choice) => void }) {
  const { t } = useLocale();
  const titleId = useId();
  const { data, problem, reload } = load;
  return (
    <section className="card" aria-labelledby={titleId} data-testid="vehicle-tax-mine">
      <h2 id={titleId} className="section-title">
        {t('dues.vehicleTax.mine')}
      </h2>
      {problem ? (
        <ErrorState problem={problem} onRetry={reload} />
      ) : !data ? (
        <ListSkeleton rows={2} />
      ) : data.vehicles.length === 0 ? (
        <EmptyState title={t('dues.vehicleTax.mineEmpty')} description={t('dues.vehicleTax.mineEmptyDesc')} />
      ) : (
        <>
          <p className="field-help">{t('dues.vehicleTax.mineIntro')}</p>
          <ul className="records-list">
            {data.vehicles.map((v) => (
              <VehicleCard key={v.plate} v={v} onPay={(year, amountFen) => onPay({ vehicle: v, year, amountFen })} />
            ))}
          </ul>
          <SourceNote source={data.source} />
        </>
      )}
    </section>
  );
}

/** 他人清缴: a vehicle by its plate and its owner's ID number; the owner shown masked. */
function Others({ onPay, version }: { onPay: (c: Choice) => void; version: number }) {
  const { t } = useLocale();
  const auth = useAuth();
  const [plate, setPlate] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [errors, setErrors] = useState<{ plate?: string; ownerIdNumber?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<{ vehicle: VehicleTaxVehicle; ownerIdNumber: string } | null>(null);
  const titleId = useId();
  const resultRef = useRef<HTMLDivElement>(null);

  const lookUp = async (focus = true) => {
    const p = plate.trim();
    const o = ownerId.trim();
    const missing = {
      ...(p ? {} : { plate: t('dues.vehicleTax.plateRequired') }),
      ...(o ? {} : { ownerIdNumber: t('dues.vehicleTax.ownerIdRequired') }),
    };
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const vehicle = await auth.withVerification(() => duesApi.lookUpVehicleTax({ plate: p, ownerIdNumber: o }));
      setFound({ vehicle, ownerIdNumber: o });
      if (focus) requestAnimationFrame(() => resultRef.current?.focus());
    } catch (e) {
      if (isVerificationCancelled(e)) return;
      setFound(null);
      const byField = fieldErrorsOf(e, ['plate', 'ownerIdNumber'] as const);
      if (byField.plate || byField.ownerIdNumber) setErrors(byField);
      else setErrors({ form: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };

  // after a payment was refused because the year changed, show the vehicle again as it is now
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the page asks again
  useEffect(() => {
    if (version > 0 && found) void lookUp(false);
  }, [version]);

  return (
    <section className="card" aria-labelledby={titleId} data-testid="vehicle-tax-others">
      <h2 id={titleId} className="section-title">
        {t('dues.vehicleTax.others')}
      </h2>
      <p className="field-help">{t('dues.vehicleTax.othersIntro')}</p>
      <SubmitForm
        onSubmit={() => lookUp()}
        busy={busy}
        submitText={t('dues.vehicleTax.lookUp')}
        submitTestId="vt-lookup"
      >
        <FormField
          label={t('dues.vehicleTax.plate')}
          testId="vt-plate"
          errorTestId="vt-plate-error"
          value={plate}
          onChange={(v) => {
            setPlate(v.toUpperCase());
            setErrors({});
          }}
          autoComplete="off"
          maxLength={12}
          placeholder={t('dues.vehicleTax.platePlaceholder')}
          required
          error={errors.plate}
          alert
        />
        <FormField
          label={t('dues.vehicleTax.ownerId')}
          testId="vt-owner"
          errorTestId="vt-owner-error"
          value={ownerId}
          onChange={(v) => {
            setOwnerId(v.toUpperCase());
            setErrors({});
          }}
          autoComplete="off"
          maxLength={18}
          placeholder={t('dues.vehicleTax.ownerIdPlaceholder')}
          required
          error={errors.ownerIdNumber}
          alert
        />
        {errors.form && (
          <p className="form-error" role="alert" data-testid="vt-lookup-error">
            {errors.form}
          </p>
        )}
      </SubmitForm>
      {found && (
        <div ref={resultRef} tabIndex={-1} data-testid="vt-found">
          <ul className="records-list">
            <VehicleCard
              v={found.vehicle}
              onPay={(year, amountFen) =>
                onPay({ vehicle: found.vehicle, year, amountFen, ownerIdNumber: found.ownerIdNumber })
              }
            />
          </ul>
        </div>
      )}
    </section>
  );
}

/** 确认缴款: the facts of the chosen year, then the order and the cashier. */
function Confirm({
  choice,
  onCancel,
  onChanged,
}: {
  choice: Choice;
  onCancel: () => void;
  onChanged: (text: string) => void;
}) {
  const { t } = useLocale();
  return (
    <ConfirmPayment
      testId="vt-confirm"
      title={t('dues.vehicleTax.confirmTitle')}
      amountFen={choice.amountFen}
      submitText={t('dues.vehicleTax.confirmSubmit')}
      creatingText={t('dues.vehicleTax.creating')}
      create={(submissionId) =>
        duesApi.createVehicleTaxPayment({
          plate: choice.vehicle.plate,
          ...(choice.ownerIdNumber ? { ownerIdNumber: choice.ownerIdNumber } : {}),
          year: choice.year,
          amountFen: choice.amountFen,
          submissionId,
        })
      }
      onCancel={onCancel}
      onChanged={onChanged}
    >
      <Facts
        testId="vt-confirm-facts"
        rows={[
          [t('dues.vehicleTax.plate'), choice.vehicle.plate],
          [t('dues.vehicleTax.owner'), choice.vehicle.ownerIdNumberMasked],
          [t('dues.vehicleTax.yearLabel', { year: choice.year }), formatFen(choice.amountFen)],
          [t('dues.vehicleTax.payee'), t('dues.vehicleTax.payeeName')],
        ]}
      />
      {!choice.vehicle.mine && <p className="field-help">{t('dues.vehicleTax.confirmOthers')}</p>}
    </ConfirmPayment>
  );
}

function VehicleTaxFlow() {
  const mine = useVerifiedLoad(() => duesApi.myVehicleTax(), []);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
  const [othersVersion, setOthersVersion] = useState(0);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (pageError) errorRef.current?.focus();
  }, [pageError]);
  const choose = (c: Choice) => {
    setPageError(null);
    setChoice(c);
  };
  return (
    <>
      {pageError && (
        <p className="form-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="vt-error">
          {pageError}
        </p>
      )}
      {choice ? (
        <Confirm
          choice={choice}
          onCancel={() => setChoice(null)}
          onChanged={(text) => {
            setChoice(null);
            setPageError(text);
            mine.reload();
            setOthersVersion((n) => n + 1);
          }}
        />
      ) : null}
      <div hidden={choice !== null}>
        <Mine load={mine} onPay={choose} />
        <Others onPay={choose} version={othersVersion} />
      </div>
    </>
  );
}

/** /tax/vehicle-tax 车船税缴款 (D4): 本人清缴 and 他人清缴, an order per vehicle and year, paid at the cashier. */
export default function VehicleTax() {
  const { t } = useLocale();
  return (
    <Page title={t('dues.vehicleTax.title')}>
      <p className="page-intro">{t('dues.vehicleTax.intro')}</p>
      <RequireAuth>
        <VehicleTaxFlow />
      </RequireAuth>
      <TaxPageLinks current="vehicle" />
    </Page>
  );
}
