import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { precompress } from '../../../server/scripts/precompress.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
let webRoot: string;
const bigScript = `console.log(${JSON.stringify('paw '.repeat(2000))});\n`;

beforeAll(async () => {
  webRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'pawtal-web-'));
  await fs.mkdir(path.join(webRoot, 'assets'));
  await fs.writeFile(
    path.join(webRoot, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><!--clinic-head--></head><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>',
  );
  await fs.writeFile(path.join(webRoot, 'assets', 'index-abc123.js'), bigScript);
  await fs.writeFile(path.join(webRoot, 'sw.js'), 'self.addEventListener("install", () => {});');
  await precompress(webRoot);
  t = await createTestApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  await fs.rm(webRoot, { recursive: true, force: true });
});

describe('serving the built app', () => {
  test('the root redirects to the default clinic, and a clinic path gains its slash', async () => {
    const root = await t.app.inject('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/c/dr-kim/');
    const bare = await t.app.inject('/c/dr-kim');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/c/dr-kim/');
  });

  test("a clinic's pages get the shell with that clinic's manifest, colour and name", async () => {
    for (const url of ['/c/dr-kim/', '/c/dr-kim/policies/clinic-privacy']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<link rel="manifest" href="/c/dr-kim/manifest.webmanifest">');
      expect(res.body).toContain('<meta name="theme-color" content="#1b6b5f">');
      expect(res.body).toContain('<title>Dr. Kim&#39;s Veterinary Clinic</title>');
      expect(res.body).not.toContain('<!--clinic-head-->');
    }
  });

  test('an unknown clinic gets the shell with a 404 status', async () => {
    const res = await t.app.inject('/c/nobody/');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<div id="root">');
  });

  test('the API is never answered by the app shell', async () => {
    const res = await t.app.inject({
      url: '/api/does-not-exist',
      headers: { accept: 'text/html' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not-found' });
  });

  test('hashed assets are immutable; the service worker and shell are revalidated', async () => {
    const asset = await t.app.inject('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const sw = await t.app.inject('/sw.js');
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    const raw = await t.app.inject('/index.html');
    expect(raw.headers['cache-control']).toBe('no-cache');
  });

  test('assets go out brotli- or gzip-compressed, whichever the browser takes', async () => {
    const br = await t.app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(bigScript);
    const gz = await t.app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(bigScript);
  });

  test('large API answers are compressed too', async () => {
    const res = await t.app.inject({
      url: '/api/clinics/dr-kim/policies/clinic-privacy/versions/1',
      headers: { 'accept-encoding': 'br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    const body = JSON.parse(zlib.brotliDecompressSync(res.rawPayload).toString());
    expect(body.version).toBe(1);
  });

  test('every response carries a strict Content-Security-Policy and the usual headers', async () => {
    const res = await t.app.inject('/c/dr-kim/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  test("each clinic's manifest installs as its own app, scoped to that clinic", async () => {
    const res = await t.app.inject('/c/dr-kim/manifest.webmanifest');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/manifest\+json/);
    const manifest = res.json();
    expect(manifest).toMatchObject({
      id: '/c/dr-kim/',
      name: "Dr. Kim's Veterinary Clinic",
      short_name: 'Dr. Kim',
      start_url: '/c/dr-kim/',
      scope: '/c/dr-kim/',
      display: 'standalone',
      theme_color: '#1b6b5f',
    });
    const sizes = manifest.icons.map(
      (i: { sizes: string; purpose: string }) => `${i.sizes}/${i.purpose}`,
    );
    expect(sizes).toEqual(
      expect.arrayContaining(['192x192/any', '512x512/any', '512x512/maskable']),
    );
    expect((await t.app.inject('/c/nobody/manifest.webmanifest')).statusCode).toBe(404);
  });

  test("the clinic's icons are real PNGs at the sizes the manifest promises", async () => {
    for (const [file, size] of [
      ['icon-192.png', 192],
      ['icon-512.png', 512],
      ['maskable-512.png', 512],
      ['apple-touch-icon.png', 180],
    ] as const) {
      const res = await t.app.inject(`/c/dr-kim/icons/${file}`);
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      const png = res.rawPayload;
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
    const svg = await t.app.inject('/c/dr-kim/icons/icon.svg');
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect((await t.app.inject('/c/dr-kim/icons/other.png')).statusCode).toBe(404);
  });

  test('robots.txt allows the public documents and keeps crawlers out of the API', async () => {
    const res = await t.app.inject('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^User-agent: \*$/m);
    expect(res.body).toMatch(/^Allow: \/c\/$/m);
    expect(res.body).toMatch(/^Disallow: \/api\/$/m);
  });
});
