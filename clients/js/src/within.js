// Bounded waits.

/** Resolves as `promise` does, or rejects after `ms` with `<what>: timed out after <ms> ms`; `ms` 0 waits for ever. */
export function within(ms, what, promise) {
  if (!ms) return promise;
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves after `ms`. */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
