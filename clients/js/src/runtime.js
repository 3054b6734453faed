// Readers of the runtime API `SecurityPoolApi`: the pool's figures, a running referendum, and the
// pool's rules (version 6): the deposit a new request holds, what it may ask, the track it takes,
// the parameters and the pool's account. Thin readers: the rules live in the runtime and nowhere
// else; these only turn codecs into plain values (balances as bigints, block numbers and Perbills
// as numbers). Each reads at `blockHash`, else at the best block.

/** Severities, in the order of `RequestLimits::disclosure`. */
export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'];

const callsAt = async (api, blockHash) => (blockHash ? await api.at(blockHash) : api).call.securityPoolApi;
const big = (codec) => BigInt(codec.toString());

/** The pool's figures (`poolStatus()`). */
export async function poolStatus(api, blockHash) {
  const status = await (await callsAt(api, blockHash)).poolStatus();
  return {
    balance: big(status.balance),
    available: big(status.available),
    committed: big(status.committed),
    owed: big(status.owed),
    exposure: big(status.exposure),
    openRequests: status.openRequests.toNumber(),
    lifetimeInflow: big(status.lifetimeInflow),
    lifetimeOutflow: big(status.lifetimeOutflow),
  };
}

/** A running referendum (`referendum(id)`): its track, standing, support, confirmation window and end; null once voting is over. */
export async function referendum(api, id, blockHash) {
  const found = await (await callsAt(api, blockHash)).referendum(id);
  if (found.isNone) return null;
  const status = found.unwrap();
  return {
    track: status.track.isSome ? status.track.unwrap().toNumber() : null,
    passing: status.passing.isTrue,
    support: big(status.support),
    supportNeeded: big(status.supportNeeded),
    confirming: status.confirming.isTrue,
    endsAt: status.endsAt.toNumber(),
    extensions: status.extensions.toNumber(),
  };
}

/** Whether the runtime tells its rules (`SecurityPoolApi` version 6: `depositFor`, `limits`, `trackFor`, `poolAccount`). */
export const hasRules = (api) => {
  const calls = api.call.securityPoolApi;
  return Boolean(calls?.depositFor && calls.limits && calls.trackFor && calls.poolAccount);
};

/**
 * The deposit a new request for `amount` would hold: `bytes` is a claim's or incident's evidence
 * length, or a disclosure's 32-byte commitment plus its sealed report's length.
 */
export const depositFor = async (api, bytes, amount, blockHash) =>
  big(await (await callsAt(api, blockHash)).depositFor(bytes, amount));

/** What a new request may ask: its least amount, a claim's and each severity's disclosure's most, the room under the exposure cap, and the open requests and their most. */
export async function limits(api, blockHash) {
  const found = await (await callsAt(api, blockHash)).limits();
  return {
    minimum: big(found.minimum),
    claim: big(found.claim),
    disclosure: Object.fromEntries(SEVERITIES.map((severity, i) => [severity, big(found.disclosure[i])])),
    exposureRoom: big(found.exposureRoom),
    openRequests: found.openRequests.toNumber(),
    maxOpenRequests: found.maxOpenRequests.toNumber(),
  };
}

/** A track's rules as plain values. */
const track = (codec) => ({
  maxAmount: big(codec.maxAmount),
  maxOpen: big(codec.maxOpen),
  votingPeriod: codec.votingPeriod.toNumber(),
  timelock: codec.timelock.toNumber(),
  minSupport: codec.minSupport.toNumber(),
  approval: codec.approval.toNumber(),
});

/** The track a request for `amount` filed now takes: its index (null: the general track) and rules. */
export async function trackFor(api, amount, blockHash) {
  const choice = await (await callsAt(api, blockHash)).trackFor(amount);
  return { index: choice.index.isSome ? choice.index.unwrap().toNumber() : null, track: track(choice.track) };
}

/** The pool's parameters (the `securityPool.parameters` storage item), as JSON. */
export const parameters = async (api, blockHash) => (await (await callsAt(api, blockHash)).parameters()).toJSON();

/** The pool's account, as an address. */
export const poolAccount = async (api, blockHash) => (await (await callsAt(api, blockHash)).poolAccount()).toString();

/**
 * The runtime's commitment of `submitter` to `report` with `salt`, as hex: for tests of
 * `commitment` only. Sending a real report to a node discloses it: clients compute commitments
 * themselves.
 */
export const commitmentOnChain = async (api, submitter, report, salt) =>
  (await api.call.securityPoolApi.commitment(submitter, report, salt)).toHex();
