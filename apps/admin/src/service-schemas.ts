import type { ServiceSchema } from './migrated-databases.js';

/**
 * Each service's schema and migrations, loaded on demand: a service package brings its whole service, which most
 * commands do not need.
 */
export const SERVICE_SCHEMAS = {
  insights: async (): Promise<ServiceSchema> => {
    const { INSIGHTS_SCHEMA, insightsMigrations } = await import('@insights/insights');
    return { schema: INSIGHTS_SCHEMA, migrations: insightsMigrations };
  },
  tagging: async (): Promise<ServiceSchema> => {
    const { TAGGING_SCHEMA, taggingMigrations } = await import('@insights/tagging');
    return { schema: TAGGING_SCHEMA, migrations: taggingMigrations };
  },
  views: async (): Promise<ServiceSchema> => {
    const { VIEWS_SCHEMA, viewsMigrations } = await import('@insights/views');
    return { schema: VIEWS_SCHEMA, migrations: viewsMigrations };
  },
  activity: async (): Promise<ServiceSchema> => {
    const { ACTIVITY_SCHEMA, activityMigrations } = await import('@insights/activity');
    return { schema: ACTIVITY_SCHEMA, migrations: activityMigrations };
  },
} as const;
