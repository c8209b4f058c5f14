import { z } from 'zod/mini';

/** Every error the API answers with: a stable code for programs, a sentence for people. */
export const ApiErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
