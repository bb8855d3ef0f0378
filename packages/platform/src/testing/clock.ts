/** A clock the test moves by hand: time passes only when the test says so. */
export class FakeClock {
  private current: number;

  constructor(start: Date | string = '2026-11-23T10:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  readonly now = (): Date => new Date(this.current);

  advance(seconds: number): void {
    this.current += seconds * 1000;
  }
}
