import Tag from 'antd-mobile/es/components/tag';
import { useId, useState } from 'react';
import {
  type TrafficViolations as Answer,
  records,
  type VehicleViolations,
  type ViolationRecord,
} from '../api/records';
import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts, useCodeLabel } from './records-shared';

type Filter = 'all' | 'unhandled';

/** What is still to do over every vehicle: how many, the fines, the points. */
function Summary({ data }: { data: Answer }) {
  const { t } = useLocale();
  const u = data.unhandled;
  return (
    <section
      className="card records-summary"
      aria-label={t('records.violations.summaryTitle')}
      data-testid="violations-summary"
    >
      <h2 className="section-title">{t('records.violations.summaryTitle')}</h2>
      <p className={u.count > 0 ? 'records-summary-open' : 'records-summary-none'}>
        {u.count > 0
          ? t('records.violations.summary', { count: String(u.count), fine: String(u.fine), points: String(u.points) })
          : t('records.violations.summaryNone')}
      </p>
    </section>
  );
}

function Licence({ licence }: { licence: Answer['licence'] }) {
  const { t } = useLocale();
  const label = useCodeLabel();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="driving-licence">
      <h2 id={headingId} className="section-title">
        {t('records.violations.licence')}
      </h2>
      {licence ? (
        <Facts
          rows={[
            [
              t('records.violations.licenceClass'),
              `${licence.licenceClass} ${label('violations.licenceClasses', licence.licenceClass, licence.licenceClassName)}`,
            ],
            [
              t('records.violations.licenceStatus'),
              label('violations.licenceStatuses', licence.status, licence.statusName),
            ],
            [
              t('records.violations.licencePoints'),
              t('records.violations.pointsCycle', {
                points: String(licence.points),
                from: licence.cycleStart,
                to: licence.cycleEnd,
              }),
            ],
            [t('records.violations.validUntil'), licence.validUntil ?? t('records.violations.longTerm')],
          ]}
        />
      ) : (
        <p className="records-note">{t('records.violations.noLicence')}</p>
      )}
    </section>
  );
}

function Violation({ v }: { v: ViolationRecord }) {
  const { t } = useLocale();
  const label = useCodeLabel();
  return (
    <li className="records-violation" data-testid="violation" data-status={v.status}>
      <div className="records-card-head">
        <p className="records-violation-time">{v.occurredAt}</p>
        <Tag color={v.status === 'unhandled' ? 'danger' : 'success'} fill="outline" className="records-tag">
          {label('violations.statuses', v.status, v.statusName)}
        </Tag>
      </div>
      <p className="records-violation-what">{v.description}</p>
      <Facts
        rows={[
          [t('records.violations.place'), v.place],
          [t('records.violations.fine'), t('records.yuanValue', { amount: String(v.fine) })],
          [t('records.violations.points'), t('records.violations.pointsValue', { points: String(v.points) })],
          [t('records.violations.authority'), v.authority],
          [t('records.violations.handledOn'), v.handledOn],
          [t('records.violations.decision'), v.decisionNumber],
        ]}
      />
    </li>
  );
}

function Vehicle({ g, filter }: { g: VehicleViolations; filter: Filter }) {
  const { t } = useLocale();
  const label = useCodeLabel();
  const headingId = useId();
  return (
    <section className="card records-card" aria-labelledby={headingId} data-testid="vehicle" data-plate={g.plate}>
      <div className="records-card-head">
        <h2 id={headingId} className="records-card-title records-plate">
          <span className="visually-hidden">{t('records.violations.vehicle')} </span>
          {g.plate}
        </h2>
        {g.vehicle && (
          <Tag color="default" fill="outline" className="records-tag">
            {label('violations.plateTypes', g.vehicle.plateType, g.vehicle.plateTypeName)}
          </Tag>
        )}
      </div>
      {g.vehicle ? (
        <Facts
          rows={[
            [t('records.violations.model'), g.vehicle.brandModel],
            [
              t('records.violations.vehicleStatus'),
              label('violations.vehicleStatuses', g.vehicle.status, g.vehicle.statusName),
            ],
            [t('records.violations.inspection'), g.vehicle.inspectionValidUntil],
          ]}
        />
      ) : (
        <p className="records-note">{t('records.violations.notOnFile')}</p>
      )}
      {g.violations.length === 0 ? (
        <p className="records-none" data-testid="no-violations">
          {filter === 'all' ? t('records.violations.noViolations') : t('records.violations.noUnhandled')}
        </p>
      ) : (
        <ol className="records-violations" aria-label={t('records.violations.vehicleLabel', { plate: g.plate })}>
          {g.violations.map((v) => (
            <Violation key={v.violationId} v={v} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Violations() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const [filter, setFilter] = useState<Filter>('all');
  const { data, problem, reload } = useVerifiedLoad(() => records.violations({ city, status: filter }), [city, filter]);
  return (
    <>
      <div className="records-filter">
        <Segmented
          label={t('records.violations.filter')}
          options={['all', 'unhandled'] as const}
          value={filter}
          onChange={setFilter}
          testId={(f) => `violations-filter-${f}`}
          text={(f) => t(`records.violations.${f}`)}
        />
      </div>
      {problem ? (
        <ErrorState problem={problem} onRetry={reload} title={t('records.failed')} />
      ) : !data ? (
        <ListSkeleton rows={4} />
      ) : (
        <>
          <Summary data={data} />
          <Licence licence={data.licence} />
          {data.vehicles.length === 0 ? (
            <EmptyState
              title={t('records.violations.noVehicles')}
              description={t('records.violations.noVehiclesDesc')}
            />
          ) : (
            data.vehicles.map((g) => <Vehicle key={g.plate} g={g} filter={filter} />)
          )}
          <div className="records-source">
            <p className="records-note">{t('records.violations.queryOnly')}</p>
            <SourceNote source={data.source} />
          </div>
        </>
      )}
    </>
  );
}

/** 违法查询 (D3): the violations of the citizen's vehicles, by vehicle, and the licence's points. */
export default function TrafficViolations() {
  const { t } = useLocale();
  return (
    <Page title={t('records.violations.title')}>
      <p className="page-intro">{t('records.violations.intro')}</p>
      <RequireAuth>
        <Violations />
      </RequireAuth>
    </Page>
  );
}
