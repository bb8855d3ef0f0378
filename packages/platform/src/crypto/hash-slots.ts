import { availableParallelism } from 'node:os';

/**
 * At most `size` tasks at once; the others wait their turn in arrival order. Password hashing takes a core
 * for ~20 ms (argon2id at OWASP's cost) on libuv's pool of four threads: unbounded, a burst of logins takes
 * every core and every other request (a token, a page) waits behind it. Bounded, logins queue among
 * themselves and one core stays free for the rest.
 */
export class Slots {
  readonly size: number;
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('Slots needs a whole size of at least 1');
    this.size = size;
    this.#free = size;
  }

  /** Tasks running now. */
  get busy(): number {
    return this.size - this.#free;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // Taken synchronously when free, so the caller's order is the order of the slots.
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A freed slot passes straight to the next in line, never back to the pool first.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}

/**
 * The process's password hashing (every platform in it shares libuv's pool and the cores): all cores but
 * one, and at least one.
 */
export const passwordHashSlots = new Slots(Math.max(1, availableParallelism() - 1));
