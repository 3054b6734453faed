// Voting on a running referendum: aye, nay or abstain, a balance and a conviction, with what it adds
// to the support (ayes and abstentions; a nay adds none) and the lock it earns if its side wins (an
// abstention is never locked after the referendum); in the confirmation window, the lock that any
// vote cast, changed or removed there earns; change or remove an existing vote.
import { useState } from 'preact/hooks';
import { Amount } from '../components/Amount';
import { Countdown } from '../components/Countdown';
import { TxButton } from '../components/TxButton';
import { LOCK_PERIODS, lateLockEnd, lockEnd, multiplier, weight } from '../chain/referendum';
import { CONVICTIONS, unit, type Choice, type Conviction } from '../chain/pool';
import type { PayoutRequest } from '../chain/snapshot';
import { decimalText, parseAmount, tryParseAmount } from '@security-pool/client/rules';
import { useReady } from '../state/context';

const CHOICES: { value: Choice; label: string }[] = [
  { value: 'Aye', label: 'Aye: pay it' },
  { value: 'Nay', label: "Nay: don't" },
  { value: 'Abstain', label: 'Abstain: count toward support only' },
];

export function VotePanel({ request, endsAt }: { request: PayoutRequest; endsAt: number }) {
  const { chain, account } = useReady();
  const { api, units } = chain;
  const current = account?.voting.votes.find((cast) => cast.request === request.id)?.vote;
  const [choice, setChoice] = useState<Choice>(current?.choice.type ?? 'Aye');
  const [balanceText, setBalanceText] = useState(current ? decimalText(units, current.balance) : '');
  const [conviction, setConviction] = useState<Conviction>(current?.conviction.type ?? 'Locked1x');
  const balance = tryParseAmount(units, balanceText);
  const lockPeriod = request.terms?.vote_locking_period ?? 0;
  const abstain = choice === 'Abstain';
  // An abstention weighs nothing and earns no lock by winning: its conviction does not matter.
  const sentConviction = abstain ? 'None' : conviction;
  const until = lockEnd(endsAt, lockPeriod, conviction);
  const confirming = request.referendum?.confirming ?? false;
  const late = confirming && (
    <>
      {' '}In the confirmation window: whichever side wins, the balance stays frozen until at least{' '}
      <Countdown to={lateLockEnd(endsAt, lockPeriod)} /> (the vote-locking period after the end), even if you remove the vote.
    </>
  );

  return (
    <section class="vote" aria-labelledby="vote-heading">
      <h2 id="vote-heading">{current ? 'Change your vote' : 'Vote'}</h2>
      {current && (
        <p class="current-vote" data-choice={current.choice.type}>
          Your vote: {current.choice.type.toLowerCase()} with <Amount value={current.balance} />
          {current.choice.type === 'Abstain' ? ' (support only)' : <> at {current.conviction.type} ({multiplier(current.conviction.type)})</>}.
        </p>
      )}
      <fieldset>
        <legend>Side</legend>
        {CHOICES.map((c) => (
          <label><input type="radio" name="side" value={c.value.toLowerCase()} checked={choice === c.value} onChange={() => setChoice(c.value)} /> {c.label}</label>
        ))}
      </fieldset>
      <label>
        Balance ({units.symbol})
        <input id="vote-balance" inputMode="decimal" value={balanceText} onInput={(e) => setBalanceText(e.currentTarget.value)} placeholder="e.g. 1000" />
      </label>
      <label>
        Conviction{abstain && ' (not used by an abstention)'}
        <select id="vote-conviction" value={conviction} disabled={abstain} onChange={(e) => setConviction(e.currentTarget.value as Conviction)}>
          {CONVICTIONS.map((c) => (
            <option value={c}>{c} — {multiplier(c)} votes, {LOCK_PERIODS[c] ? `locked ${LOCK_PERIODS[c]} × ${lockPeriod} blocks if it wins` : 'no lock'}</option>
          ))}
        </select>
      </label>
      <p class="lock-preview" aria-live="polite" data-choice={choice} data-confirming={String(confirming)}>
        {abstain
          ? (
            <>
              {balance !== undefined && <>Adds <Amount value={balance} /> to the support; no ayes or nays. </>}
              The balance is frozen while the vote counts
              {confirming ? '.' : ' and free as soon as you remove it: an abstention is never locked after the referendum.'}
            </>
          )
          : (
            <>
              {balance !== undefined && (
                <>
                  Adds <Amount value={weight({ choice: unit(choice), balance, conviction: unit(conviction) })} /> to the{' '}
                  {choice === 'Aye' ? <>ayes and <Amount value={balance} /> to the support</> : 'nays and nothing to the support: a nay never counts toward it'}.{' '}
                </>
              )}
              The balance is frozen while the vote counts
              {LOCK_PERIODS[conviction] > 0
                ? <>; if {choice.toLowerCase()} wins, it stays frozen until <Countdown to={until} /> once you remove the vote.</>
                : confirming ? '.' : '; with no conviction it is free as soon as you remove the vote.'}
            </>
          )}
        {late}
      </p>
      <div class="actions">
        <TxButton
          label={current ? 'Change vote' : 'Vote'}
          tx={() => api.tx.SecurityPool.vote({ request: request.id, vote: { choice: unit(choice), balance: parseAmount(units, balanceText), conviction: unit(sentConviction) } })}
        />
        {current && <TxButton label="Remove vote" kind="danger" tx={() => api.tx.SecurityPool.remove_vote({ request: request.id })} />}
      </div>
    </section>
  );
}
