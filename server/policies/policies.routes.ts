import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  PolicyDiffQuerySchema,
  PolicyDiffSchema,
  PolicyListSchema,
  PolicyParamsSchema,
  PolicyVersionListSchema,
  PolicyVersionParamsSchema,
  PolicyVersionSchema,
} from '../../src/contract/policy.ts';
import { ClinicParamsSchema } from '../../src/contract/clinic.ts';
import { errorResponses, publicCache } from '../http/responses.ts';
import type { PoliciesService } from './policies.service.ts';

export const policiesRoutes: FastifyPluginAsyncZod<{ policies: PoliciesService }> = async (
  app,
  { policies },
) => {
  app.get(
    '/api/clinics/:clinic/policies',
    {
      schema: {
        tags: ['policies'],
        summary: "The clinic's documents, each with its current and any upcoming version",
        params: ClinicParamsSchema,
        response: { 200: PolicyListSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      publicCache(reply);
      return policies.list(request.params.clinic);
    },
  );

  app.get(
    '/api/clinics/:clinic/policies/:policyId/versions',
    {
      schema: {
        tags: ['policies'],
        summary: 'The archive: every version of a document, newest first',
        params: PolicyParamsSchema,
        response: { 200: PolicyVersionListSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      publicCache(reply);
      return policies.versions(request.params.clinic, request.params.policyId);
    },
  );

  app.get(
    '/api/clinics/:clinic/policies/:policyId/versions/:version',
    {
      schema: {
        tags: ['policies'],
        summary: 'One version of a document, section by section',
        params: PolicyVersionParamsSchema,
        response: { 200: PolicyVersionSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { clinic, policyId, version } = request.params;
      const found = await policies.version(clinic, policyId, version);
      publicCache(reply);
      return found;
    },
  );

  app.get(
    '/api/clinics/:clinic/policies/:policyId/diff',
    {
      schema: {
        tags: ['policies'],
        summary: 'What changed between two versions, section by section, word by word',
        params: PolicyParamsSchema,
        querystring: PolicyDiffQuerySchema,
        response: { 200: PolicyDiffSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { clinic, policyId } = request.params;
      const diff = await policies.diff(clinic, policyId, request.query.from, request.query.to);
      publicCache(reply);
      return diff;
    },
  );
};
