import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface OrganizationTable {
  id: string;
  name: string;
  slug: string;
  is_ai_data_processing_approved: Defaulted<boolean>;
  created_at: Timestamp;
}

export interface ProjectTable {
  id: Generated<number>;
  uuid: string;
  organization_id: string;
  name: string;
  api_token: string;
  timezone: Defaulted<string>;
  /** 0: weeks start on Sunday (PostHog's default), 1: on Monday. */
  week_start_day: Defaulted<number>;
  /** Property filters `filterTestAccounts: true` ANDs into every query. */
  test_account_filters: ColumnType<unknown[], string | undefined, string>;
  created_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  uuid: string;
  distinct_id: string;
  email: string;
  first_name: Defaulted<string>;
  last_name: Defaulted<string>;
  is_email_verified: Defaulted<boolean>;
  is_active: Defaulted<boolean>;
  created_at: Timestamp;
}

export interface MembershipTable {
  project_id: number;
  user_id: number;
  level: 'viewer' | 'editor' | 'manager';
  joined_at: Timestamp;
}

export interface PersonalApiKeyTable {
  id: string;
  user_id: number;
  label: Defaulted<string>;
  secure_value: string;
  mask_value: string;
  scopes: string[];
  scoped_teams: number[] | null;
  scoped_organizations: string[] | null;
  created_at: Timestamp;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface GatewayDatabase {
  'auth.organization': OrganizationTable;
  'auth.project': ProjectTable;
  'auth.user': UserTable;
  'auth.membership': MembershipTable;
  'auth.personal_api_key': PersonalApiKeyTable;
}

export const AUTH_SCHEMA = 'auth';
