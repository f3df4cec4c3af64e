import { z } from 'zod';

const DateTime = z.iso.datetime({ offset: true });

/** PostHog's organization membership levels: member 1, admin 8, owner 15. */
export const OrganizationMembershipLevel = z.union([z.literal(1), z.literal(8), z.literal(15)]);

const teamFields = {
  id: z.number().int(),
  uuid: z.uuid(),
  name: z.string(),
  organization: z.uuid(),
  api_token: z.string(),
  timezone: z.string(),
};

export const TeamBasic = z.object(teamFields).meta({ id: 'TeamBasic' });

const organizationFields = { id: z.uuid(), name: z.string(), slug: z.string() };

export const OrganizationBasic = z.object(organizationFields).meta({ id: 'OrganizationBasic' });

/** An organization as its member sees it: when it was created and the member's level in it. */
const OrganizationWithMembership = z.object({
  ...organizationFields,
  created_at: DateTime,
  membership_level: OrganizationMembershipLevel.nullable(),
});

/** `GET /api/users/@me/`: the key's user, with the current project (first membership) and organization. */
export const CurrentUser = z
  .object({
    id: z.number().int(),
    uuid: z.uuid(),
    distinct_id: z.string(),
    email: z.email(),
    first_name: z.string(),
    last_name: z.string(),
    is_email_verified: z.boolean(),
    team: TeamBasic.nullable(),
    organization: OrganizationWithMembership.nullable(),
    organizations: z.array(OrganizationBasic),
  })
  .meta({ id: 'User' });
export type CurrentUser = z.infer<typeof CurrentUser>;

/** `GET /api/personal_api_keys/@current/`: the key itself, never its value. */
export const CurrentPersonalApiKey = z
  .object({
    id: z.uuid(),
    label: z.string(),
    mask_value: z.string(),
    scopes: z.array(z.string()),
    scoped_teams: z.array(z.number().int()).nullable(),
    scoped_organizations: z.array(z.uuid()).nullable(),
    created_at: DateTime,
    last_used_at: DateTime.nullable(),
  })
  .meta({ id: 'PersonalAPIKey' });
export type CurrentPersonalApiKey = z.infer<typeof CurrentPersonalApiKey>;

export const Organization = OrganizationWithMembership.extend({ is_ai_data_processing_approved: z.boolean() }).meta({
  id: 'Organization',
});
export type Organization = z.infer<typeof Organization>;

export const Project = z.object({ ...teamFields, created_at: DateTime }).meta({ id: 'Project' });
export type Project = z.infer<typeof Project>;

export const ProjectPage = z
  .object({
    count: z.number().int(),
    next: z.url().nullable(),
    previous: z.url().nullable(),
    results: z.array(Project),
  })
  .meta({ id: 'PaginatedProjectList' });
export type ProjectPage = z.infer<typeof ProjectPage>;
