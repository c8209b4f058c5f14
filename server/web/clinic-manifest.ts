import type { Clinic } from '../../src/contract/clinic.ts';

/**
 * Each clinic installs as its own app: its own id, name, colours, icons, and a scope limited
 * to its part of the site, so one server can host many clinics side by side on a phone.
 */
export function clinicManifest(clinic: Clinic) {
  const base = `/c/${clinic.slug}/`;
  const icon = (file: string, sizes: string, type: string, purpose = 'any') => ({
    src: `${base}icons/${file}`,
    sizes,
    type,
    purpose,
  });
  return {
    id: base,
    name: clinic.name,
    short_name: clinic.shortName,
    description: `${clinic.name}: privacy policies, contact preferences and privacy rights for pet owners.`,
    start_url: base,
    scope: base,
    display: 'standalone',
    display_override: ['standalone', 'minimal-ui'],
    theme_color: clinic.themeColor,
    background_color: clinic.backgroundColor,
    lang: 'en',
    dir: 'ltr',
    categories: ['health', 'medical', 'lifestyle'],
    icons: [
      icon('icon.svg', 'any', 'image/svg+xml'),
      icon('icon-192.png', '192x192', 'image/png'),
      icon('icon-512.png', '512x512', 'image/png'),
      icon('maskable-512.png', '512x512', 'image/png', 'maskable'),
      icon('badge-96.png', '96x96', 'image/png', 'monochrome'),
    ],
  };
}
