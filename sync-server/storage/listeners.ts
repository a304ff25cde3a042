// A tiny listener set; a throwing listener must not stop the others or the writer.
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.set) {
      try {
        listener(value);
      } catch {
        // A broken listener (e.g. a closed stream) is the listener's problem, not the commit's.
      }
    }
  }
}
