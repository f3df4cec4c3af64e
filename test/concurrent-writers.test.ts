import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type RunningSystem, seedProject, startSystem } from './support/system.js';

/**
 * Issue 7 §2, as a permanent test: 32 writers mixing PATCH, bulk add/remove/set on 1–5 ids and viewed, on 8 shared
 * insights, for a bounded time. Afterwards, from the REST surface and the tag store: every 2xx change is in the final
 * state and has exactly one activity entry, nothing of a failed request is anywhere, the tag store agrees with the
 * insights, and each insight's activity entries chain (every entry's `before` is the previous entry's `after`).
 * Every name and tag a writer sends is unique, so each entry can be traced to the one request that caused it.
 */

const WRITERS = 32;
const INSIGHTS = 8;
const RUN_MS = 12_000;

type Kind = 'patch' | 'add' | 'remove' | 'set' | 'viewed';

interface Operation {
  kind: Kind;
  ids: number[];
  /** The unique name (patch) or tag (add, set, remove, or patch with tags) the request carried. */
  token: string;
  /** A patch that also set the tags to `[token-tags]`. */
  patchTags?: string;
  status: number;
  body: any;
}

interface State {
  name: string;
  tags: string[];
}

interface Entry {
  activity: string;
  detail: { changes: { field: string; before: unknown; after: unknown }[] | null };
}

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let base: string;
let insightIds: number[];
let operations: Operation[];
const initialNames = new Map<number, string>();

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function someIds(): number[] {
  const count = 1 + Math.floor(Math.random() * 5);
  const shuffled = [...insightIds].sort(() => Math.random() - 0.5);
  return shuffled.slice(0, count);
}

async function runWriter(writer: number, deadline: number, done: Operation[]): Promise<void> {
  const added: string[] = [];
  for (let n = 0; Date.now() < deadline; n++) {
    const roll = Math.random();
    const token = `w${writer}-${n}-${randomBytes(2).toString('hex')}`;
    let kind: Kind;
    let ids: number[];
    let response: ApiResponse;
    let patchTags: string | undefined;
    if (roll < 0.3) {
      kind = 'patch';
      ids = [pick(insightIds)];
      patchTags = Math.random() < 0.5 ? `p-${token}` : undefined;
      const body = { name: `n-${token}`, ...(patchTags ? { tags: [patchTags] } : {}) };
      response = await system.api('PATCH', `${base}${ids[0]}/`, { key: seed.key, body });
    } else if (roll < 0.8) {
      ids = someIds();
      const action = roll < 0.55 ? 'add' : roll < 0.7 ? 'remove' : 'set';
      kind = action;
      const tag = action === 'remove' && added.length > 0 ? pick(added) : `${action[0]}-${token}`;
      if (action === 'add') added.push(tag);
      response = await system.api('POST', `${base}bulk_update_tags/`, {
        key: seed.key,
        body: { ids, action, tags: [tag] },
      });
      done.push({ kind, ids, token: tag, status: response.status, body: response.body });
      continue;
    } else {
      kind = 'viewed';
      ids = someIds();
      response = await system.api('POST', `${base}viewed/`, { key: seed.key, body: { insight_ids: ids } });
    }
    done.push({
      kind,
      ids,
      token: kind === 'patch' ? `n-${token}` : token,
      ...(patchTags ? { patchTags } : {}),
      status: response.status,
      body: response.body,
    });
  }
}

async function activityEntries(id: number): Promise<Entry[]> {
  const response = await system.api('GET', `${base}${id}/activity/?limit=1000`, { key: seed.key });
  expect(response.status).toBe(200);
  expect(response.body.total_count).toBeLessThanOrEqual(1000);
  return [...(response.body.results as Entry[])].reverse();
}

const asTags = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

