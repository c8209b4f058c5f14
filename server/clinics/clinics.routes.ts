import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ClinicParamsSchema, ClinicSchema } from '../../src/contract/clinic.ts';
import { errorResponses, publicCache } from '../http/responses.ts';
import { toPublicClinic, type ClinicsService } from './clinics.service.ts';

export const clinicsRoutes: FastifyPluginAsyncZod<{ clinics: ClinicsService }> = async (
  app,
  { clinics },
) => {
  app.get(
    '/api/clinics/:clinic',
    {
      schema: {
        tags: ['clinics'],
        summary: "A clinic's public profile: name, colours, time zone and regimes",
        params: ClinicParamsSchema,
        response: { 200: ClinicSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const clinic = await clinics.require(request.params.clinic);
      publicCache(reply);
      return toPublicClinic(clinic);
    },
  );
};
