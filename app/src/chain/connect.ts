// Connects to a node over the JSON-RPC interface (chainHead_v1, transaction_v1) with the typed
// client, and learns what the app needs to know about its chain once.
import { pool } from '@polkadot-api/descriptors';
import { CompatibilityLevel, createClient, type PolkadotClient } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import type { Units } from '@security-pool/client/rules';
import type { PoolApi } from './pool';

export const DEFAULT_ENDPOINT = 'ws://127.0.0.1:9944';

/** Where the app reads: the best block, as the pages follow it (the typed client reads the finalized one unless told). */
export const BEST = { at: 'best' } as const;

/** The node to talk to: `?rpc=` in the page's URL, else the last one used, else the local dev node. */
export function chosenEndpoint(): string {
  const fromUrl = new URLSearchParams(location.search).get('rpc');
  return fromUrl ?? localStorage.getItem('endpoint') ?? DEFAULT_ENDPOINT;
}

/** The runtime's bounds of an incident. */
export interface IncidentLimits {
  minClaimPeriod: number;
  maxClaimPeriod: number;
  maxVictims: number;
}

export interface Chain {
  client: PolkadotClient;
  api: PoolApi;
  endpoint: string;
  name: string;
  genesisHash: string;
  units: Units;
  /** The chain's SS58 prefix: every address is shown in it. */
  ss58Prefix: number;
  /** Milliseconds per block. */
  blockTime: number;
  /** A development or local chain: the dev accounts may sign. */
  isDev: boolean;
  poolAddress: string;
  maxEvidenceLen: number;
  maxReportLen: number;
  maxEncryptedReportLen: number;
  incidentLimits: IncidentLimits;
  /** The node serves `archive_v1`: the history is read back from its blocks, not only from those seen since the page opened. */
  archive: boolean;
}

/**
 * The calls, storage and runtime API the app uses, checked against the chain's runtime: a runtime
 * whose types differ from those the app was built for is refused with its name, not misread.
 */
const ENTRIES = (compat: Statics['compat']) => [
  ['SecurityPoolApi.limits', compat.apis.SecurityPoolApi.limits],
  ['SecurityPoolApi.compensation', compat.apis.SecurityPoolApi.compensation],
  ['SecurityPool.Requests', compat.query.SecurityPool.Requests],
  ['SecurityPool.VotingFor', compat.query.SecurityPool.VotingFor],
  ['SecurityPool.vote', compat.tx.SecurityPool.vote],
  ['SecurityPool.declare_incident', compat.tx.SecurityPool.declare_incident],
  ['SecurityCouncil.propose', compat.tx.SecurityCouncil.propose],
] as const;

type Statics = Awaited<ReturnType<PoolApi['getStaticApis']>>;

export async function connect(endpoint: string): Promise<Chain> {
  const client = createClient(getWsProvider(endpoint));
  try {
    return await describe(client, endpoint);
  } catch (error) {
    client.destroy();
    throw error;
  }
}

async function describe(client: PolkadotClient, endpoint: string): Promise<Chain> {
  const api = client.getTypedApi(pool);
  const statics = await api.getStaticApis();
  const stale = ENTRIES(statics.compat).filter(([, entry]) => !entry.isCompatible(CompatibilityLevel.BackwardsCompatible));
  if (stale.length) {
    throw new Error(`its runtime differs from the one this dashboard was built for (${stale.map(([name]) => name).join(', ')}): rebuild the dashboard's descriptors from it`);
  }
  const consts = statics.constants.SecurityPool;
  const [spec, chainType, methods, poolAddress] = await Promise.all([
    client.getChainSpecData(),
    client._request<string | { [kind: string]: unknown }>('system_chainType', []),
    client._request<{ methods: string[] }>('rpc_methods', []),
    api.apis.SecurityPoolApi.pool_account(),
  ]);
  localStorage.setItem('endpoint', endpoint);
  const properties = spec.properties as { tokenDecimals?: number | number[]; tokenSymbol?: string | string[] };
  const first = <T>(value: T | T[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return {
    client,
    api,
    endpoint,
    name: spec.name,
    genesisHash: spec.genesisHash,
    units: { decimals: first(properties.tokenDecimals) ?? 12, symbol: first(properties.tokenSymbol) ?? 'UNIT' },
    ss58Prefix: statics.constants.System.SS58Prefix,
    blockTime: Number(statics.constants.Aura.SlotDuration),
    isDev: chainType === 'Development' || chainType === 'Local',
    poolAddress,
    maxEvidenceLen: consts.MaxEvidenceLen,
    maxReportLen: consts.MaxReportLen,
    maxEncryptedReportLen: consts.MaxEncryptedReportLen,
    incidentLimits: {
      minClaimPeriod: consts.MinClaimPeriod,
      maxClaimPeriod: consts.MaxClaimPeriod,
      maxVictims: consts.MaxVictims,
    },
    archive: methods.methods.includes('archive_v1_storage'),
  };
}
