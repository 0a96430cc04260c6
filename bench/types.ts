/**
 * A benchmark case. Each file in bench/cases exports `cases: BenchCase[]`; `npm run bench` runs every
 * case in a fresh Node process (so peak memory is the case's own) and prints one JSON line per case.
 */
export interface BenchCase<State = unknown> {
  /** Short stable name, e.g. "rate-1m-cells". */
  name: string;
  /** The issue whose target this measures. */
  issue: number;
  /** The issue's target, echoed in the output so the figures can be read against it. */
  target?: { medianMs?: number; peakRssMb?: number; [other: string]: number | undefined };
  /** Timed repetitions (default 5); the median is reported. */
  runs?: number;
  /** Untimed preparation (generating data); its result is passed to run. */
  setup: () => State | Promise<State>;
  /** The timed work, or a promise of it. May return figures to report (e.g. sizes), merged into the output line. */
  run: (state: State) => unknown;
}
