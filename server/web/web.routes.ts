import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ClinicRecord } from '../clinics/clinics.repository.ts';
import { toPublicClinic, type ClinicsService } from '../clinics/clinics.service.ts';
import { renderClinicIconPng, renderClinicIconSvg } from './clinic-icon.ts';
import { clinicManifest } from './clinic-manifest.ts';
import { createShellTemplate } from './clinic-shell.ts';

export interface WebOptions {
  webRoot: string;
  defaultClinic: string;
  clinics: ClinicsService;
}

const ICONS = {
  'icon.svg': { type: 'image/svg+xml' },
  'icon-192.png': { type: 'image/png', size: 192, purpose: 'any' },
  'icon-512.png': { type: 'image/png', size: 512, purpose: 'any' },
  'maskable-512.png': { type: 'image/png', size: 512, purpose: 'maskable' },
  // iOS draws its own rounded corners and ignores transparency, so it gets a full-bleed icon.
  'apple-touch-icon.png': { type: 'image/png', size: 180, purpose: 'maskable' },
  'badge-96.png': { type: 'image/png', size: 96, purpose: 'monochrome' },
} as const;
type IconFile = keyof typeof ICONS;

const ROBOTS = `# pawtal: clinics' public documents may be indexed; accounts and the API may not.
User-agent: *
Allow: /c/
Disallow: /api/
Disallow: /c/*/account
Disallow: /c/*/console
`;

/** Hashed build assets never change; everything that names them must always be revalidated. */
function cacheControlFor(filePath: string): string {
  if (/[\\/]assets[\\/]/.test(filePath)) return 'public, max-age=31536000, immutable';
  if (/(\.html|sw\.js|\.webmanifest)$/.test(filePath)) return 'no-cache';
  return 'public, max-age=3600';
}

export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const shell = createShellTemplate(options.webRoot);
  const iconCache = new Map<string, Buffer | string>();

  async function sendShell(reply: FastifyReply, clinic: ClinicRecord | undefined) {
    const html = shell.render(clinic && toPublicClinic(clinic));
    if (html === undefined) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The app has not been built yet. Run `npm run build`, then start the server again.');
    }
    return reply
      .code(clinic ? 200 : 404)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  }

  if (shell.isBuilt()) {
    await app.register(fastifyStatic, {
      root: options.webRoot,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', cacheControlFor(filePath));
      },
    });
  } else {
    app.log.warn(`No built app in ${options.webRoot}: serving the API only.`);
  }

  app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('text/plain').send(ROBOTS),
  );

  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect(`/c/${options.defaultClinic}/`, 302),
  );

  const ClinicParams = z.object({ clinic: z.string() });

  app.get('/c/:clinic', { schema: { hide: true } }, async (request, reply) => {
    const { clinic } = ClinicParams.parse(request.params);
    return reply.redirect(`/c/${encodeURIComponent(clinic)}/`, 301);
  });

  app.get('/c/:clinic/manifest.webmanifest', { schema: { hide: true } }, async (request, reply) => {
    const clinic = await options.clinics.require(ClinicParams.parse(request.params).clinic);
    return reply
      .header('cache-control', 'no-cache')
      .type('application/manifest+json; charset=utf-8')
      .send(JSON.stringify(clinicManifest(toPublicClinic(clinic))));
  });

  app.get('/c/:clinic/icons/:file', { schema: { hide: true } }, async (request, reply) => {
    const params = z
      .object({ clinic: z.string(), file: z.enum(Object.keys(ICONS) as [IconFile, ...IconFile[]]) })
      .safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const clinic = await options.clinics.require(params.data.clinic);
    const spec = ICONS[params.data.file];
    const key = `${clinic.slug}/${params.data.file}/${clinic.themeColor}`;
    let body = iconCache.get(key);
    if (body === undefined) {
      body =
        'size' in spec
          ? renderClinicIconPng({
              size: spec.size,
              background: clinic.themeColor,
              purpose: spec.purpose,
            })
          : renderClinicIconSvg({ background: clinic.themeColor, purpose: 'any' });
      iconCache.set(key, body);
    }
    // A week: a clinic that changes its colour gets new icons within days, not at once.
    return reply
      .header('cache-control', 'public, max-age=604800, stale-while-revalidate=86400')
      .type(spec.type)
      .send(body);
  });

  app.get('/c/:clinic/*', { schema: { hide: true } }, async (request, reply) => {
    const { clinic } = ClinicParams.parse(request.params);
    return sendShell(reply, await options.clinics.find(clinic));
  });
};
