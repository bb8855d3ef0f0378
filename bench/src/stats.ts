/** Small numeric helpers of the reports: medians, ratios and the way numbers are printed. */

/** The value below which `p` percent of the values fall (nearest rank), or NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError('a percentile is between 0 and 100');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** `ours / theirs`, or null when it means nothing (a missing or zero denominator). */
export function ratio(ours: number | undefined, theirs: number | undefined): number | null {
  if (ours === undefined || theirs === undefined) return null;
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return null;
  return ours / theirs;
}

/** `0.62×`, `1.4×`, `12×`: two significant digits are all a noisy machine supports. */
export function formatRatio(value: number | null): string {
  if (value === null) return '–';
  if (value >= 10) return `${Math.round(value)}×`;
  return `${Number(value.toPrecision(2))}×`;
}

/** Whole numbers with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return Math.round(value).toLocaleString('en-US');
}

/** Milliseconds with the precision a latency deserves: `0.42 ms`, `3.1 ms`, `120 ms`. */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 10) return `${value.toFixed(1)} ms`;
  return `${Math.round(value)} ms`;
}

/** Bytes as MiB with one decimal: `48.3 MiB`. */
export function formatMiB(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A latency from autocannon, whose histogram has a 1 ms resolution: 0 means under a millisecond. */
export function formatLatency(ms: number): string {
  if (Number.isFinite(ms) && ms < 1) return '<1 ms';
  return formatMs(ms);
}
