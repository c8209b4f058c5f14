import { expect, test, vi } from 'vitest';
import {
  handleNotificationClick,
  readNotificationData,
  type ClickContext,
} from '../../src/sw/notification-click.ts';
import type { NotificationData } from '../../src/sw/push.ts';
import type { WindowClientLike } from '../../src/sw/worker-scope.ts';

const ORIGIN = 'https://pawtal.example';
const ENDPOINT = 'https://push.example/send/abc';

interface FakeWindow {
  url: string;
  focused: boolean;
  focus: ReturnType<typeof vi.fn>;
  navigate: ReturnType<typeof vi.fn>;
}

function fakeWindow(path: string, { focused = false, canNavigate = true } = {}): FakeWindow {
  const win: FakeWindow = {
    url: `${ORIGIN}${path}`,
    focused,
    focus: vi.fn(async () => win),
    navigate: vi.fn(async (url: string) => {
      if (!canNavigate) throw new TypeError('not controlled');
      win.url = url;
      return win;
    }),
  };
  return win;
}

function fakeWorker(windows: FakeWindow[], answer: () => Response = okAnswer) {
  const shown: { title: string; options: NotificationOptions }[] = [];
  const posts: { path: string; body: unknown }[] = [];
  const context: ClickContext = {
    origin: ORIGIN,
    windows: async () => windows as unknown as WindowClientLike[],
    openWindow: vi.fn(async () => null),
    endpoint: async () => ENDPOINT,
    post: vi.fn(async (path: string, body: unknown) => {
      posts.push({ path, body });
      return answer();
    }),
    showNotification: vi.fn(async (title: string, options: NotificationOptions) => {
      shown.push({ title, options });
    }),
    forgetCategory: vi.fn(async () => undefined),
    language: 'en',
  };
  return { context, shown, posts };
}

function okAnswer() {
  return Response.json({ category: 'marketing', channel: 'push', enabled: false, changed: true });
}

const update: NotificationData = {
  clinic: 'dr-kim',
  updateId: 7,
  category: 'clinic-news',
  url: '/c/dr-kim/updates#update-7',
};

function notification(data: unknown) {
  return { data, close: vi.fn() };
}

test('a tap focuses the open window of the clinic’s app and takes it to the update', async () => {
  const other = fakeWindow('/c/other-clinic/', { focused: true });
  const app = fakeWindow('/c/dr-kim/policies/clinic-privacy');
  const { context } = fakeWorker([other, app]);
  const note = notification(update);

  await handleNotificationClick('', note, context);

  expect(note.close).toHaveBeenCalled();
  expect(app.focus).toHaveBeenCalled();
  expect(app.navigate).toHaveBeenCalledWith(`${ORIGIN}/c/dr-kim/updates#update-7`);
  expect(other.focus).not.toHaveBeenCalled();
  expect(context.openWindow).not.toHaveBeenCalled();
});

test('with no window of the clinic open, the update’s page opens in a new one', async () => {
  const { context } = fakeWorker([fakeWindow('/c/other-clinic/')]);
  await handleNotificationClick('', notification(update), context);
  expect(context.openWindow).toHaveBeenCalledWith(`${ORIGIN}/c/dr-kim/updates#update-7`);
});

test('a window that cannot be navigated is focused and the page opens beside it', async () => {
  const app = fakeWindow('/c/dr-kim/', { canNavigate: false });
  const { context } = fakeWorker([app]);
  await handleNotificationClick('', notification(update), context);
  expect(app.focus).toHaveBeenCalled();
  expect(context.openWindow).toHaveBeenCalledWith(`${ORIGIN}/c/dr-kim/updates#update-7`);
});

test('a link in the notification data outside the clinic’s scope is never opened', async () => {
  const { context } = fakeWorker([]);
  await handleNotificationClick(
    '',
    notification({ ...update, url: 'https://evil.example/' }),
    context,
  );
  expect(context.openWindow).toHaveBeenCalledWith(`${ORIGIN}/c/dr-kim/`);
  expect(readNotificationData({ clinic: 'dr-kim', url: '/c/x/' }).url).toBe('/c/dr-kim/');
  expect(readNotificationData(null).url).toBe('/');
});

test('Unsubscribe turns the category off on the server with the endpoint as proof, and says so', async () => {
  const { context, posts, shown } = fakeWorker([]);
  await handleNotificationClick(
    'unsubscribe',
    notification({ ...update, category: 'marketing' }),
    context,
  );
  expect(posts).toEqual([
    {
      path: '/api/push/unsubscribe',
      body: { endpoint: ENDPOINT, category: 'marketing', clinic: 'dr-kim' },
    },
  ]);
  expect(context.forgetCategory).toHaveBeenCalledWith('dr-kim', 'marketing');
  expect(shown).toEqual([
    {
      title: 'Unsubscribed',
      options: expect.objectContaining({ tag: 'update-7', silent: true }),
    },
  ]);
  // No window is opened: it works with the app closed.
  expect(context.openWindow).not.toHaveBeenCalled();
});

test('when the server refuses the Unsubscribe, the notification points to the preferences', async () => {
  const { context, shown } = fakeWorker(
    [],
    () => new Response('{"code":"boom","message":"x"}', { status: 500 }),
  );
  await handleNotificationClick(
    'unsubscribe',
    notification({ ...update, category: 'marketing' }),
    context,
  );
  expect(context.forgetCategory).not.toHaveBeenCalled();
  expect(shown[0]).toMatchObject({
    title: 'Could not unsubscribe',
    options: { data: { url: '/c/dr-kim/account/preferences' } },
  });
});

test('a tap on the generic notification brings an open window forward without moving it', async () => {
  const app = fakeWindow('/c/dr-kim/policies/clinic-privacy');
  const { context } = fakeWorker([app]);
  await handleNotificationClick('', notification({ url: '/' }), context);
  expect(app.focus).toHaveBeenCalled();
  expect(app.navigate).not.toHaveBeenCalled();
  expect(context.openWindow).not.toHaveBeenCalled();
});
