import Button from 'antd-mobile/es/components/button';
import { useEffect, useRef, useState } from 'react';

/**
 * A camera QR scanner (zxing-wasm, jsQR as fallback: lib/invoice-scan, loaded on demand). Calls `onText` with
 * the first code read, `onClose` on cancel or with a message when the camera cannot be opened.
 */
export function QrScanner({
  labels,
  onText,
  onClose,
  testId,
}: {
  labels: { title: string; hint: string; starting: string; video: string; noCamera: string; cancel: string };
  onText: (text: string) => void;
  onClose: (error?: string) => void;
  testId?: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [starting, setStarting] = useState(true);
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
        const scan = await import('../lib/invoice-scan');
        const tick = async () => {
          if (!live || !video.current) return;
          const frame = scan.frameOf(video.current, canvas);
          const text = frame ? await scan.decodeQr(frame).catch(() => null) : null;
          if (!live) return;
          if (text) latest.current.onText(text);
          else timer = window.setTimeout(tick, 250);
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
      <div className="wl-scanner-view">
        <video ref={video} muted playsInline aria-label={labels.video} />
      </div>
      <p className="field-help" role="status">
        {starting ? labels.starting : labels.hint}
      </p>
      <Button block onClick={() => onClose()}>
        {labels.cancel}
      </Button>
    </section>
  );
}
