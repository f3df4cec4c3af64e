import { z } from 'zod';

export const HedgehogConfig = z.object({
  use_as_profile: z.boolean(),
  color: z.string().nullable(),
  accessories: z.array(z.string()),
  skin: z.string().nullable().optional(),
});

/** PostHog's `UserBasicSerializer`. */
export const UserBasic = z
  .object({
    id: z.number().int(),
    uuid: z.uuid(),
    distinct_id: z.string().nullable(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.email(),
    is_email_verified: z.boolean().nullable(),
    hedgehog_config: HedgehogConfig.nullable(),
    role_at_organization: z.string().nullable(),
  })
  .meta({ id: 'UserBasic' });
export type UserBasic = z.infer<typeof UserBasic>;
