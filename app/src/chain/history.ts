// The pool's history, block by block: its events, reserve, exposure and time. New blocks are read
// as the client follows the chain (chainHead_v1); the blocks before the page opened are read back
// over the archive interface (archive_v1) where the node serves it (an archive node: its state and
// blocks kept). A node without it shows the history from the block the page opened at on.
import { firstValueFrom, takeWhile, timeout, toArray } from 'rxjs';
import type { Chain } from './connect';
import { storageCodec } from './metadata';
import type { PoolEventValue } from './pool';

/** How many blocks back the history reaches by default. */
export const HISTORY_DEPTH = 2_000;

/** One of the pool's events, with the block it happened in. */
export type PoolEvent = PoolEventValue & { block: number };

/** What the history keeps of one block. */
export interface BlockRecord {
  number: number;
  /** Milliseconds since the epoch (the block's timestamp). */
  time: number;
  reserve: bigint;
  exposure: bigint;
  events: PoolEvent[];
}

type RuntimeEventRecord = { event: { type: string; value: PoolEventValue } };

const poolEvents = (records: RuntimeEventRecord[], block: number): PoolEvent[] =>
  records.filter(({ event }) => event.type === 'SecurityPool').map(({ event }) => ({ ...event.value, block }));

/** The record of block `number` with hash `hash`, a block the client follows (best or finalized). */
export async function blockRecord({ api, poolAddress }: Chain, number: number, hash: string): Promise<BlockRecord> {
  const at = { at: hash };
  const [events, account, ledger, time] = await Promise.all([
    api.query.System.Events.getValue(at),
    api.query.System.Account.getValue(poolAddress, at),
    api.query.SecurityPool.Ledger.getValue(at),
    api.query.Timestamp.Now.getValue(at),
  ]);
  return {
    number,
    time: Number(time),
    reserve: account.data.free,
    exposure: ledger.voting + ledger.committed,
    events: poolEvents(events as RuntimeEventRecord[], number),
  };
}

/** The storage a block record is read from over the archive interface: keys and decoders. */
async function archiveEntries(chain: Chain) {
  const [events, account, ledger, now] = await Promise.all([
    storageCodec(chain, 'System', 'Events'),
    storageCodec(chain, 'System', 'Account'),
    storageCodec(chain, 'SecurityPool', 'Ledger'),
    storageCodec(chain, 'Timestamp', 'Now'),
  ]);
  return [
    { key: events.keys.enc(), dec: events.value.dec },
    { key: account.keys.enc(chain.poolAddress), dec: account.value.dec },
    { key: ledger.keys.enc(), dec: ledger.value.dec },
    { key: now.keys.enc(), dec: now.value.dec },
  ];
}

type ArchiveStorageEvent = { event: 'storage'; key: string; value?: string } | { event: 'storageDone' } | { event: 'storageError'; error: string };

/** The values of `keys` at block `hash`, over `archive_v1_storage` (null: absent). */
async function archiveValues(chain: Chain, hash: string, keys: string[]): Promise<(string | null)[]> {
  const items = keys.map((key) => ({ key, type: 'value' }));
  const events = await firstValueFrom(
    chain.client._subscribe<ArchiveStorageEvent>('archive_v1_storage', 'archive_v1_stopStorage', [hash, items, null]).pipe(
      // The node ends with `storageDone`, or sends `storageError` and nothing more.
      takeWhile((event) => event.event === 'storage', true),
      timeout(60_000),
      toArray(),
    ),
  );
  const failed = events.find((event) => event.event === 'storageError');
  if (failed) throw new Error((failed as { error: string }).error);
  const found = new Map(events.filter((event) => event.event === 'storage').map((event) => [event.key, (event as { value?: string }).value ?? null]));
  return keys.map((key) => found.get(key) ?? null);
}

/** The record of block `number` (hash `hash`) read over the archive interface; null when the node no longer has its state. */
async function archivedRecord(chain: Chain, entries: Awaited<ReturnType<typeof archiveEntries>>, number: number, hash: string): Promise<BlockRecord | null> {
  const [events, account, ledger, now] = await archiveValues(chain, hash, entries.map((entry) => entry.key));
  if (now === null) return null;
  const decoded = (i: number, value: string | null) => (value === null ? undefined : entries[i].dec(value));
  const { voting, committed } = decoded(2, ledger) ?? { voting: 0n, committed: 0n };
  return {
    number,
    time: Number(decoded(3, now)),
    reserve: decoded(1, account)?.data.free ?? 0n,
    exposure: voting + committed,
    events: poolEvents(decoded(0, events) ?? [], number),
  };
}

/**
 * The records of the `depth` blocks before `head` (the first block the page read), oldest first,
 * over the archive interface; empty when the node does not serve it. Finalized blocks by height;
 * the ones after the finalized block by the parents of `head`, so that all are of its fork. Blocks
 * whose state the node no longer has are left out: the history then starts after them.
 */
export async function loadHistory(chain: Chain, head: { number: number; hash: string }, depth = HISTORY_DEPTH): Promise<BlockRecord[]> {
  if (!chain.archive) return [];
  const [entries, finalized] = await Promise.all([archiveEntries(chain), chain.client._request<number>('archive_v1_finalizedHeight', [])]);
  // The blocks between the finalized one and `head`, by their parents.
  const unfinalized = new Map<number, string>();
  for (let { number, hash } = head; number - 1 > finalized;) {
    const { parentHash } = await chain.client.getBlockHeader(hash);
    number -= 1;
    hash = parentHash;
    unfinalized.set(number, hash);
  }
  const from = Math.max(1, head.number - depth);
  const numbers = Array.from({ length: Math.max(0, head.number - from) }, (_, i) => from + i);
  const records = await mapInFlight(numbers, IN_FLIGHT, async (number) => {
    try {
      const hash = unfinalized.get(number) ?? (await chain.client._request<string[]>('archive_v1_hashByHeight', [number]))[0];
      return hash ? await archivedRecord(chain, entries, number, hash) : null;
    } catch {
      return null;
    }
  });
  const firstMissingFromEnd = records.lastIndexOf(null);
  return records.slice(firstMissingFromEnd + 1) as BlockRecord[];
}

/** How many block reads the history keeps in flight at once. */
const IN_FLIGHT = 64;

/** `items.map(fn)` with at most `limit` calls pending at a time, results in order. */
async function mapInFlight<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
