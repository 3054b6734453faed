/** Resolves as `promise` does, or rejects after `ms` with `<what>: timed out after <ms> ms`; `ms` 0 waits for ever. */
export declare function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T>;
/** Resolves after `ms`. */
export declare function sleep(ms: number): Promise<void>;
