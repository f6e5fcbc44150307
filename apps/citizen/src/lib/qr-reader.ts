import { prepareZXingModule, type ReaderOptions, readBarcodes } from 'zxing-wasm/reader';
// Bundled by Vite as an asset of this app (dist/assets/zxing_reader-<hash>.wasm), served by our own server: no CDN.
import readerWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * The app's one QR reader (发票查询 → 扫一扫, 证照核验 → 扫一扫): frames from the camera and uploaded photos, with
 * zxing-wasm (ZXing C++ as WebAssembly; reads dense codes at ~2 px per module, see shared/design/WALLET.md); jsQR
 * (pure JavaScript) takes over if the WebAssembly module cannot be loaded. Loaded on demand by the pages (dynamic
 * import), so nobody downloads it who does not scan.
 */

let prepared = false;
function prepare() {
  if (prepared) return;
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? readerWasmUrl : prefix + path),
    },
  });
  prepared = true;
}

const OPTIONS: ReaderOptions = { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 };

async function withJsQr(image: ImageData): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  return jsQR(image.data, image.width, image.height)?.data ?? null;
}

/** The pixels of an image file, scaled down to at most `max` pixels on the longer side. */
async function pixelsOf(file: Blob, max = 1600): Promise<ImageData> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, max / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  return ctx.getImageData(0, 0, w, h);
}

/** Which decoder read the last code (shown nowhere; tests and diagnostics). */
export let lastDecoder: 'zxing-wasm' | 'jsqr' | null = null;

/** The text of the first QR code in the image, or null when there is none. Throws only when no decoder works. */
export async function decodeQr(image: ImageData): Promise<string | null> {
  prepare();
  try {
    const [hit] = await readBarcodes(image, OPTIONS);
    lastDecoder = 'zxing-wasm';
    return hit?.isValid ? hit.text : null;
  } catch (error) {
    console.warn('zxing-wasm unavailable, using jsQR', error);
    lastDecoder = 'jsqr';
    return withJsQr(image);
  }
}

/** The image enlarged by a whole factor, nearest neighbour: small, sharp screenshots read better bigger. */
function enlarged(image: ImageData, factor: number): ImageData {
  const w = image.width * factor;
  const h = image.height * factor;
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const row = Math.floor(y / factor) * image.width;
    for (let x = 0; x < w; x++) {
      const from = (row + Math.floor(x / factor)) * 4;
      out.set(image.data.subarray(from, from + 4), (y * w + x) * 4);
    }
  }
  return new ImageData(out, w, h);
}

/**
 * Decode the QR code of an uploaded photo, trying harder than for a camera frame (where the next frame is the
 * next try): ZXing, then jsQR, then ZXing on the picture enlarged. ZXing's detector sometimes misses a dense
 * code at ~3 px per module in a small screenshot (measured: a version-18 code at 300 px, 1 upload in 4) that
 * jsQR, or ZXing at twice the size, reads.
 */
export async function decodeQrFile(file: Blob): Promise<string | null> {
  const image = await pixelsOf(file);
  const found = (await decodeQr(image)) ?? (await withJsQr(image));
  if (found !== null || Math.max(image.width, image.height) > 800) return found;
  return decodeQr(enlarged(image, 2));
}

/** One camera frame as pixels (the video's own size, capped). */
export function frameOf(video: HTMLVideoElement, canvas: HTMLCanvasElement, max = 1024): ImageData | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh) return null;
  const scale = Math.min(1, max / Math.max(vw, vh));
  canvas.width = Math.round(vw * scale);
  canvas.height = Math.round(vh * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}
