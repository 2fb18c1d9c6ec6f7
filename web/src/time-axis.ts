// The trend chart's time axis.

/**
 * The range to show for buckets starting at `xs` (seconds): what uPlot chose, except for one bucket alone,
 * which uPlot widens to a thousand days (an axis of years with one thin bar); that bucket gets a bucket's
 * width of room each side instead.
 */
export function timeAxisRange(xs: ArrayLike<number>, min: number, max: number, bucketSeconds: number): [number, number] {
  return xs.length === 1 ? [xs[0] - bucketSeconds, xs[0] + bucketSeconds] : [min, max];
}
