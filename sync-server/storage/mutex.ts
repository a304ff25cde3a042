// A promise queue: one holder at a time. SQLite has one writer connection, and a write
// transaction spans awaits, so writers must not interleave.
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** At most `limit` holders at a time; the others wait in arrival order. */
export class Gate {
  private holders = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holders >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.holders++;
    try {
      return await fn();
    } finally {
      // The slot passes straight to the next waiter, so the count only drops when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.holders--;
    }
  }
}
