import Tag from 'antd-mobile/es/components/tag';
import type { Interruption } from '../api/legal';
import { useLocale } from '../i18n/localize';

/** The services the legal pages link to, by catalog id (their service pages open the forms). */
export const LINKED_SERVICES: Readonly<Record<string, { zh: string; en: string }>> = {
  'falv-liji-zixun': { zh: '立即咨询', en: 'Consult a lawyer now' },
  'falv-yuanzhu-shenqing': { zh: '法律援助申请', en: 'Apply for legal aid' },
  'pinqing-lvshi': { zh: '聘请律师', en: 'Hire a lawyer' },
  'ban-gongzheng': { zh: '办公证', en: 'Notarization' },
  'shenqing-tiaojie': { zh: '申请调解', en: 'Apply for mediation' },
  'shenqing-zhongcai': { zh: '申请仲裁', en: 'Apply for arbitration' },
  'zhongcai-shencha-queren': { zh: '仲裁审查确认', en: 'Review and confirmation' },
  'jiaban-gongzi-jisuanqi': { zh: '加班工资计算器', en: 'Overtime pay calculator' },
};

/** A time range in Beijing time, whatever the phone's zone: 2026-03-18 09:00–13:00. */
export function timeRange(startsAt: string, endsAt: string): string {
  const day = startsAt.slice(0, 10);
  const from = startsAt.slice(11, 16);
  const toDay = endsAt.slice(0, 10);
  const to = endsAt.slice(11, 16);
  return toDay === day ? `${day} ${from}–${to}` : `${day} ${from} – ${toDay} ${to}`;
}

const COLOR = { planned: 'warning', ongoing: 'danger', finished: 'success' } as const;

/** One 停气/停电 notice. */
export function InterruptionItem({
  item,
  words,
}: {
  item: Interruption;
  words: { area: string; reason: string; time: string };
}) {
  const { isEn } = useLocale();
  const status = isEn
    ? { planned: 'Planned', ongoing: 'In progress', finished: 'Restored' }[item.status]
    : item.statusName;
  return (
    <li className="outage-item" data-testid="interruption">
      <Tag color={COLOR[item.status]}>{status}</Tag> <strong>{item.district}</strong>
      <dl>
        <dt>{words.time}</dt>
        <dd>{timeRange(item.startsAt, item.endsAt)}</dd>
        <dt>{words.area}</dt>
        <dd>{item.area}</dd>
        <dt>{words.reason}</dt>
        <dd>{item.reason}</dd>
      </dl>
    </li>
  );
}
