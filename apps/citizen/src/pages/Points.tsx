import Button from 'antd-mobile/es/components/button';
import Tag from 'antd-mobile/es/components/tag';
import { useId } from 'react';
import { useNavigate } from 'react-router';
import { type PointsLookup, points } from '../api/points';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ErrorState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import { Facts } from './records-shared';
import './points.css';

function PointsCard({ record }: { record: NonNullable<PointsLookup['record']> }) {
  const { t } = useLocale();
  const headingId = useId();
  const itemsId = useId();
  const navigate = useNavigate();
  const approved = record.status === 'approved';
  return (
    <section className="card records-card" aria-labelledby={headingId} data-testid="points-record">
      <div className="records-card-head">
        <h2 id={headingId} className="records-card-title">
          {approved ? t('huzheng.points.total') : t('huzheng.points.claimed')}{' '}
          <strong data-testid="points-total">{t('huzheng.points.pointsValue', { points: record.totalPoints })}</strong>
        </h2>
        <Tag color={approved ? 'success' : 'primary'} fill="outline" className="records-tag" data-testid="status">
          {record.statusName}
        </Tag>
      </div>
      <Facts
        rows={[
          [t('huzheng.points.year'), String(record.year)],
          [t('huzheng.points.number'), record.recordNumber],
          [t('huzheng.points.appliedOn'), record.appliedOn],
          [t('huzheng.points.approvedOn'), record.approvedOn],
        ]}
      />
      <h3 id={itemsId} className="records-subtitle">
        {t('huzheng.points.items')}
      </h3>
      <ul aria-labelledby={itemsId} className="records-list" data-testid="points-items">
        {record.items.map((i) => (
          <li key={i.indicator} className="points-item">
            <span>
              {i.indicator}：{i.detail}
            </span>{' '}
            <span>{t('huzheng.points.pointsValue', { points: i.points })}</span>
          </li>
        ))}
      </ul>
      <h3 className="records-subtitle">{t('huzheng.points.settlement')}</h3>
      <p className="records-note" data-testid="points-settlement">
        {record.settlementReached
          ? t('huzheng.points.reached', { minimum: record.settlementMinimum })
          : t('huzheng.points.notReached', { minimum: record.settlementMinimum })}
      </p>
      {record.settlementReached && (
        <Button
          color="primary"
          fill="outline"
          block
          data-testid="points-settle"
          onClick={() => navigate('/services/jifen-ruhu')}
        >
          {t('huzheng.points.settle')}
        </Button>
      )}
    </section>
  );
}

function PointsRecord() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const navigate = useNavigate();
  const { data, problem, reload } = useVerifiedLoad(() => points.get({ city }), [city]);
  if (problem) return <ErrorState problem={problem} onRetry={reload} title={t('huzheng.points.failed')} />;
  if (!data) return <ListSkeleton rows={2} />;
  return (
    <>
      {data.record ? (
        <PointsCard record={data.record} />
      ) : (
        <>
          <EmptyState title={t('huzheng.points.empty')} description={t('huzheng.points.emptyDesc')} />
          <Button color="primary" block data-testid="points-apply" onClick={() => navigate('/services/jifen-shenqing')}>
            {t('huzheng.points.apply')}
          </Button>
        </>
      )}
      <div className="records-source">
        <SourceNote source={data.source} />
      </div>
    </>
  );
}

/** 积分查询 (C2, 广州): the citizen's own 积分 record from the 来穗局, behind a fresh verification. */
export default function Points() {
  const { t } = useLocale();
  return (
    <Page title={t('huzheng.points.title')}>
      <p className="page-intro">{t('huzheng.points.intro')}</p>
      <p className="page-intro">{t('huzheng.points.cityNote')}</p>
      <RequireAuth>
        <PointsRecord />
      </RequireAuth>
    </Page>
  );
}
