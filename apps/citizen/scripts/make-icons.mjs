// Generates the PWA icons (real PNGs) with nothing but node's zlib: a blue tile with a white ring and tick
// ("省事": done, simply). Run: node apps/citizen/scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });

const BLUE = [0x17, 0x63, 0xd6];
const WHITE = [0xff, 0xff, 0xff];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}
/** Coverage of the tile (rounded square unless fullBleed) and of the white mark at a point in [0,1]². */
function sample(x, y, fullBleed, scale) {
  let tile = true;
  if (!fullBleed) {
    const r = 0.2;
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
    tile = Math.hypot(qx, qy) <= r;
  }
  const cx = (x - 0.5) / scale + 0.5;
  const cy = (y - 0.5) / scale + 0.5;
  const ring = Math.abs(Math.hypot(cx - 0.5, cy - 0.5) - 0.3) <= 0.035;
  const tick = Math.min(segDist(cx, cy, 0.36, 0.5, 0.46, 0.6), segDist(cx, cy, 0.46, 0.6, 0.65, 0.4)) <= 0.038;
  return { tile, mark: ring || tick };
}
function render(size, fullBleed) {
  const ss = 4;
  const buf = Buffer.alloc(size * size * 4);
  // Maskable icons keep the mark inside the 80% safe zone.
  const scale = fullBleed ? 0.8 : 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let a = 0;
      let w = 0;
      for (let j = 0; j < ss; j++) {
        for (let i = 0; i < ss; i++) {
          const s = sample((x + (i + 0.5) / ss) / size, (y + (j + 0.5) / ss) / size, fullBleed, scale);
          if (s.tile) a++;
          if (s.tile && s.mark) w++;
        }
      }
      const n = ss * ss;
      const o = (y * size + x) * 4;
      const wf = a ? w / a : 0;
      for (let c = 0; c < 3; c++) buf[o + c] = Math.round(BLUE[c] * (1 - wf) + WHITE[c] * wf);
      buf[o + 3] = Math.round((a / n) * 255);
    }
  }
  return png(size, buf);
}

const files = {
  'icon-192.png': render(192, false),
  'icon-512.png': render(512, false),
  'maskable-192.png': render(192, true),
  'maskable-512.png': render(512, true),
  'apple-touch-icon.png': render(180, true),
};
for (const [name, data] of Object.entries(files)) {
  writeFileSync(new URL(name, out), data);
  console.log(`${name}: ${data.length} bytes`);
}
writeFileSync(
  new URL('icon.svg', out),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img"><title>粤省事</title><rect width="100" height="100" rx="20" fill="#1763d6"/><circle cx="50" cy="50" r="30" fill="none" stroke="#fff" stroke-width="7"/><path d="M36 50 46 60 65 40" fill="none" stroke="#fff" stroke-width="7.6" stroke-linecap="round" stroke-linejoin="round"/></svg>\n`,
);
