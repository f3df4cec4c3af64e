/**
 * The state the fuzzer starts from, built through the public interface (admin CLI and REST): two projects in two
 * organizations, insights with tags and views in both, and keys of every kind a request may carry.
 */
import { randomBytes } from 'node:crypto';
import { type RunningSystem, seedProject } from '../support/system.js';

/** Who a key belongs to and what it may do; `expectations.ts` judges a request from this alone. */
export interface KeyProfile {
  /** Short name used in reports instead of the key itself. */
  name: string;
  key: string;
  /** The project the key's user is a member of, and at which level. */
  memberOf: 'A' | 'B';
  level: 'viewer' | 'editor';
  scopes: string[];
  /** The projects the key is restricted to (`--projects`), when it is. */
  restrictedTo?: 'A' | 'B';
}

export interface ProjectFixture {
  id: number;
  organizationId: string;
  /** Numeric ids and short ids of its insights, as strings. */
  insightIds: string[];
  numericIds: number[];
  shortIds: string[];
  userIds: number[];
  tags: string[];
}

export interface FuzzWorld {
  A: ProjectFixture;
  B: ProjectFixture;
  keys: {
    /** Editor of A, every scope: the usual client. */
    a: KeyProfile;
    /** Editor of B, every scope: another project's key. */
    b: KeyProfile;
    aReadOnly: KeyProfile;
    aActivityOnly: KeyProfile;
    /** A's user, but the key is restricted to project B. */
    aRestrictedToB: KeyProfile;
    /** A viewer of A with every scope: may read, not write. */
    aViewer: KeyProfile;
  };
}

const INSIGHTS_OF_A = [
  {
    name: 'Weekly signups',
    description: 'the one everybody looks at',
    query: {
      kind: 'InsightVizNode',
      source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] },
    },
    tags: ['growth', 'kpi'],
    order: 3,
    favorited: true,
    dashboards: [7],
  },
  { name: 'Legacy filters', filters: { events: [{ id: 'signup' }], interval: 'week' }, tags: ['legacy'] },
  {
    name: 'HogQL',
    derived_name: 'Count of events',
    query: { kind: 'HogQLQuery', query: 'select count() from events' },
  },
  { name: 'Untagged and unviewed' },
];
const INSIGHTS_OF_B = [
  { name: 'Their funnel', tags: ['theirs'], favorited: true },
  { name: 'Their retention', tags: ['theirs', 'kpi'] },
];

async function createInsights(system: RunningSystem, projectId: number, key: string, bodies: readonly object[]) {
  const created: { id: number; short_id: string }[] = [];
  for (const body of bodies) {
    const res = await system.api('POST', `/api/projects/${projectId}/insights/`, { key, body });
    if (res.status !== 201) throw new Error(`seeding an insight failed: ${res.status} ${res.text}`);
    created.push(res.body);
  }
  const viewed = await system.api('POST', `/api/projects/${projectId}/insights/viewed/`, {
    key,
    body: { insight_ids: created.slice(0, 2).map((insight) => insight.id) },
  });
  if (viewed.status !== 201) throw new Error(`seeding views failed: ${viewed.status} ${viewed.text}`);
  return created;
}

function fixture(
  project: { id: number },
  organizationId: string,
  insights: { id: number; short_id: string }[],
  userIds: number[],
  tags: string[],
): ProjectFixture {
  return {
    id: project.id,
    organizationId,
    insightIds: insights.flatMap((insight) => [String(insight.id), insight.short_id]),
    numericIds: insights.map((insight) => insight.id),
    shortIds: insights.map((insight) => insight.short_id),
    userIds,
    tags,
  };
}

export async function buildWorld(system: RunningSystem): Promise<FuzzWorld> {
  // One after the other, so that ids come out the same on every run and a seed replays the same requests.
  const a = await seedProject(system);
  const b = await seedProject(system);
  const aUser = String(a.user.id);
  const [readOnly, activityOnly, restricted, viewer] = await Promise.all([
    system.admin('key', 'create', '--user', aUser, '--scopes', 'insight:read'),
    system.admin('key', 'create', '--user', aUser, '--scopes', 'activity_log:read'),
    system.admin('key', 'create', '--user', aUser, '--scopes', '*', '--projects', String(b.project.id)),
    system.admin(
      'user',
      'create',
      '--email',
      `viewer${randomBytes(4).toString('hex')}@example.com`,
      '--project',
      String(a.project.id),
      '--level',
      'viewer',
    ),
  ]);
  const viewerKey = await system.admin('key', 'create', '--user', String(viewer.id), '--scopes', '*');
  const insightsOfA = await createInsights(system, a.project.id, a.key, INSIGHTS_OF_A);
  const insightsOfB = await createInsights(system, b.project.id, b.key, INSIGHTS_OF_B);

  const profile = (name: string, key: string, rest: Omit<KeyProfile, 'name' | 'key'>): KeyProfile => ({
    name,
    key,
    ...rest,
  });
  return {
    A: fixture(a.project, a.org.id, insightsOfA, [a.user.id, viewer.id], ['growth', 'kpi', 'legacy']),
    B: fixture(b.project, b.org.id, insightsOfB, [b.user.id], ['theirs', 'kpi']),
    keys: {
      a: profile('key of A (editor, *)', a.key, { memberOf: 'A', level: 'editor', scopes: ['*'] }),
      b: profile('key of B (editor, *)', b.key, { memberOf: 'B', level: 'editor', scopes: ['*'] }),
      aReadOnly: profile('key of A (insight:read)', readOnly.key, {
        memberOf: 'A',
        level: 'editor',
        scopes: ['insight:read'],
      }),
      aActivityOnly: profile('key of A (activity_log:read)', activityOnly.key, {
        memberOf: 'A',
        level: 'editor',
        scopes: ['activity_log:read'],
      }),
      aRestrictedToB: profile('key of A restricted to project B', restricted.key, {
        memberOf: 'A',
        level: 'editor',
        scopes: ['*'],
        restrictedTo: 'B',
      }),
      aViewer: profile('key of a viewer of A', viewerKey.key, { memberOf: 'A', level: 'viewer', scopes: ['*'] }),
    },
  };
}
