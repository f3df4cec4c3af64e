import { z } from 'zod';

/** PostHog's error body, returned by every failing request. */
export const PostHogErrorBody = z
  .object({
    type: z.string().meta({ example: 'invalid_request' }),
    code: z.string().meta({ example: 'not_found' }),
    detail: z.string().meta({ example: 'Not found.' }),
    attr: z.string().nullable(),
  })
  .meta({ id: 'ErrorResponse' });
export type PostHogErrorBody = z.infer<typeof PostHogErrorBody>;
