import { useParams } from 'react-router';
import { ClinicParamsSchema } from '../contract/clinic.ts';
import { PolicyParamsSchema, PolicyVersionParamsSchema } from '../contract/policy.ts';
import { ApiError } from '../lib/api-client.ts';

/** Route params are input like any other: a malformed one is a page that does not exist. */
function notFound(): never {
  throw new ApiError(404, 'not-found', 'Nothing was found at this address.');
}

export function useClinicSlug(): string {
  const parsed = ClinicParamsSchema.safeParse(useParams());
  return parsed.success ? parsed.data.clinic : notFound();
}

export function usePolicyParams(): { clinic: string; policyId: string } {
  const parsed = PolicyParamsSchema.safeParse(useParams());
  return parsed.success ? parsed.data : notFound();
}

/** `version` is undefined on `/policies/:policyId`, which shows the version in effect. */
export function usePolicyVersionParam(): number | undefined {
  const params = useParams();
  if (params.version === undefined) return undefined;
  const parsed = PolicyVersionParamsSchema.safeParse(params);
  return parsed.success ? parsed.data.version : notFound();
}
