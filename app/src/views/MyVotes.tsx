// The signing account's votes, what each keeps frozen and until when, and `unlock`.
import { Amount } from '../components/Amount';
import { Countdown } from '../components/Countdown';
import { TxButton } from '../components/TxButton';
import { LOCK_PERIODS, lockEnd, multiplier, won } from '../chain/referendum';
import type { Ballot, Outcome } from '../chain/types';
import { useReady, useRequests } from '../state/context';
import { href } from '../state/route';

/** What removing a vote would leave behind, in words. */
function afterRemoval(vote: Ballot, outcome: Outcome | undefined, running: boolean) {
  if (running) {
    return vote.choice === 'Abstain'
      ? 'Counting toward turnout: removing it takes it out of the tally.'
      : 'Counting: removing it takes it out of the tally.';
  }
  if (!outcome) return 'The referendum is ending.';
  if (!won(vote.choice, outcome) || LOCK_PERIODS[vote.conviction] === 0 || outcome.voteLockingPeriod === 0) {
    return `${outcome.approved ? 'Approved' : 'Rejected'}: removing it frees the balance.`;
  }
  return <>Won: once removed, frozen until <Countdown to={lockEnd(outcome.endedAt, outcome.voteLockingPeriod, vote.conviction)} />.</>;
}

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
                <td class="choice" data-choice={vote.choice}>{vote.choice.toLowerCase()}</td>
                <td><Amount value={vote.balance} /></td>
                <td>{vote.choice === 'Abstain' ? 'turnout only' : `${vote.conviction} (${multiplier(vote.conviction)})`}</td>
                <td>{afterRemoval(vote, account.outcomes.get(request), byId.get(request)?.status.kind === 'Voting')}</td>
                <td><TxButton label="Remove" kind="danger" tx={() => api.tx.securityPool.removeVote(request)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>No votes.</p>}
      <h2>Lock of removed votes</h2>
      {prior.amount > 0n
        ? <p id="prior-lock"><Amount value={prior.amount} /> frozen until <Countdown to={prior.until} />{head.number >= prior.until ? ': expired, unlock it.' : '.'}</p>
        : <p id="prior-lock">None.</p>}
      <TxButton label="Unlock expired locks" tx={() => api.tx.securityPool.unlock()} />
    </>
  );
}