async function tagStoreTags(client: pg.Client, id: number): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT t.name FROM tagging.tagged_item ti JOIN tagging.tag t ON t.id = ti.tag_id
     WHERE ti.project_id = $1 AND ti.insight_id = $2 ORDER BY t.name`,
    [seed.project.id, id],
  );
  return rows.map((row) => row.name as string);
}

beforeAll(async () => {
  system = await startSystem();
  seed = await seedProject(system);
  base = `/api/projects/${seed.project.id}/insights/`;
  insightIds = [];
  for (let n = 0; n < INSIGHTS; n++) {
    const created = await system.api('POST', base, { key: seed.key, body: { name: `shared ${n}` } });
    insightIds.push(created.body.id);
    initialNames.set(created.body.id, `shared ${n}`);
  }
  operations = [];
  const deadline = Date.now() + RUN_MS;
  await Promise.all(Array.from({ length: WRITERS }, (_, writer) => runWriter(writer, deadline, operations)));
}, 120_000);

afterAll(async () => system?.stop());

describe(`${WRITERS} concurrent writers on ${INSIGHTS} shared insights`, () => {
  it('answers every request with a success: no deadlock or conflict ever surfaces as an error', () => {
    expect(operations.length).toBeGreaterThan(WRITERS * 5);
    const failed = operations.filter((operation) => operation.status >= 300);
    expect(failed.map((operation) => `${operation.kind} → ${operation.status}`)).toEqual([]);
  });

  it('leaves the tag store equal to every insight’s tags, and each insight’s activity a chain from its creation', async () => {
    const client = new pg.Client({ connectionString: system.database.url });
    await client.connect();
    try {
      // Quiet: the consumers have caught up when a pass changes nothing and the tag store agrees.
      const deadline = Date.now() + 30_000;
      let finals = new Map<number, State>();
      for (;;) {
        finals = new Map();
        for (const id of insightIds) {
          const insight = (await system.api('GET', `${base}${id}/`, { key: seed.key })).body;
          finals.set(id, { name: insight.name, tags: insight.tags });
        }
        // One after another: one pg client runs one query at a time.
        const agree: boolean[] = [];
        for (const id of insightIds) {
          const chain = await activityEntries(id);
          const lastTags = [...chain].reverse().find((entry) => entry.detail.changes?.some((c) => c.field === 'tags'));
          const chainTags = asTags(lastTags?.detail.changes?.find((c) => c.field === 'tags')?.after);
          agree.push(
            JSON.stringify(await tagStoreTags(client, id)) === JSON.stringify(finals.get(id)!.tags) &&
              JSON.stringify(chainTags) === JSON.stringify(finals.get(id)!.tags),
          );
        }
        if (agree.every(Boolean) || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      for (const id of insightIds) {
        expect(await tagStoreTags(client, id), `tag store of insight ${id}`).toEqual(finals.get(id)!.tags);
        const entries = await activityEntries(id);
        expect(entries[0]?.activity).toBe('created');
        const state: State = { name: initialNames.get(id)!, tags: [] };
        for (const [index, entry] of entries.slice(1).entries()) {
          expect(entry.activity, `entry ${index + 1} of insight ${id}`).toBe('updated');
          for (const change of entry.detail.changes ?? []) {
            if (change.field === 'name') {
              expect(change.before, `name chain of insight ${id} at entry ${index + 1}`).toBe(state.name);
              state.name = change.after as string;
            } else if (change.field === 'tags') {
              expect(asTags(change.before), `tags chain of insight ${id} at entry ${index + 1}`).toEqual(state.tags);
              state.tags = asTags(change.after);
            }
          }
        }
        expect(state, `the chain of insight ${id} ends in its current state`).toEqual(finals.get(id));
      }
    } finally {
      await client.end();
    }
  }, 60_000);

  it('gives every successful change exactly one activity entry, whose result is what the request answered', async () => {
    const entriesOf = new Map<number, Entry[]>();
    for (const id of insightIds) entriesOf.set(id, (await activityEntries(id)).slice(1));
    const claimed = new Map<number, Set<number>>(insightIds.map((id) => [id, new Set()]));
    const claim = (id: number, predicate: (entry: Entry) => boolean, what: string) => {
      const matches = entriesOf
        .get(id)!
        .map((entry, index) => ({ entry, index }))
        .filter(({ entry }) => predicate(entry));
      expect(matches.length, `${what} on insight ${id}`).toBe(1);
      const index = matches[0]!.index;
      expect(claimed.get(id)!.has(index), `${what}: entry claimed twice`).toBe(false);
      claimed.get(id)!.add(index);
      return matches[0]!.entry;
    };
    const change = (entry: Entry, field: string) => entry.detail.changes?.find((c) => c.field === field);

    for (const operation of operations.filter((op) => op.status < 300)) {
      if (operation.kind === 'patch') {
        const entry = claim(
          operation.ids[0]!,
          (e) => change(e, 'name')?.after === operation.token,
          `PATCH name ${operation.token}`,
        );
        if (operation.patchTags) {
          const tags = change(entry, 'tags');
          // The tags change belongs to the same entry unless the insight already had exactly these tags.
          if (tags) expect(asTags(tags.after)).toEqual([operation.patchTags]);
        }
      } else if (operation.kind === 'add' || operation.kind === 'set') {
        for (const updated of operation.body.updated as { id: number; tags: string[] }[]) {
          const entry = claim(
            updated.id,
            (e) => {
              const tags = change(e, 'tags');
              return asTags(tags?.after).includes(operation.token) && !asTags(tags?.before).includes(operation.token);
            },
            `${operation.kind} ${operation.token}`,
          );
          expect(asTags(change(entry, 'tags')?.after)).toEqual(updated.tags);
        }
      }
    }
    // What is left unclaimed can only be removes: each drops a tag a successful remove asked to drop.
    const removed = new Map<number, Set<string>>(insightIds.map((id) => [id, new Set()]));
    for (const operation of operations.filter((op) => op.status < 300 && op.kind === 'remove')) {
      for (const updated of operation.body.updated as { id: number }[]) removed.get(updated.id)!.add(operation.token);
    }
    for (const id of insightIds) {
      entriesOf.get(id)!.forEach((entry, index) => {
        if (claimed.get(id)!.has(index)) return;
        const tags = change(entry, 'tags');
        const dropped = asTags(tags?.before).filter((tag) => !asTags(tags?.after).includes(tag));
        expect(
          asTags(tags?.after).every((tag) => asTags(tags?.before).includes(tag)),
          'only a removal',
        ).toBe(true);
        expect(dropped.length === 1 && removed.get(id)!.has(dropped[0]!), `entry ${index} of ${id} is a remove`).toBe(
          true,
        );
      });
    }
  });

  it('answers every bulk change with each insight’s tags right after that change', () => {
    for (const operation of operations.filter((op) => op.status === 200 && op.kind !== 'patch')) {
      if (operation.kind === 'viewed') continue;
      for (const updated of operation.body.updated as { id: number; tags: string[] }[]) {
        if (operation.kind === 'remove') expect(updated.tags).not.toContain(operation.token);
        else if (operation.kind === 'set') expect(updated.tags).toEqual([operation.token]);
        else expect(updated.tags).toContain(operation.token);
      }
      expect(operation.body.skipped).toEqual([]);
    }
  });
});
