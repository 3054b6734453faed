// The security council's motions: a member proposes a call, the members vote, and once enough
// have voted aye anyone closes the motion and the call runs with the council's origin.
import { send } from './send.js';

/** The call of `call`, a call or a transaction. */
const callOf = (call) => (typeof call.method === 'string' ? call : call.method);

/**
 * The share of the council each of its powers takes, as the runtime's origins require it (root
 * or this share of the members by motion): two thirds to veto, cancel and triage (and publish
 * the triage key, or drop or kill a motion), three quarters to set the pool's parameters or fee
 * share and the members. The runtime admits a motion only at exactly these ayes.
 */
export const COUNCIL_SHARES = {
  veto: [2, 3],
  cancel: [2, 3],
  triage: [2, 3],
  setTriageKey: [2, 3],
  setParameters: [3, 4],
  setFeeShare: [3, 4],
  setMembers: [3, 4],
  disapproveProposal: [2, 3],
  kill: [2, 3],
};

/** The ayes a motion needs out of `members` for a `[numerator, denominator]` share: ayes × d ≥ n × members. */
export const ayesFor = (members, [numerator, denominator]) => Math.ceil((numerator * members) / denominator);

/** The ayes of `members` a council motion of `call` (a pool or council call) needs. */
export function motionThreshold(call, members) {
  const { section, method } = callOf(call);
  const share = COUNCIL_SHARES[method];
  if (!share) throw new Error(`${section}.${method} is not a council power`);
  return ayesFor(members, share);
}

/**
 * What closing `motion` (`{ threshold, ayes, nays, end }`) of a council of `members` in block `at`
 * does, as the collective decides it: `'approves'` once its ayes reach the threshold, `'disapproves'`
 * once it can no longer pass (too many nays), and from block `end` on whatever it stands at (an
 * undecided member counting as a nay); undefined before `end` while it is undecided (`TooEarly`).
 */
export function closeOutcome({ threshold, ayes, nays, end }, members, at) {
  if (ayes.length >= threshold) return 'approves';
  if (members - nays.length < threshold) return 'disapproves';
  return at >= end ? 'disapproves' : undefined;
}

/**
 * `send`, throwing `<method>: <error>` if the transaction failed in its block; the error carries
 * the transaction as `included` and its `dispatchError`, for callers that explain it in words.
 */
async function sendMotionTx(api, tx, signer, options) {
  const included = await send(api, tx, signer, options);
  if (included.error) {
    throw Object.assign(new Error(`${tx.method.method}: ${included.error}`), { included, dispatchError: included.dispatchError });
  }
  return included;
}

/** The council's members (addresses). */
export async function councilMembers(api) {
  return (await api.query.securityCouncil.members()).map((member) => member.toString());
}

/**
 * The open motions, oldest first: `{ hash, index, call, threshold, ayes, nays, end }` (`call`:
 * the proposed call, decoded; `ayes`/`nays`: addresses; `end`: the block after which anyone may
 * close it as it stands, an undecided member counting as a nay).
 */
export async function openMotions(api) {
  const hashes = await api.query.securityCouncil.proposals();
  const motions = await Promise.all(hashes.map(async (hash) => {
    const [call, voting] = await Promise.all([
      api.query.securityCouncil.proposalOf(hash),
      api.query.securityCouncil.voting(hash),
    ]);
    if (call.isNone || voting.isNone) return undefined;
    const votes = voting.unwrap();
    return {
      hash: hash.toHex(),
      index: votes.index.toNumber(),
      call: call.unwrap(),
      threshold: votes.threshold.toNumber(),
      ayes: votes.ayes.map((a) => a.toString()),
      nays: votes.nays.map((a) => a.toString()),
      end: votes.end.toNumber(),
    };
  }));
  return motions.filter(Boolean).sort((a, b) => a.index - b.index);
}

/**
 * Proposes `call` (a call, or an unsigned transaction, of the pool) as a council motion signed by
 * `signer`, with the threshold its power takes (`motionThreshold`). Resolves with `{ hash,
 * index, threshold, included }`; a failure in its block throws an error that carries the
 * transaction (`included`, `dispatchError`), as `voteMotion`'s does.
 */
export async function proposeMotion(api, call, signer, options) {
  const members = (await api.query.securityCouncil.members()).length;
  const threshold = motionThreshold(call, members);
  const proposal = callOf(call);
  const tx = api.tx.securityCouncil.propose(threshold, proposal, proposal.encodedLength);
  const included = await sendMotionTx(api, tx, signer, options);
  const proposed = included.events.find((e) => api.events.securityCouncil.Proposed.is(e));
  // A threshold below two runs the call at once (`Executed`) instead of opening a motion.
  if (!proposed) throw Object.assign(new Error('propose: the call ran at once, no motion was opened'), { included });
  const [, index, hash] = proposed.data;
  return { hash: hash.toHex(), index: index.toNumber(), threshold, included };
}

/** `signer` votes aye (`approve`) or nay on the motion `{ hash, index }`. */
export function voteMotion(api, { hash, index }, approve, signer, options) {
  return sendMotionTx(api, api.tx.securityCouncil.vote(hash, index, approve), signer, options);
}

/**
 * Closes the motion `{ hash, index, call }` (signed by anyone): runs its call if enough members
 * voted aye, else drops it. Resolves with the included transaction (see `send`): `approved`
 * says whether the call ran, and `error` is the close's own error or that of the call it ran.
 */
export async function closeMotion(api, { hash, index, call }, signer, options) {
  const { weight } = await api.call.transactionPaymentCallApi.queryCallInfo(call, call.encodedLength);
  const tx = api.tx.securityCouncil.close(hash, index, weight, call.encodedLength);
  const included = await send(api, tx, signer, options);
  const approved = included.events.some((e) => api.events.securityCouncil.Approved.is(e));
  return { ...included, approved };
}
