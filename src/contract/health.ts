import { z } from 'zod/mini';

export const HealthSchema = z.object({
  ok: z.boolean(),
  db: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
