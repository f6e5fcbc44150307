import type { ServiceGroupId, ZoneId } from '@yss/contracts';
import { Icon, type IconName } from './icons';

type Visual = { icon: IconName; color: string };

const GROUP_ICONS: Record<ServiceGroupId, Visual> = {
  shebao: { icon: 'card', color: '#1763d6' },
  gongjijin: { icon: 'house-fund', color: '#0b7a5c' },
  'shehui-jiuzhu': { icon: 'heart', color: '#b54708' },
  zhucan: { icon: 'accessible', color: '#7a4bd1' },
  huzheng: { icon: 'id-card', color: '#1763d6' },
  jiaotong: { icon: 'bus', color: '#0e7490' },
  'xingshi-jiashi': { icon: 'car', color: '#0f6bcb' },
  'huzhao-tongxingzheng': { icon: 'globe', color: '#9a3412' },
  hunyin: { icon: 'rings', color: '#c0264a' },
  xinshenger: { icon: 'baby', color: '#b4236b' },
  jiaoyu: { icon: 'cap', color: '#3f51b5' },
  gonggong: { icon: 'grid', color: '#0b7a5c' },
  'rencai-jiuye': { icon: 'briefcase', color: '#8a5a00' },
  xinyong: { icon: 'shield-check', color: '#0f766e' },
  shuiwu: { icon: 'receipt', color: '#b42318' },
  'tiaojie-zhongcai': { icon: 'scale', color: '#5b50c9' },
  'shenghuo-jiaofei': { icon: 'bolt', color: '#c2410c' },
  budongchan: { icon: 'building', color: '#0e7490' },
  falv: { icon: 'document', color: '#4b5563' },
  zhengzhao: { icon: 'qr', color: '#1763d6' },
};

const ZONE_ICONS: Record<ZoneId, Visual> = {
  'liudong-renkou': { icon: 'users', color: '#1763d6' },
  'zhihui-chuxing': { icon: 'compass', color: '#0e7490' },
  jiaoyu: { icon: 'cap', color: '#3f51b5' },
};

/** A few services get their own picture; the rest use their group's. */
const NAME_ICONS: Array<[RegExp, IconName]> = [
  [/计算器/, 'calculator'],
  [/违法/, 'alert'],
  [/取名|重名/, 'pen'],
  [/燃气/, 'flame'],
  [/学校/, 'search'],
];

const FALLBACK: Visual = { icon: 'grid', color: '#1763d6' };

export function groupVisual(group: string): Visual {
  return GROUP_ICONS[group as ServiceGroupId] ?? FALLBACK;
}

export function serviceVisual(service: { group: string; name: string }): Visual {
  const base = groupVisual(service.group);
  const special = NAME_ICONS.find(([pattern]) => pattern.test(service.name));
  return special ? { icon: special[1], color: base.color } : base;
}

/** A round tinted badge with an icon; decorative (the label next to it names the thing). */
export function IconBadge({ visual, muted = false, size = 44 }: { visual: Visual; muted?: boolean; size?: number }) {
  const color = muted ? '#6b6b6b' : visual.color;
  return (
    <span
      className="icon-badge"
      aria-hidden="true"
      style={{ width: size, height: size, color, background: muted ? '#ececec' : `${visual.color}14` }}
    >
      <Icon name={visual.icon} style={{ fontSize: Math.round(size * 0.55) }} />
    </span>
  );
}

export function GroupIcon({ group, size }: { group: string; size?: number }) {
  return <IconBadge visual={groupVisual(group)} size={size} />;
}

export function ZoneIcon({ zone, size }: { zone: string; size?: number }) {
  return <IconBadge visual={ZONE_ICONS[zone as ZoneId] ?? FALLBACK} size={size} />;
}
