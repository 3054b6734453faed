// The council's open motions: each call in words, its ayes and nays against its threshold, the
// block from which it may be closed as it stands, a member's vote (highlighted while it is still
// needed), and closing, with what the close did.
import { closeOutcome } from '@security-pool/client/rules';
import { useState } from 'preact/hooks';
import { Address } from '../../components/Address';
import { Countdown } from '../../components/Countdown';
import { TxButton } from '../../components/TxButton';
import { CallFailed, callName, close, describeCall, ranInWords, releaseTx, requestOf, vote, type Motion } from '../../chain/council';
import { useReady } from '../../state/context';
import { href } from '../../state/route';
import { useMembership } from './Members';

/** A motion closed from this page, with what the close did. */
interface Closed {
  index: number;
  words: string;
  outcome: 'approved' | 'disapproved';
  message: string;
  /** Approved, but its call failed (the message is the call's error). */
  failed: boolean;
}

function Voters({ label, addresses }: { label: string; addresses: string[] }) {
  return (
    <span class={`voters ${label.toLowerCase()}`}>
      {label} {addresses.length}{addresses.length > 0 && ': '}
      {addresses.map((address, i) => <>{i > 0 && ', '}<Address address={address} /></>)}
    </span>
  );
}

function MotionItem({ motion, onClosed }: { motion: Motion; onClosed: (closed: Closed) => void }) {
  const { chain, head, selected } = useReady();
  const { members, member } = useMembership();
  const words = describeCall(motion.call);
  const request = requestOf(motion.call);
  const myVote = selected && motion.ayes.includes(selected) ? 'aye' : selected && motion.nays.includes(selected) ? 'nay' : undefined;
  const needed = member && !myVote;
  // A close goes into the next block at the earliest.
  const outcome = closeOutcome(motion, members.length, head.number + 1);
  const ended = head.number + 1 >= motion.end;
  return (
    <li
      class={`motion${needed ? ' vote-needed' : ''}`}
      data-motion={motion.index}
      data-hash={motion.hash}
      data-call={callName(motion.call)}
      data-request={request}
      data-ayes={motion.ayes.length}
      data-nays={motion.nays.length}
      data-threshold={motion.threshold}
      data-end={motion.end}
      data-closable={outcome ?? 'no'}
    >
      <h3>
        Motion #{motion.index}: {request === undefined ? words : <a href={href('requests', request)}>{words}</a>}
        {needed && <> <span class="badge" data-badge="vote-needed">your vote needed</span></>}
        {myVote && <> <span class="badge voted" data-my-vote={myVote}>you voted {myVote}</span></>}
      </h3>
      <p class="motion-tally">
        <strong>{motion.ayes.length} of {motion.threshold} ayes needed</strong> ({members.length} members) ·{' '}
        <Voters label="Ayes" addresses={motion.ayes} /> · <Voters label="Nays" addresses={motion.nays} />
      </p>
      <p class="motion-end">
        {ended ? 'Its time is up: ' : 'May be closed as it stands from '}<Countdown to={motion.end} />
        {ended ? ', so it may be closed as it stands (an undecided member counts as a nay); votes are taken until it is.' : ' (an undecided member then counts as a nay); earlier once its ayes reach the threshold.'}
      </p>
      {!motion.verified && (
        <p class="problem" role="alert" data-unverified>
          The node shows a call that does not hash to this motion's hash: it is not what the members vote on. Do not vote on or
          close it through this node.
        </p>
      )}
      {motion.verified && <div class="actions">
        {member && myVote !== 'aye' && (
          <TxButton label={myVote ? 'Change to aye' : 'Aye'} act={(account, onPhase) => vote(chain, motion, true, account, onPhase).then(() => 'You voted aye.')} />
        )}
        {member && myVote !== 'nay' && (
          <TxButton label={myVote ? 'Change to nay' : 'Nay'} kind="secondary" act={(account, onPhase) => vote(chain, motion, false, account, onPhase).then(() => 'You voted nay.')} />
        )}
        <TxButton
          label="Close"
          kind={outcome === 'disapproves' ? 'secondary' : 'primary'}
          disabled={!outcome}
          why={`Needs ${motion.threshold} ayes, or block #${motion.end}.`}
          act={async (account, onPhase) => {
            const approved = await close(chain, motion, account, onPhase).catch((error: Error) => {
              // Closed and approved, but its call failed; any other failure leaves the motion open.
              if (error instanceof CallFailed) onClosed({ index: motion.index, words, outcome: 'approved', message: error.message, failed: true });
              throw error;
            });
            const message = approved ? `Approved: ${ranInWords(motion.call)}.` : 'Disapproved: its call did not run.';
            onClosed({ index: motion.index, words, outcome: approved ? 'approved' : 'disapproved', message, failed: false });
            return message;
          }}
        />
        {outcome && !selected && <p class="hint">Choose an account above to close it.</p>}
        {outcome === 'approves' && <p class="hint closes-as">Closing now runs the call.</p>}
        {outcome === 'disapproves' && <p class="hint closes-as">Closing now drops it: its call does not run.</p>}
      </div>}
    </li>
  );
}

/** Deposits the selected account's closed motions still hold (beyond four open motions a motion holds one). */
function HeldDeposits() {
  const { chain, snapshot, selected } = useReady();
  const mine = (snapshot.council?.held ?? []).filter((held) => held.who === selected);
  if (!mine.length) return null;
  return (
    <div class="held-deposits">
      <h3>Your deposits of closed motions</h3>
      <ul>
        {mine.map(({ hash }) => (
          <li data-hash={hash}>
            <code>{hash.slice(0, 18)}…</code>{' '}
            <TxButton label="Release deposit" kind="secondary" tx={() => releaseTx(chain, hash)} onIncluded={() => 'Released.'} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Motions() {
  const { snapshot } = useReady();
  const motions = snapshot.council?.motions ?? [];
  const [closed, setClosed] = useState<Closed[]>([]);
  return (
    <section aria-labelledby="motions-heading">
      <h2 id="motions-heading">Open motions ({motions.length})</h2>
      {motions.length === 0 && <p>No motion is open.</p>}
      {motions.length >= 4 && <p class="hint">With {motions.length} motions open, a new one holds a deposit from its proposer until it is closed and the deposit released.</p>}
      <ul class="motions">
        {motions.map((motion) => <MotionItem key={motion.hash} motion={motion} onClosed={(c) => setClosed((list) => [c, ...list.filter((o) => o.index !== c.index)])} />)}
      </ul>
      <HeldDeposits />
      {closed.length > 0 && (
        <>
          <h3>Closed from this page</h3>
          <ul class="closed-motions">
            {closed.map((c) => (
              <li data-motion={c.index} data-outcome={c.outcome}>
                Motion #{c.index}, {c.words}:{' '}
                <span class={c.failed ? 'tx-error' : 'tx-done'} role="status">{c.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
