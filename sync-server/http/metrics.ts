// Counters and gauges in Prometheus text format. Kept in memory per instance; Prometheus sums
// instances. No labels carry device ids or anything secret.
export class Metrics {
  pushes = 0;
  pushedDocuments = 0;
  pulls = 0;
  pulledDocuments = 0;
  conflicts = 0;
  readonly rejected = new Map<string, number>();
  connectedRegisters = 0;
  /** Seconds from a commit to its notice reaching this instance's streams (last seen). */
  replicationLagSeconds = 0;
  latestSeq = 0;

  reject(reason: 'forbidden' | 'invalid' | 'unauthenticated' | 'malformed', count = 1): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + count);
  }

  render(): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    metric('pos_sync_pushes_total', 'counter', 'Push requests accepted.', [['', this.pushes]]);
    metric('pos_sync_pushed_documents_total', 'counter', 'Documents stored by pushes.', [['', this.pushedDocuments]]);
    metric('pos_sync_pulls_total', 'counter', 'Pull requests served.', [['', this.pulls]]);
    metric('pos_sync_pulled_documents_total', 'counter', 'Documents returned by pulls.', [['', this.pulledDocuments]]);
    metric('pos_sync_conflicts_total', 'counter', 'Pushed documents answered with the master state.', [
      ['', this.conflicts],
    ]);
    const reasons = ['forbidden', 'invalid', 'unauthenticated', 'malformed'];
    metric(
      'pos_sync_rejected_writes_total',
      'counter',
      'Writes refused, by reason.',
      reasons.map((reason) => [`{reason="${reason}"}`, this.rejected.get(reason) ?? 0]),
    );
    metric('pos_sync_connected_registers', 'gauge', 'Open live streams.', [['', this.connectedRegisters]]);
    metric('pos_sync_replication_lag_seconds', 'gauge', 'Seconds from commit to live-stream notice (last change).', [
      ['', this.replicationLagSeconds],
    ]);
    metric('pos_sync_latest_seq', 'gauge', 'Highest sequence number seen by this instance.', [['', this.latestSeq]]);
    return `${lines.join('\n')}\n`;
  }
}
