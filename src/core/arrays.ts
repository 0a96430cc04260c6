/**
 * Largest, smallest and append over arrays of any length. `Math.max(...values)` and `list.push(...more)`
 * put every element on the call stack, and V8 throws "Maximum call stack size exceeded" somewhere past
 * 100,000 of them (a sheet's rows); these loop instead.
 */

/** The largest of `values`, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty: number): number {
  let max = -Infinity;
  let any = false;
  for (const value of values) {
    any = true;
    if (value > max || Number.isNaN(value)) max = value;
    if (Number.isNaN(max)) return NaN;
  }
  return any ? max : empty;
}

/** The smallest of `values`, or `empty` when there are none. */
export function minOf(values: Iterable<number>, empty: number): number {
  let min = Infinity;
  let any = false;
  for (const value of values) {
    any = true;
    if (value < min || Number.isNaN(value)) min = value;
    if (Number.isNaN(min)) return NaN;
  }
  return any ? min : empty;
}

/** Appends every item of `items` to `target`, in order; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
