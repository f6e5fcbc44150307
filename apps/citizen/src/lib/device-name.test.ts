import { describe, expect, it } from 'vitest';
import { deviceName } from './device-name';

describe('deviceName', () => {
  it('names the phone by its brand', () => {
    expect(
      deviceName(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('iPhone');
    expect(
      deviceName(
        'Mozilla/5.0 (Linux; Android 12; HUAWEI P50) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36',
      ),
    ).toBe('华为手机');
    expect(deviceName('Mozilla/5.0 (Linux; Android 13; 23049RAD8C Build/TKQ1; Redmi Note 12)')).toBe('小米手机');
    expect(deviceName('Mozilla/5.0 (Linux; Android 14; SM-S9180) AppleWebKit/537.36', 'en')).toBe('Samsung phone');
    expect(deviceName('Mozilla/5.0 (Linux; Android 11; K) AppleWebKit/537.36')).toBe('安卓手机');
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/140')).toBe('Linux 电脑');
    expect(deviceName('')).toBe('本机');
    expect(deviceName('', 'en')).toBe('This device');
  });
});
