import Button from 'antd-mobile/es/components/button';
import { useId, useRef, useState } from 'react';
import { QrScanner, type QrScannerLabels } from './QrScanner';
import './qr-capture.css';

export interface QrCaptureLabels extends QrScannerLabels {
  /** The camera button (扫一扫). */
  scan: string;
  /** The upload button (上传…图片). */
  upload: string;
}

/**
 * Why an uploaded picture gave no text: `no-code` none was found in it; `undecodable` the picture could not be
 * read (not an image, or no decoder worked); `no-reader` the QR reader itself could not be loaded.
 */
export type PictureMiss = 'no-code' | 'undecodable' | 'no-reader';

/**
 * How a QR page takes a code in: 扫一扫 (the camera, QrScanner) or a picture uploaded from the phone, both read
 * by lib/qr-reader.ts. It renders the two buttons side by side and, while scanning, the camera below them; the
 * page says what happens (its own note and result) through the callbacks.
 *
 * Test ids: `<testIdPrefix>-scan`, `-upload` (the file input), `-scanner`, `-scan-cancel`.
 */
export function QrCapture({
  labels,
  testIdPrefix,
  main = false,
  onText,
  onPicture,
  onPictureMiss,
  onCameraError,
}: {
  labels: QrCaptureLabels;
  testIdPrefix: string;
  /** Scanning is the page's main action: a large solid button rather than an outline one. */
  main?: boolean;
  /** A code was read, from the camera or a picture; the camera is closed by then. */
  onText: (text: string) => void;
  /** A picture was chosen and is being read. */
  onPicture: () => void;
  onPictureMiss: (why: PictureMiss) => void;
  /** The camera could not be opened (the message is `labels.noCamera`); the scanner is closed. */
  onCameraError: (message: string) => void;
}) {
  const [scanning, setScanning] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploadId = useId();

  const read = (text: string) => {
    setScanning(false);
    onText(text);
  };

  const readPicture = async (file: File | undefined) => {
    if (!file) return;
    onPicture();
    try {
      let reader: typeof import('../lib/qr-reader');
      try {
        reader = await import('../lib/qr-reader');
      } catch {
        onPictureMiss('no-reader');
        return;
      }
      const text = await reader.decodeQrFile(file).catch(() => undefined);
      if (text === undefined) onPictureMiss('undecodable');
      else if (text === null || text === '') onPictureMiss('no-code');
      else read(text);
    } finally {
      // the same picture may be chosen again
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <>
      <div className="qr-capture-actions">
        <Button
          color="primary"
          size={main ? 'large' : undefined}
          fill={main ? undefined : 'outline'}
          onClick={() => setScanning(true)}
          data-testid={`${testIdPrefix}-scan`}
        >
          {labels.scan}
        </Button>
        <input
          id={uploadId}
          ref={fileInput}
          type="file"
          accept="image/*"
          className="visually-hidden"
          data-testid={`${testIdPrefix}-upload`}
          onChange={(e) => void readPicture(e.target.files?.[0])}
        />
        <label className="qr-capture-upload" htmlFor={uploadId}>
          {labels.upload}
        </label>
      </div>
      {scanning && (
        <QrScanner
          labels={labels}
          testId={`${testIdPrefix}-scanner`}
          cancelTestId={`${testIdPrefix}-scan-cancel`}
          onText={read}
          onClose={(error) => {
            setScanning(false);
            if (error) onCameraError(error);
          }}
        />
      )}
    </>
  );
}
