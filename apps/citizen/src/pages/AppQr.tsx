import Button from 'antd-mobile/es/components/button';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { InstallGuide } from '../components/InstallGuide';
import { Page } from '../components/Page';
import { useLocale } from '../i18n/localize';

/** A1: the app's own QR code ("微信扫'粤省事'码进入", here: 扫码进入粤省事). */
export default function AppQr() {
  const { t } = useLocale();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const [guide, setGuide] = useState(false);
  const url = `${window.location.origin}/`;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // An integer module scale keeps the code crisp (fractional widths blur the modules): ~240 px wide.
    const margin = 2;
    let scale = 8;
    try {
      const size = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules.size + margin * 2;
      scale = Math.max(2, Math.floor(240 / size));
    } catch {
      // toCanvas below reports the failure
    }
    QRCode.toCanvas(canvas, url, {
      errorCorrectionLevel: 'M',
      margin,
      scale,
      color: { dark: '#000000', light: '#ffffff' },
    })
      .then(() => setFailed(false))
      .catch(() => setFailed(true));
  }, [url]);

  return (
    <Page title={t('qr.title')}>
      <section className="card qr-card">
        <p className="qr-subtitle">{t('qr.subtitle')}</p>
        {failed ? (
          <p role="alert" className="qr-failed">
            {t('qr.failed')}
          </p>
        ) : (
          <canvas ref={canvasRef} className="qr-canvas" role="img" aria-label={t('qr.imageLabel', { url })} />
        )}
        <p className="qr-url">
          <span className="qr-url-label">
            {t('qr.address')}
            {t('common.colon')}
          </span>
          <span className="qr-url-value">{url}</span>
        </p>
        <p className="qr-howto">{t('qr.howTo')}</p>
        <p className="qr-howto">{t('qr.addHint')}</p>
        <Button color="primary" fill="outline" block onClick={() => setGuide(true)}>
          {t('install.title')}
        </Button>
      </section>
      <InstallGuide visible={guide} onClose={() => setGuide(false)} />
    </Page>
  );
}
