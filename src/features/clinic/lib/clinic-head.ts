import type { Clinic } from '../../../contract/clinic.ts';
import { clinicPalette } from '../../../lib/color.ts';
import { paths } from '../../../lib/paths.ts';

/**
 * The server writes the clinic's manifest link, theme colour, touch icon and title into
 * index.html. Offline, the service worker answers with the precached index.html, which has
 * none of them, so the app puts them in place itself. Every function here is idempotent.
 */

function ensureElement<T extends HTMLElement>(
  doc: Document,
  selector: string,
  create: () => T,
): Element {
  return doc.head.querySelector(selector) ?? doc.head.appendChild(create());
}

function ensureLink(doc: Document, rel: string, href: string, keepIfUnder?: string): void {
  const link = ensureElement(doc, `link[rel="${rel}"]`, () => {
    const element = doc.createElement('link');
    element.rel = rel;
    return element;
  });
  const current = link.getAttribute('href') ?? '';
  // The server may have chosen a different file of the same clinic (a PNG size, say): keep it.
  if (keepIfUnder && current.startsWith(keepIfUnder)) return;
  if (current !== href) link.setAttribute('href', href);
}

/** What the URL alone tells us: the clinic's manifest, icon and touch icon. */
export function ensureClinicLinks(doc: Document, clinic: string): void {
  ensureLink(doc, 'manifest', paths.clinicManifest(clinic));
  ensureLink(doc, 'icon', paths.clinicIcon(clinic), `/c/${clinic}/`);
  ensureLink(doc, 'apple-touch-icon', paths.clinicTouchIcon(clinic), `/c/${clinic}/`);
}

/** What the clinic's data adds: theme colour for the browser UI, and CSS custom properties. */
export function applyClinicTheme(doc: Document, clinic: Clinic): void {
  const meta = ensureElement(doc, 'meta[name="theme-color"]', () => {
    const element = doc.createElement('meta');
    element.name = 'theme-color';
    return element;
  });
  if (meta.getAttribute('content') !== clinic.themeColor) {
    meta.setAttribute('content', clinic.themeColor);
  }

  // CSSOM, not a style attribute: the CSP (style-src 'self') blocks inline style markup.
  const palette = clinicPalette(clinic.themeColor, clinic.backgroundColor);
  const style = doc.documentElement.style;
  style.setProperty('--clinic-theme', clinic.themeColor);
  style.setProperty('--clinic-page-light', palette.pageLight);
  style.setProperty('--clinic-header-light', palette.headerLight);
  style.setProperty('--clinic-header-dark', palette.headerDark);
  style.setProperty('--clinic-accent-light', palette.accentLight);
  style.setProperty('--clinic-on-accent-light', palette.onAccentLight);
  style.setProperty('--clinic-accent-dark', palette.accentDark);
  style.setProperty('--clinic-on-accent-dark', palette.onAccentDark);
}
