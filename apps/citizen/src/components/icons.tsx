import type { CSSProperties } from 'react';

const CIRCLE = 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z';

/**
 * The app's own line icons (24×24, stroke = currentColor): a few kilobytes in all, instead of an icon pack
 * whose every glyph costs ~2 KB. Decorative, so always aria-hidden: the text next to them names things.
 */
const PATHS = {
  card: 'M4.5 5h15A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5v-11A1.5 1.5 0 0 1 4.5 5z M3 10h18 M7 15h4',
  'house-fund': 'M3.5 11 12 4l8.5 7 M6 9.5V20h12V9.5 M9.5 11.5 12 14.5l2.5-3 M12 14.5v3.5 M10 15.5h4',
  building: 'M5 20V5a1 1 0 0 1 1-1h8a1 1 0 0 1 1 1v15 M15 10h3a1 1 0 0 1 1 1v9 M3 20h18 M8 8h4 M8 12h4 M8 16h4',
  heart: 'M12 20s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7a4.3 4.3 0 0 1 7.5 2.8C19.5 15.4 12 20 12 20z',
  rings: 'M9 9.5a5 5 0 1 0 0 10a5 5 0 1 0 0-10z M15 9.5a5 5 0 1 0 0 10a5 5 0 1 0 0-10z M10 4.5l2 2 2-2',
  accessible: 'M12 3.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3z M11 9v5h5l2 5 M8.5 11.5a5 5 0 1 0 6.8 6.3',
  'id-card':
    'M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z M9 11a2 2 0 1 0 0-4a2 2 0 1 0 0 4z M5.5 16.5c.6-1.8 2-2.8 3.5-2.8s2.9 1 3.5 2.8 M15 9h3 M15 13h3',
  bus: 'M6 4h12a2 2 0 0 1 2 2v11H4V6a2 2 0 0 1 2-2z M4 11h16 M7 17v2.5 M17 17v2.5 M7.5 14h.01 M16.5 14h.01',
  globe: `${CIRCLE} M3 12h18 M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z`,
  baby: `${CIRCLE} M8.5 14.5c1.9 1.8 5.1 1.8 7 0 M9 10.5h.01 M15 10.5h.01 M12 3c-1.2 1.6-.4 3.2 1.2 3`,
  qr: 'M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M14 14h2v2h-2z M18 14h2 M14 18h2 M18 18h2v2 M6.5 6.5h1v1h-1z M16.5 6.5h1v1h-1z M6.5 16.5h1v1h-1z',
  calculator:
    'M6 3h12a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z M8 6.5h8v3H8z M8.5 13h.01 M12 13h.01 M15.5 13h.01 M8.5 17h.01 M12 17h.01 M15.5 17h.01',
  flame: 'M12 3c1 3.5 5 5.5 5 10a5 5 0 0 1-10 0c0-2.4 1.3-4 2.5-5 .2 1.7 1 2.8 2 3.3C12.3 8.8 11.6 5.5 12 3z',
  users:
    'M9 11a3.5 3.5 0 1 0 0-7a3.5 3.5 0 1 0 0 7z M2.5 20c.6-3.6 3.2-5.5 6.5-5.5s5.9 1.9 6.5 5.5 M16 4.5a3.2 3.2 0 0 1 0 6.3 M18 14.8c1.9.7 3.1 2.4 3.5 5.2',
  'user-circle': `${CIRCLE} M12 12.5a3.2 3.2 0 1 0 0-6.4a3.2 3.2 0 1 0 0 6.4z M6.2 18.3c1.3-2 3.4-3 5.8-3s4.5 1 5.8 3`,
  'face-scan':
    'M4 8V5.5A1.5 1.5 0 0 1 5.5 4H8 M16 4h2.5A1.5 1.5 0 0 1 20 5.5V8 M20 16v2.5a1.5 1.5 0 0 1-1.5 1.5H16 M8 20H5.5A1.5 1.5 0 0 1 4 18.5V16 M9 10h.01 M15 10h.01 M9.5 14.5c1.4 1.2 3.6 1.2 5 0',
  apps: 'M5 4h4a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z M15 4h4a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1h-4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z M5 14h4a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-4a1 1 0 0 1 1-1z M15 14h4a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1h-4a1 1 0 0 1-1-1v-4a1 1 0 0 1 1-1z',
  car: 'M4 12 6.5 6.5h11L20 12v5H4z M4 12h16 M7 17v2 M17 17v2 M7.5 14.5h1 M15.5 14.5h1',
  cap: 'M2.5 9 12 4.5 21.5 9 12 13.5z M6.5 11v4.5c3.3 2.7 7.7 2.7 11 0V11 M21.5 9v5',
  grid: 'M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M14 14h6v6h-6z',
  briefcase: 'M4 8h16v11H4z M9 8V5.5A1.5 1.5 0 0 1 10.5 4h3A1.5 1.5 0 0 1 15 5.5V8 M4 13h16',
  'shield-check': 'M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6z M8.5 12l2.5 2.5 4.5-5',
  receipt: 'M6 3h12v18l-2-1.5-2 1.5-2-1.5-2 1.5-2-1.5L6 21z M9 8h6 M9 12h6 M9 16h3',
  scale: 'M12 4v16 M8 20h8 M4 7h16 M4 7l-2.5 6h5z M20 7l-2.5 6h5z',
  bolt: 'M13 3 5 13.5h6L10 21l8-10.5h-6z',
  document: 'M7 3h7l5 5v13H7z M14 3v5h5 M10 13h6 M10 17h6',
  alert: 'M12 4 2.5 20h19z M12 10v4.5 M12 17.5h.01',
  pen: 'M4 20h4L19 9l-4-4L4 16z M13.5 6.5l4 4',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M16 16l4.5 4.5',
  compass: `${CIRCLE} M15.5 8.5l-2 5-5 2 2-5z`,
  right: 'M9 5l7 7-7 7',
  left: 'M15 5l-7 7 7 7',
  down: 'M6 9l6 6 6-6',
  plus: 'M12 5v14 M5 12h14',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  clock: `${CIRCLE} M12 7v5l3.5 2`,
  trash: 'M4 7h16 M9 7V4.5h6V7 M6.5 7l1 13h9l1-13 M10 11v5.5 M14 11v5.5',
  home: 'M3.5 11 12 4l8.5 7 M6 9.5V20h12V9.5 M10 20v-5h4v5',
  message: 'M4 5h16v11H9l-5 4z M8 9h8 M8 12.5h5',
  user: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8z M4.5 20.5c.8-3.8 3.7-6 7.5-6s6.7 2.2 7.5 6',
  info: `${CIRCLE} M12 11v6 M12 7.5h.01`,
  install: 'M12 4v11 M7.5 10.5 12 15l4.5-4.5 M5 16v3.5h14V16',
  smile: `${CIRCLE} M8.5 14c1.9 1.9 5.1 1.9 7 0 M9 9.5h.01 M15 9.5h.01`,
  chat: 'M4 5h16v11H9l-5 4z M9 10.5l2 2 4-4',
  lock: 'M6 11h12v9H6z M8.5 11V8a3.5 3.5 0 0 1 7 0v3 M12 14.5v2.5',
  eye: 'M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z',
  'eye-off':
    'M4 4l16 16 M9.9 5.8A9.5 9.5 0 0 1 12 5.5c6 0 9.5 6.5 9.5 6.5a16 16 0 0 1-2.6 3.4 M6.5 7.4C3.9 9.1 2.5 12 2.5 12S6 18.5 12 18.5c1.6 0 3-.4 4.2-1 M9.9 9.9a3 3 0 0 0 4.2 4.2',
  logout: 'M14 4h5v16h-5 M10 8l-4 4 4 4 M6 12h10',
  calendar: 'M4 6h16v14H4z M4 10.5h16 M8 3.5V7.5 M16 3.5V7.5 M7.5 14h2 M11 14h2 M14.5 14h2 M7.5 17h2 M11 17h2',
  key: 'M8 10.5a4.5 4.5 0 1 0 0 9a4.5 4.5 0 1 0 0-9z M11.2 12 20 3.5 M16.5 7l2.5 2.5 M14 9.5l2 2',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className, style }: { name: IconName; className?: string; style?: CSSProperties }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={['yss-icon', className].filter(Boolean).join(' ')}
      style={style}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
