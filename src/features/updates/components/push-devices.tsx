import { useId, useState } from 'react';
import type { Device } from '../../../contract/push.ts';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Notice } from '../../../components/ui/notice.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useDevices, useThisEndpoint } from '../api/get-devices.ts';
import { useRemoveDevice } from '../api/remove-device.ts';
import { useSendTestNotification } from '../api/send-test-notification.ts';

/**
 * The owner's devices that get push: this one marked, any of them removable, and a test
 * notification to check that it works.
 */
export function PushDevices({ clinic, clinicName }: { clinic: string; clinicName: string }) {
  const { t, formatDateTime } = useT();
  const headingId = useId();
  const { data: devices } = useDevices();
  const { data: thisEndpoint } = useThisEndpoint();
  const remove = useRemoveDevice(clinic);
  const test = useSendTestNotification();
  const [status, setStatus] = useState('');

  const isThis = (device: Device) => thisEndpoint != null && device.endpoint === thisEndpoint;
  const thisDevice = devices.data.find(isThis);
  // This device first: it is the one the owner is holding.
  const sorted = [...devices.data].sort((a, b) => Number(isThis(b)) - Number(isThis(a)));

  const sendTest = (device: Device) => {
    setStatus('');
    test.mutate(device.id, {
      onSuccess: () => setStatus(t('devices.push.testSent', { device: device.label })),
    });
  };

  const removeDevice = (device: Device) => {
    setStatus('');
    remove.mutate(
      { device, isThisDevice: isThis(device) },
      { onSuccess: () => setStatus(t('devices.push.removed', { device: device.label })) },
    );
  };

  return (
    <section className="account-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('devices.push.title')}</h2>
      <p>{t('devices.push.intro', { clinic: clinicName })}</p>
      {!thisDevice ? (
        <Notice>
          <p>{t('devices.push.thisNotSubscribed')}</p>
        </Notice>
      ) : null}
      {sorted.length === 0 ? (
        <p className="muted">{t('devices.push.empty')}</p>
      ) : (
        <ul className="device-list">
          {sorted.map((device) => (
            <li key={device.id} className="device-list__item push-device">
              <div>
                <p className="device-list__name">
                  {device.label}{' '}
                  {isThis(device) ? (
                    <Badge tone="accent">{t('devices.push.thisDevice')}</Badge>
                  ) : null}
                </p>
                <p className="muted">
                  {t('devices.push.via', { service: device.pushService })}
                  {' · '}
                  {t('devices.push.added', { datetime: formatDateTime(device.createdAt) })}
                  {' · '}
                  {device.lastDeliveredAt
                    ? t('devices.push.lastDelivered', {
                        datetime: formatDateTime(device.lastDeliveredAt),
                      })
                    : t('devices.push.never')}
                </p>
              </div>
              <div className="push-device__actions">
                {isThis(device) ? null : (
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={t('devices.push.testLabel', { device: device.label })}
                    disabled={test.isPending}
                    onClick={() => sendTest(device)}
                  >
                    {t('devices.push.testOther')}
                  </button>
                )}
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('devices.push.removeLabel', { device: device.label })}
                  disabled={remove.isPending}
                  onClick={() => removeDevice(device)}
                >
                  {t('devices.push.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="form-status">
        {status}
      </p>
      <ApiErrorMessage error={remove.error ?? test.error} />
      {thisDevice ? (
        <button
          type="button"
          className="button"
          disabled={test.isPending}
          onClick={() => sendTest(thisDevice)}
        >
          {t('devices.push.test')}
        </button>
      ) : null}
    </section>
  );
}
