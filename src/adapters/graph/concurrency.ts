/** Anything that runs tasks a limited number at a time. */
export interface TaskLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** Runs at most `limit` tasks at a time; the others wait their turn in order. */
export class Semaphore implements TaskLimiter {
  #available: number;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#available = Math.max(1, Math.floor(limit));
  }

  /** Whether a task given now would start at once. */
  get hasRoom(): boolean {
    return this.#available > 0;
  }

  /** Allows one more task at a time (a waiting one starts at once). */
  widen(): void {
    this.#release();
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#available > 0) this.#available -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  /** Frees one place: the next waiting task starts, or the place stays open. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#available += 1;
    else next();
  }
}

/** Maps `items` with at most `limit` calls of `work` in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/**
 * A limit that starts at `initial` and grows by one with each task that succeeds, up to `max`, as
 * long as `wanted()` says more would help: like TCP's slow start. The first tasks do not all share
 * the cold start (new TLS connections, code not yet compiled) and so finish sooner; once they
 * succeed the limit opens up, if there is a use for it.
 */
export class SlowStartLimiter implements TaskLimiter {
  readonly #semaphore: Semaphore;
  #limit: number;

  constructor(
    initial: number,
    private readonly max: number,
    private readonly wanted: () => boolean = () => true,
  ) {
    this.#limit = Math.max(1, Math.min(Math.floor(initial), Math.floor(max)));
    this.#semaphore = new Semaphore(this.#limit);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const result = await this.#semaphore.run(task);
    if (this.#limit < this.max && this.wanted()) {
      this.#limit += 1;
      this.#semaphore.widen();
    }
    return result;
  }
}
