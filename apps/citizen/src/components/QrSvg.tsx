import QRCode from 'qrcode';
import { useMemo } from 'react';

/** The 4-module quiet zone the QR standard asks for around the code. */
const QUIET_ZONE = 4;

/**
 * A QR code as an SVG of whole modules, level M: crisp at any size (never a fractional raster), so that a phone
 * camera reads it off another phone's screen. `data-version` tells tests (and curious people) how dense it is.
 */
export function QrSvg({
  text,
  label,
  className,
  testId,
}: {
  text: string;
  /** What the code is, for screen readers (the image's accessible name). */
  label: string;
  className: string;
  testId: string;
}) {
  const path = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const { size, data } = qr.modules;
    let d = '';
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) if (data[y * size + x]) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
    }
    return { d, size: size + 2 * QUIET_ZONE, version: qr.version };
  }, [text]);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${path.size} ${path.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid={testId}
      data-version={path.version}
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
