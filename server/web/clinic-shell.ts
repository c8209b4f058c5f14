import fs from 'node:fs';
import path from 'node:path';
import type { Clinic } from '../../src/contract/clinic.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the server writes into index.html's `<!--clinic-head-->` for one clinic. */
export function clinicHead(clinic: Clinic): string {
  const base = `/c/${clinic.slug}`;
  const name = escapeHtml(clinic.name);
  return [
    `<title>${name}</title>`,
    `<meta name="description" content="${escapeHtml(
      `${clinic.name}: privacy policies, contact preferences and privacy rights for pet owners.`,
    )}">`,
    `<meta name="theme-color" content="${escapeHtml(clinic.themeColor)}">`,
    `<meta name="apple-mobile-web-app-title" content="${escapeHtml(clinic.shortName)}">`,
    `<link rel="manifest" href="${base}/manifest.webmanifest">`,
    `<link rel="icon" href="${base}/icons/icon.svg" type="image/svg+xml">`,
    `<link rel="apple-touch-icon" href="${base}/icons/apple-touch-icon.png">`,
  ].join('\n    ');
}

/**
 * The built index.html, re-read when the file changes, so a new build is picked up by a
 * running server (a deploy that replaces dist/ in place).
 */
export function createShellTemplate(webRoot: string) {
  const file = path.join(webRoot, 'index.html');
  let cached: { mtimeMs: number; html: string } | undefined;

  function template(): string | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!cached || cached.mtimeMs !== stat.mtimeMs) {
      cached = { mtimeMs: stat.mtimeMs, html: fs.readFileSync(file, 'utf8') };
    }
    return cached.html;
  }

  return {
    isBuilt: () => template() !== undefined,
    render(clinic: Clinic | undefined): string | undefined {
      const html = template();
      if (html === undefined) return undefined;
      return clinic ? html.replace('<!--clinic-head-->', clinicHead(clinic)) : html;
    },
  };
}
