// The signing account's votes, what each keeps frozen and until when, and `unlock`.
import { Amount } from '../components/Amount';
import { Countdown } from '../components/Countdown';
import { TxButton } from '../components/TxButton';
import { LOCK_PERIODS, lateLockEnd, lockEnd, multiplier, votingEnd, won } from '../chain/referendum';
import type { Ballot, Outcome } from '../chain/pool';
import type { PayoutRequest } from '../chain/snapshot';
import { useReady, useRequests } from '../state/context';
import { href } from '../state/route';

/** What removing a vote would leave behind, in words; `running` is its request while it votes. */
function afterRemoval(vote: Ballot, outcome: Outcome | undefined, running: PayoutRequest | undefined) {
  if (running) {
    const counting = vote.choice.type === 'Abstain' ? 'Counting toward support' : 'Counting';
    if (!running.referendum?.confirming) return `${counting}: removing it takes it out of the tally.`;
    const until = lateLockEnd(votingEnd(running)!, running.terms?.vote_locking_period ?? 0);
    return <>{counting}, in the confirmation window: removing it takes it out of the tally and keeps the balance frozen until at least <Countdown to={until} />, whichever side wins.</>;
  }
  if (!outcome) return 'The referendum is ending.';
  if (!won(vote.choice.type, outcome) || LOCK_PERIODS[vote.conviction.type] === 0 || outcome.vote_locking_period === 0) {
    return `${outcome.approved ? 'Approved' : 'Rejected'}: removing it frees the balance.`;
  }
  return <>Won: once removed, frozen until <Countdown to={lockEnd(outcome.ended_at, outcome.vote_locking_period, vote.conviction.type)} />.</>;
}

const running = (request: PayoutRequest | undefined) => (request?.status.type === 'Voting' ? request : undefined);

export function MyVotes() {
  const { chain, account, head } = useReady();
  const { byId } = useRequests();
  const { api } = chain;
  if (!account) return <><h1>My votes</h1><p>Choose an account to see its votes.</p></>;
  const { votes, prior } = account.voting;
  return (
    <>
      <h1>My votes and locks</h1>
      <p>
        Frozen now: <Amount value={account.frozen} /> (the largest of the votes and locks below).
      </p>
      {votes.length ? (
        <table class="votes">
          <caption>Votes ({votes.length})</caption>
          <thead><tr><th scope="col">Request</th><th scope="col">Vote</th><th scope="col">Balance</th><th scope="col">Conviction</th><th scope="col">State</th><th scope="col">Action</th></tr></thead>
          <tbody>
            {votes.map(({ request, vote }) => (
              <tr data-request={request}>
                <td><a href={href('requests', request)}>#{request}</a></td>
                <td class="choice" data-choice={vote.choice.type}>{vote.choice.type.toLowerCase()}</td>
                <td><Amount value={vote.balance} /></td>
                <td>{vote.choice.type === 'Abstain' ? 'support only' : `${vote.conviction.type} (${multiplier(vote.conviction.type)})`}</td>
                <td>{afterRemoval(vote, account.outcomes.get(request), running(byId.get(request)))}</td>
                <td><TxButton label="Remove" kind="danger" tx={() => api.tx.SecurityPool.remove_vote({ request })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>No votes.</p>}
      <h2>Lock of removed votes</h2>
      {prior.amount > 0n
        ? <p id="prior-lock"><Amount value={prior.amount} /> frozen until <Countdown to={prior.until} />{head.number >= prior.until ? ': expired, unlock it.' : '.'}</p>
        : <p id="prior-lock">None.</p>}
      <TxButton label="Unlock expired locks" tx={() => api.tx.SecurityPool.unlock()} />
    </>
  );
}
