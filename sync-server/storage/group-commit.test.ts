import { describe, expect, it } from 'vitest';
import { GroupCommitter, type GroupTransaction } from './group-commit';
import { BulkLane } from './bulk-lane';

/** A committer over a fake transaction that records which writes ran in which group. */
function recorder() {
  const groups: string[][] = [];
  let release: () => void = () => undefined;
  const firstGroupHeld = new Promise<void>((done) => (release = done));
  let current: string[] = [];
  const tx: GroupTransaction = {
    getDocuments: async () => new Map(),
    insert: async () => [],
    query: async () => [],
    savepoint: async () => undefined,
    rollbackToSavepoint: async () => undefined,
    releaseSavepoint: async () => undefined,
    commit: async () => undefined,
    rollback: async () => undefined,
  };
  const committer = new GroupCommitter(
    async (run) => {
      current = [];
      groups.push(current);
      await run(tx);
      if (groups.length === 1) await firstGroupHeld;
    },
    () => undefined,
  );
  const write = (name: string, weight: number) => committer.write(async () => void current.push(name), weight);
  return { groups, write, release };
}

describe('group commit fairness', () => {
  it('commits a small write queued behind backlog batches before them, and caps bulk groups at 1,000 documents', async () => {
    const { groups, write, release } = recorder();
    const done = [write('first', 500)];
    // Queued while the first group commits: three 500-document batches, then a live sale.
    done.push(write('bulk A', 500), write('bulk B', 500), write('bulk C', 500), write('live sale', 3));
    release();
    await Promise.all(done);
    expect(groups).toEqual([['first'], ['live sale'], ['bulk A', 'bulk B'], ['bulk C']]);
  });

  it('keeps small writes in arrival order and groups them together', async () => {
    const { groups, write, release } = recorder();
    const done = [write('first', 1), write('a', 1), write('bulk', 200), write('b', 2), write('c', 50)];
    release();
    await Promise.all(done);
    expect(groups).toEqual([['first'], ['a', 'b', 'c'], ['bulk']]);
  });
});

describe('bulk lane', () => {
  it('lets pending I/O and timers run between two turns', async () => {
    const lane = new BulkLane();
    const events: string[] = [];
    const bulk = (async () => {
      for (let i = 0; i < 3; i++) {
        await lane.turn();
        events.push(`chunk ${i}`);
        // Something that arrives while the bulk work runs (a live push's request being read).
        if (i === 0) setImmediate(() => events.push('live'));
      }
    })();
    await bulk;
    expect(events).toEqual(['chunk 0', 'live', 'chunk 1', 'chunk 2']);
  });
});
