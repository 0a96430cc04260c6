/**
 * A seeded random number stream for the synthetic data the project generates (the sample workbook,
 * synthetic 903 histories, back-tests and benchmarks): the same seed gives the same numbers on every
 * machine, which Math.random cannot. mulberry32: a small, fast, well-mixed 32-bit generator. Not for
 * anything that needs to be unpredictable.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
