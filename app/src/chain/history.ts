// The pool's history, block by block: its events, reserve, exposure and time. Read with
// `state_queryStorageAt` (one call per block, many in flight) so that it works on any node
// that still has the blocks' state (a pruning node keeps the last 256 blocks; run-dev.sh keeps all).
import type { QueryableStorageEntry } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import type { Chain } from './connect';
import { big } from './decode';
import type { BlockRecord, PoolEvent } from './types';

/** How many blocks back the history reaches by default. */
export const HISTORY_DEPTH = 2_000;

/** The storage keys a block record is made of, and how to decode them. */
function recordKeys(chain: Chain) {
  const { api, poolAddress } = chain;
  const decode = (entry: QueryableStorageEntry<'promise'>, data: string | null): Codec => {
    const type = entry.creator.meta.type;
    const id = type.isPlain ? type.asPlain : type.asMap.value;
    return api.registry.createType(api.registry.createLookupType(id), data ?? undefined);
  };
  const entries = [
    [api.query.system.events, api.query.system.events.key()],
    [api.query.system.account, api.query.system.account.key(poolAddress)],
    [api.query.securityPool.ledger, api.query.securityPool.ledger.key()],
    [api.query.timestamp.now, api.query.timestamp.now.key()],
  ] as const;
  return { keys: entries.map(([, key]) => key), decode: (i: number, data: string | null) => decode(entries[i][0], data) };
}

interface StorageChangeSet {
  block: string;
  changes: [string, string | null][];
}

/** The record of block `number` with hash `hash`. */
export async function blockRecord(chain: Chain, number: number, hash: string): Promise<BlockRecord> {
  const { keys, decode } = recordKeys(chain);
  const [set] = (await chain.provider.send('state_queryStorageAt', [keys, hash])) as StorageChangeSet[];
  const value = (i: number) => decode(i, set.changes.find(([key]) => key === keys[i])?.[1] ?? null);
  const account = value(1).toJSON() as { data: { free: unknown } };
  const ledger = value(2).toJSON() as { voting: unknown; committed: unknown };
  return {
    number,
    time: Number(value(3).toString()),
    reserve: big(account.data.free),
    exposure: big(ledger.voting) + big(ledger.committed),
    events: poolEvents(value(0), number),
  };
}

/** The pool's events among a block's event records. */
function poolEvents(records: Codec, block: number): PoolEvent[] {
  const list = records as unknown as { event: { section: string; method: string; data: Codec[] & { names?: string[] } } }[];
  return list
    .filter(({ event }) => event.section === 'securityPool')
    .map(({ event }) => ({
      block,
      name: event.method,
      data: Object.fromEntries((event.data.names ?? []).map((name, i) => [name, event.data[i].toJSON()])),
    }));
}

/**
 * The records of the `depth` blocks up to `head`, oldest first. Blocks whose state the node no
 * longer has are left out: the history then starts after them.
 */
export async function loadHistory(chain: Chain, head: number, depth = HISTORY_DEPTH): Promise<BlockRecord[]> {
  const numbers = range(Math.max(1, head - depth + 1), head);
  const hashes: string[] = [];
  for (let i = 0; i < numbers.length; i += 1000) {
    hashes.push(...((await chain.provider.send('chain_getBlockHash', [numbers.slice(i, i + 1000)])) as string[]));
  }
  const records = await mapInFlight(numbers, IN_FLIGHT, (n, i) => blockRecord(chain, n, hashes[i]).catch(() => null));
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

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
