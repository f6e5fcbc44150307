import Button from 'antd-mobile/es/components/button';
import { useEffect, useRef, useState } from 'react';
import './qr-capture.css';

export interface QrScannerLabels {
  title: string;
  hint: string;
  starting: string;
  video: string;
  noCamera: string;
  cancel: string;
}

/** The pause between two camera frames while no code is found: the next frame is the next try. */
const FRAME_INTERVAL_MS = 200;

/**
 * The camera, frame by frame through the app's one QR reader (lib/qr-reader.ts: zxing-wasm, jsQR as fallback,
 * loaded on demand) until a code is read. Calls `onText` with the first code read, `onClose` on cancel, or with
 * `labels.noCamera` when the camera cannot be opened.
 */
export function QrScanner({
  labels,
  onText,
  onClose,
  testId,
  cancelTestId,
}: {
  labels: QrScannerLabels;
  onText: (text: string) => void;
  onClose: (error?: string) => void;
  testId?: string;
  cancelTestId?: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [starting, setStarting] = useState(true);
  // The camera starts once; the latest callbacks are read through this so that a re-render never restarts it.
  const latest = useRef({ onText, onClose, labels });
  latest.current = { onText, onClose, labels };

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let live = true;
    const canvas = document.createElement('canvas');
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (!live || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        setStarting(false);
        const reader = await import('../lib/qr-reader');
        const tick = async () => {
          if (!live || !video.current) return;
          const frame = reader.frameOf(video.current, canvas);
          const text = frame ? await reader.decodeQr(frame).catch(() => null) : null;
          if (!live) return;
          if (text) latest.current.onText(text);
          else timer = window.setTimeout(tick, FRAME_INTERVAL_MS);
        };
        void tick();
      } catch {
        if (live) latest.current.onClose(latest.current.labels.noCamera);
      }
    })();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <section className="card" aria-label={labels.title} data-testid={testId}>
      <h2 className="section-title">{labels.title}</h2>
      <div className="qr-scanner-view">
        <video ref={video} muted playsInline aria-label={labels.video} />
        <span className="qr-scanner-frame" aria-hidden="true" />
      </div>
      <p className="field-help" role="status">
        {starting ? labels.starting : labels.hint}
      </p>
      <Button block onClick={() => onClose()} data-testid={cancelTestId}>
        {labels.cancel}
      </Button>
    </section>
  );
}
