// Connects to a node and learns what the app needs to know about its chain once.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { hasRules, poolAccount, voteHasChoice, type Units } from '@security-pool/client';

export const DEFAULT_ENDPOINT = 'ws://127.0.0.1:9944';

/** The node to talk to: `?rpc=` in the page's URL, else the last one used, else the local dev node. */
export function chosenEndpoint(): string {
  const fromUrl = new URLSearchParams(location.search).get('rpc');
  return fromUrl ?? localStorage.getItem('endpoint') ?? DEFAULT_ENDPOINT;
}

/** What the chain offers beyond the base pallet; the app adapts to older runtimes. */
export interface Features {
  /** The council's triage (`triage`, `setTriageKey`, a report encrypted to the council key). */
  triage: boolean;
  /** `submitDisclosure` takes the encrypted report as a fifth argument. */
  encryptedReports: boolean;
  /** Root can act through `sudo.sudo` (a dev chain's sudo key); root holds every council power too. */
  sudo: boolean;
  /** The security council (`securityCouncil`): it vetoes, triages, cancels and publishes the triage key by motion. */
  council: boolean;
  /** A vote is `{ choice: Aye | Nay | Abstain, … }` (older runtimes: `{ aye: bool, … }`, no abstaining). */
  abstain: boolean;
  /** `securityPoolApi.referendum(id)`: a running referendum's track, support, standing, confirmation window and end after extensions. */
  referendumApi: boolean;
  /** `securityPoolApi.feeShare()`: the pool's share of fees, fixed or adaptive to the reserve. */
  feeShareApi: boolean;
  /** Incidents: `declareIncident`, `claimCompensation` and `securityPoolApi.compensation`. */
  incidents: boolean;
}

/** The runtime's bounds of an incident. */
export interface IncidentLimits {
  minClaimPeriod: number;
  maxClaimPeriod: number;
  maxVictims: number;
}

export interface Chain {
  api: ApiPromise;
  provider: WsProvider;
  endpoint: string;
  name: string;
  units: Units;
  /** Milliseconds per block. */
  blockTime: number;
  /** A development or local chain: the dev accounts may sign. */
  isDev: boolean;
  poolAddress: string;
  features: Features;
  maxEvidenceLen: number;
  maxReportLen: number;
  maxEncryptedReportLen?: number;
  /** Where the runtime has incidents. */
  incidentLimits?: IncidentLimits;
}

export async function connect(endpoint: string): Promise<Chain> {
  const provider = new WsProvider(endpoint);
  const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  if (!hasRules(api)) {
    await api.disconnect();
    throw new Error('its runtime is too old for this dashboard: it needs the rules of `SecurityPoolApi` version 6 (depositFor, limits, trackFor, poolAccount)');
  }
  const [chainType, name, poolAddress] = await Promise.all([api.rpc.system.chainType(), api.rpc.system.chain(), poolAccount(api)]);
  localStorage.setItem('endpoint', endpoint);
  const pool = api.tx.securityPool;
  const consts = api.consts.securityPool;
  const incidents = Boolean(pool.declareIncident && pool.claimCompensation && api.call.securityPoolApi?.compensation);
  const aura = api.consts.aura as { slotDuration?: { toNumber(): number } } | undefined;
  return {
    api,
    provider,
    endpoint,
    name: name.toString(),
    units: { decimals: api.registry.chainDecimals[0] ?? 12, symbol: api.registry.chainTokens[0] ?? 'UNIT' },
    blockTime: aura?.slotDuration?.toNumber() ?? 6000,
    isDev: chainType.isDevelopment || chainType.isLocal,
    poolAddress,
    features: {
      triage: Boolean(pool.triage),
      encryptedReports: pool.submitDisclosure.meta.args.length >= 5,
      sudo: Boolean(api.tx.sudo?.sudo),
      council: Boolean(api.tx.securityCouncil?.propose && api.query.securityCouncil?.voting),
      abstain: voteHasChoice(api),
      referendumApi: Boolean(api.call.securityPoolApi?.referendum),
      feeShareApi: Boolean(api.call.securityPoolApi?.feeShare),
      incidents,
    },
    maxEvidenceLen: Number(consts.maxEvidenceLen.toString()),
    maxReportLen: Number(consts.maxReportLen.toString()),
    maxEncryptedReportLen: consts.maxEncryptedReportLen ? Number(consts.maxEncryptedReportLen.toString()) : undefined,
    incidentLimits: incidents ? {
      minClaimPeriod: Number(consts.minClaimPeriod.toString()),
      maxClaimPeriod: Number(consts.maxClaimPeriod.toString()),
      maxVictims: Number(consts.maxVictims.toString()),
    } : undefined,
  };
}
