// The writer's order: light writes (a live sale) go ahead of bulk ones (an offline backlog), the
// two alternate so neither starves, and bulk jobs share a transaction only up to a document budget.
import { describe, expect, it } from 'vitest';
import { GroupCommitter, LIGHT_WRITE_DOCUMENTS, type GroupTransaction } from './group-commit';
import { Gate } from './mutex';

function recordingCommitter() {
  const groups: string[][] = [];
  let current: string[] = [];
  let release: () => void = () => undefined;
  let firstHeld = true;
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
      // The first transaction stays open until the test lets it go, so later jobs pile up.
      if (firstHeld) {
        firstHeld = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      await run(tx);
      groups.push(current);
    },
    () => undefined,
  );
  const job = (name: string, documents: number) =>
    committer.write(async () => {
      current.push(name);
      return name;
    }, documents);
  return { groups, job, release: () => release() };
}

describe('group commit order', () => {
  it('runs waiting light writes before waiting bulk writes, alternating so neither starves', async () => {
    const { groups, job, release } = recordingCommitter();
    // The writer is busy with a bulk job (an offline backlog) when the rest arrives.
    const done = [job('first', 500)];
    await Promise.resolve();
    done.push(job('bulk-a', 500), job('bulk-b', 500), job('bulk-c', 500), job('bulk-d', 500), job('bulk-e', 500));
    done.push(job('live-1', 3), job('live-2', 1));
    release();
    await Promise.all(done);
    done.length = 0;
    expect(groups[0]).toEqual(['first']);
    // Bulk jobs were queued first, but the live ones go next; then bulk up to 2,000 documents,
    // then (nothing light waiting) the last bulk job.
    expect(groups[1]).toEqual(['live-1', 'live-2']);
    expect(groups[2]).toEqual(['bulk-a', 'bulk-b', 'bulk-c', 'bulk-d']);
    expect(groups[3]).toEqual(['bulk-e']);
  });

  it('treats a write of more than LIGHT_WRITE_DOCUMENTS as bulk; after a light group a waiting bulk job goes', async () => {
    const { groups, job, release } = recordingCommitter();
    const first = job('first', 1);
    await Promise.resolve();
    const rest = [job('big', 5000), job('edge', LIGHT_WRITE_DOCUMENTS), job('over', LIGHT_WRITE_DOCUMENTS + 1)];
    release();
    await Promise.all([first, ...rest]);
    // 'first' was light, so the oldest bulk job goes next (alone: it is over the budget by itself),
    // then the light one, then the other bulk job.
    expect(groups.slice(1)).toEqual([['big'], ['edge'], ['over']]);
  });
});

describe('Gate', () => {
  it('lets at most `limit` run at once, the rest in arrival order', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(i);
        running--;
        if (i === 3) throw new Error('task 3 failed');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(task));
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results[3]!.status).toBe('rejected');
    // A failed holder frees its slot: everything after it still ran.
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
  });
});
