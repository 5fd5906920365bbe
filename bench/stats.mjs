// Figures over several runs, as bench/observe and bench/validate print them.

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median and the range (lowest, highest) of `values`. */
export function stats(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}
