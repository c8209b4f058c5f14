import { describe, expect, test } from 'vitest';
import { deviceLabel, pushServiceName } from '../../../server/push/device-label.ts';

describe('how a device is named in the Devices list', () => {
  test.each([
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      'Safari on iPhone',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:132.0) Gecko/20100101 Firefox/132.0',
      'Firefox on macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Samsung Internet on Android',
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1',
      'Chrome on iPad',
    ],
    ['curl/8.5.0', 'Unknown device'],
  ])('%s → %s', (userAgent, label) => {
    expect(deviceLabel(userAgent)).toBe(label);
  });

  test('no user agent at all', () => {
    expect(deviceLabel(undefined)).toBe('Unknown device');
  });

  test.each([
    ['https://fcm.googleapis.com/fcm/send/x', 'Google'],
    ['https://updates.push.services.mozilla.com/wpush/v2/x', 'Mozilla'],
    ['https://web.push.apple.com/x', 'Apple'],
    ['https://wns2-par02p.notify.windows.com/w/?token=x', 'Microsoft'],
    ['https://push.test.example:8443/x', 'Other'],
  ])('the push service of %s is %s', (endpoint, name) => {
    expect(pushServiceName(endpoint)).toBe(name);
  });
});
