import Button from 'antd-mobile/es/components/button';
import { useId, useState } from 'react';
import { type PlatMap as PlatMapData, type PlatMapTitle, realEstate } from '../api/bills';
import { LookupProblem } from '../components/LookupProblem';
import { Page } from '../components/Page';
import { SourceNote } from '../components/SourceNote';
import { EmptyState, ListSkeleton } from '../components/States';
import { useVerifiedLoad } from '../hooks/use-verified-load';
import { useLocale } from '../i18n/localize';
import { RequireAuth } from '../state/auth';
import { usePreferences } from '../state/preferences';
import './bills.css';

const SIZE = 300;
const PAD = 28;

/** The largest of 1, 2, 5 × 10ⁿ metres that fits a quarter of the drawing's width. */
function scaleBarMetres(span: number): number {
  const target = span / 4;
  const p = 10 ** Math.floor(Math.log10(Math.max(target, 1)));
  return [5, 2, 1].map((f) => f * p).find((m) => m <= target) ?? p;
}

/**
 * The plat map as SVG: parcel boundary (dashed) and building outline (filled), in metres local to the parcel
 * (x east, y north), drawn north up with a scale bar and a north arrow.
 */
export function PlatMapDrawing({ map, label }: { map: PlatMapData; label: string }) {
  const { t } = useLocale();
  const points = [...map.parcel, ...map.building];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const span = Math.max(maxX - minX, maxY - minY, 1);
  const k = (SIZE - 2 * PAD) / span;
  const toSvg = ([x, y]: [number, number]) =>
    `${(PAD + (x - minX) * k).toFixed(1)},${(PAD + (maxY - y) * k).toFixed(1)}`;
  const bar = scaleBarMetres(span);
  return (
    <figure className="bills-plat">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={label} className="bills-plat-svg">
        <polygon points={map.parcel.map(toSvg).join(' ')} className="bills-plat-parcel" />
        <polygon points={map.building.map(toSvg).join(' ')} className="bills-plat-building" />
        <g className="bills-plat-north">
          <path d={`M ${SIZE - 18} 6 L ${SIZE - 24} 22 L ${SIZE - 18} 18 L ${SIZE - 12} 22 Z`} />
          <text x={SIZE - 18} y={34} textAnchor="middle">
            {t('bills.realEstate.north')}
          </text>
        </g>
        <g className="bills-plat-scale">
          <line x1={PAD} y1={SIZE - 10} x2={PAD + bar * k} y2={SIZE - 10} />
          <line x1={PAD} y1={SIZE - 14} x2={PAD} y2={SIZE - 6} />
          <line x1={PAD + bar * k} y1={SIZE - 14} x2={PAD + bar * k} y2={SIZE - 6} />
          <text x={PAD + bar * k + 6} y={SIZE - 6}>
            {t('bills.realEstate.scale', { metres: bar })}
          </text>
        </g>
      </svg>
      <figcaption className="bills-plat-legend">
        <span className="bills-legend-parcel" aria-hidden="true" /> {t('bills.realEstate.legendParcel')}
        <span className="bills-legend-building" aria-hidden="true" /> {t('bills.realEstate.legendBuilding')}
      </figcaption>
    </figure>
  );
}

function MapOf({ title }: { title: PlatMapTitle }) {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(
    () => realEstate.platMap(city, title.certificateNumber),
    [city, title.certificateNumber],
  );
  const headingId = useId();
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('bills.realEstate.failed')} />;
  if (!data) return <ListSkeleton rows={3} />;
  const m = data.platMap;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="plat-map">
      <h2 id={headingId} className="section-title bills-certificate">
        {m.certificateNumber}
      </h2>
      <p className="field-help">{data.title.location}</p>
      <PlatMapDrawing map={m} label={t('bills.realEstate.platMapLabel', { certificate: m.certificateNumber })} />
      <dl className="bills-kv">
        <dt>{t('bills.realEstate.parcelCode')}</dt>
        <dd className="bills-break">{m.parcelCode}</dd>
        <dt>{t('bills.realEstate.parcelArea')}</dt>
        <dd>{t('bills.realEstate.area', { area: m.parcelArea.toFixed(2) })}</dd>
        <dt>{t('bills.realEstate.boundaries')}</dt>
        <dd>{m.boundaries}</dd>
        <dt>{t('bills.realEstate.surveyedOn')}</dt>
        <dd>{m.surveyedOn}</dd>
      </dl>
      <SourceNote source={data.source} />
    </section>
  );
}

function Titles() {
  const { t } = useLocale();
  const { city } = usePreferences();
  const { data, problem, reload } = useVerifiedLoad(() => realEstate.platMapTitles(city), [city]);
  const [chosen, setChosen] = useState<PlatMapTitle | null>(null);
  const listId = useId();
  if (problem) return <LookupProblem problem={problem} onRetry={reload} title={t('bills.realEstate.failed')} />;
  if (!data) return <ListSkeleton rows={2} />;
  if (data.titles.length === 0)
    return (
      <>
        <EmptyState title={t('bills.realEstate.platEmpty')} description={t('bills.realEstate.platEmptyDesc')} />
        <SourceNote source={data.source} />
      </>
    );
  const current = chosen ?? (data.titles.length === 1 ? (data.titles[0] ?? null) : null);
  return (
    <>
      <section className="card" aria-labelledby={listId}>
        <h2 id={listId} className="section-title">
          {t('bills.realEstate.platChoose')}
        </h2>
        <ul className="bills-accounts">
          {data.titles.map((x) => (
            <li key={x.certificateNumber} className="bills-account" data-testid="plat-title">
              <p className="bills-certificate">{x.certificateNumber}</p>
              <p className="field-help">
                {x.location} · {x.use} · {t('bills.realEstate.area', { area: x.floorArea.toFixed(2) })}
              </p>
              <Button
                size="small"
                color="primary"
                fill={current?.certificateNumber === x.certificateNumber ? 'solid' : 'outline'}
                aria-pressed={current?.certificateNumber === x.certificateNumber}
                onClick={() => setChosen(x)}
                data-testid="plat-view"
              >
                {t('bills.realEstate.platView')}
              </Button>
            </li>
          ))}
        </ul>
      </section>
      {current && <MapOf key={current.certificateNumber} title={current} />}
    </>
  );
}

/** 权证附图查询 (G2): the plat map of one of the person's titles, 仅支持阳江地区 (the server says so elsewhere). */
export default function PlatMap() {
  const { t } = useLocale();
  return (
    <Page title={t('bills.realEstate.platTitle')}>
      <p className="page-intro">{t('bills.realEstate.platIntro')}</p>
      <RequireAuth>
        <Titles />
      </RequireAuth>
    </Page>
  );
}
