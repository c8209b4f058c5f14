import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const IPAD_DESKTOP_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const IPHONE_CHROME =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1';

/**
 * install.ts keeps the captured event in module state, as the app needs; a fresh copy of the
 * modules per test keeps one test's event from leaking into the next.
 */
async function loadBanner() {
  const [{ InstallBanner }, { I18nProvider }, install] = await Promise.all([
    import('../../src/app/banners/install-banner.tsx'),
    import('../../src/lib/i18n/i18n.tsx'),
    import('../../src/lib/install.ts'),
  ]);
  const renderBanner = (clinic = 'dr-kim') =>
    render(
      <I18nProvider locale="en">
        <InstallBanner clinic={clinic} clinicName="Dr. Kim" />
      </I18nProvider>,
    );
  return { renderBanner, install };
}

function fireBeforeInstallPrompt(outcome: 'accepted' | 'dismissed' = 'accepted') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  const prompt = vi.fn(async () => undefined);
  Object.assign(event, { prompt, userChoice: Promise.resolve({ outcome, platform: 'web' }) });
  act(() => {
    window.dispatchEvent(event);
  });
  return { event, prompt };
}

function fakeStandalone(isStandalone: boolean) {
  window.matchMedia = vi.fn((query: string) => ({
    matches: isStandalone && query === '(display-mode: standalone)',
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(() => false),
  }));
}

beforeEach(() => {
  vi.resetModules();
  fakeStandalone(false);
});

const spies: Array<{ mockRestore: () => void }> = [];

afterEach(() => {
  for (const spy of spies.splice(0)) spy.mockRestore();
});

test('the install banner appears when the browser offers installation, and Install shows its prompt', async () => {
  const user = userEvent.setup();
  const { renderBanner, install } = await loadBanner();
  renderBanner();
  expect(screen.queryByRole('region', { name: 'Install the app' })).toBeNull();

  const { event, prompt } = fireBeforeInstallPrompt('accepted');
  // The browser's own mini-infobar is suppressed; the app offers installation itself.
  expect(event.defaultPrevented).toBe(true);
  const banner = screen.getByRole('region', { name: 'Install the app' });
  expect(banner.textContent).toContain('Add to homescreen');

  await user.click(screen.getByRole('button', { name: 'Install' }));
  expect(prompt).toHaveBeenCalledOnce();
  expect(install.useInstallState).toBeTypeOf('function');
  expect(screen.queryByRole('region', { name: 'Install the app' })).toBeNull();
});

test('a dismissed install prompt is recorded and the used-up Install button goes away', async () => {
  const user = userEvent.setup();
  const { renderBanner, install } = await loadBanner();
  renderBanner();
  fireBeforeInstallPrompt('dismissed');

  await user.click(screen.getByRole('button', { name: 'Install' }));
  await expect(install.promptInstall()).resolves.toBe('unavailable');
  expect(screen.queryByRole('button', { name: 'Install' })).toBeNull();
});

test('hiding the install banner is remembered for that clinic across a remount', async () => {
  const user = userEvent.setup();
  const { renderBanner } = await loadBanner();
  const first = renderBanner('dr-kim');
  fireBeforeInstallPrompt();

  await user.click(screen.getByRole('button', { name: 'Hide' }));
  expect(screen.queryByRole('region', { name: 'Install the app' })).toBeNull();
  first.unmount();

  renderBanner('dr-kim');
  expect(screen.queryByRole('region', { name: 'Install the app' })).toBeNull();
  expect(localStorage.getItem('pawtal:install-hidden:dr-kim')).toBe('1');
});

test('hiding the banner for one clinic does not hide it for another', async () => {
  localStorage.setItem('pawtal:install-hidden:dr-kim', '1');
  const { renderBanner } = await loadBanner();
  renderBanner('other-clinic');
  fireBeforeInstallPrompt();
  expect(screen.getByRole('region', { name: 'Install the app' })).toBeTruthy();
});

test('the install banner stays hidden when the app already runs standalone', async () => {
  fakeStandalone(true);
  const { renderBanner } = await loadBanner();
  renderBanner();
  fireBeforeInstallPrompt();
  expect(screen.queryByRole('region', { name: 'Install the app' })).toBeNull();
});

test('the install banner goes away once the app is installed', async () => {
  const { renderBanner } = await loadBanner();
  renderBanner();
  fireBeforeInstallPrompt();
  expect(screen.getByRole('region', { name: 'Install the app' })).toBeTruthy();

  act(() => {
    window.dispatchEvent(new Event('appinstalled'));
  });
  expect(screen.queryByRole('region', { name: 'Install the app' })).toBeNull();
});

test('iOS Safari gets Share, then Add to Home Screen, instructions instead of a button', async () => {
  spies.push(vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(IPHONE_SAFARI));
  const { renderBanner } = await loadBanner();
  renderBanner();

  const banner = screen.getByRole('region', { name: 'Install the app' });
  expect(banner.textContent).toContain('tap Share');
  expect(banner.textContent).toContain('“Add to Home Screen”');
  expect(screen.queryByRole('button', { name: 'Install' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Hide' })).toBeTruthy();
});

test('iPadOS Safari is recognised by its touch screen; Chrome on iOS is not Safari', async () => {
  const { install } = await loadBanner();
  expect(install.isIosSafari(IPHONE_SAFARI, 5)).toBe(true);
  expect(install.isIosSafari(IPAD_DESKTOP_SAFARI, 5)).toBe(true);
  expect(install.isIosSafari(IPAD_DESKTOP_SAFARI, 0)).toBe(false);
  expect(install.isIosSafari(IPHONE_CHROME, 5)).toBe(false);
});
