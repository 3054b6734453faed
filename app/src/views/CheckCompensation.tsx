// A victim's compensation: the published loss list (a file or a URL), rebuilt here and checked
// against the incident's root; an account's leaves with the proofs built here, what the runtime
// would pay each now (`securityPoolApi.compensation`), and the claim: without a wallet (unsigned,
// free) or signed.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Address } from '../components/Address';
import { Amount } from '../components/Amount';
import { Field } from '../components/Field';
import { TxButton } from '../components/TxButton';
import { claimTx, compensationNow, refusalWords, shareOf, type Compensation } from '../chain/incidents';
import { leavesOf, parseLossList, proofOf, type LossLeaf, type LossList } from '../chain/merkle';
import type { EventData, Incident } from '../chain/pool';
import type { PayoutRequest } from '../chain/snapshot';
import { eventOf, type Included, type TxError } from '../chain/transactions';
import { useReady } from '../state/context';

/** Resolves after the browser painted what is pending (e.g. a "checking…" line before a long computation). */
const afterPaint = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done)));

function Paid(included: Included) {
  const paid = eventOf<EventData<'Compensated'>>(included, 'SecurityPool', 'Compensated');
  if (!paid) return 'In a block, without a payment.';
  return (
    <span class="compensated" data-block={included.block.number} data-amount={paid.amount.toString()}>
      Paid <Amount value={paid.amount} /> to <Address address={paid.account} /> in block #{included.block.number}.
    </span>
  );
}

/** A refusal in plain words: the transaction pool's (an unsigned claim: nothing reached a block) or the block's. */
function refused(error: TxError): string | undefined {
  if (!error.errorName) return undefined;
  return error.refusedByPool
    ? `Refused by the transaction pool: ${refusalWords(error.errorName)}. Nothing went into a block and nothing was charged.`
    : `Failed in its block: ${refusalWords(error.errorName)}.`;
}

function Now({ now }: { now?: Compensation | { failed: string } }) {
  if (!now) return <dd class="compensation-now">asking the chain…</dd>;
  if ('share' in now) {
    return <dd class="compensation-now claimable" data-share={now.share.toString()}>claimable now: <Amount value={now.share} /></dd>;
  }
  if ('refused' in now) return <dd class="compensation-now refused" data-refused={now.refused}>not claimable now: {refusalWords(now.refused)}</dd>;
  return <dd class="compensation-now problem">The chain could not check it: {now.failed}</dd>;
}

function LeafClaim({ request, incident, list, leaf }: { request: PayoutRequest; incident: Incident; list: LossList; leaf: LossLeaf }) {
  const { chain, head } = useReady();
  const proof = useMemo(() => proofOf(list, leaf), [list, leaf]);
  const [now, setNow] = useState<Compensation | { failed: string }>();
  useEffect(() => {
    let current = true;
    compensationNow(chain, request.id, leaf, proof).then(
      (found) => current && setNow(found),
      (error: Error) => current && setNow({ failed: error.message }),
    );
    return () => {
      current = false;
    };
  }, [chain, request.id, leaf, proof, head.number]);
  const heading = `leaf-${leaf.index}-heading`;
  return (
    <article class="leaf" aria-labelledby={heading} data-index={leaf.index} data-amount={leaf.amount.toString()}>
      <h3 id={heading}>Leaf {leaf.index}</h3>
      <dl class="facts">
        <dt>Account</dt><dd><code>{leaf.account}</code></dd>
        <dt>Loss</dt><dd><Amount value={leaf.amount} /></dd>
        <dt>Share</dt>
        <dd class="share" data-share={shareOf(leaf.amount, request.amount, incident.total).toString()}>
          <Amount value={shareOf(leaf.amount, request.amount, incident.total)} /> (loss × budget ÷ total, rounded down
          {request.status.type === 'Voting' ? ', at the current budget' : ''})
        </dd>
        <dt>Now</dt><Now now={now} />
        <dt>Proof</dt>
        <dd>
          <details>
            <summary>{proof.length} hashes, built in this browser</summary>
            <ol class="proof">{proof.map((node) => <li><code>{node}</code></li>)}</ol>
          </details>
        </dd>
      </dl>
      <div class="actions">
        <TxButton label="Claim without a wallet" unsigned tx={() => claimTx(chain, request.id, leaf, proof)} onIncluded={Paid} describeError={refused} />
        <TxButton
          label="Claim with my wallet" kind="secondary" disabled={!now || !('share' in now)}
          tx={() => claimTx(chain, request.id, leaf, proof)} onIncluded={Paid} describeError={refused}
        />
      </div>
      <p class="hint">
        Without a wallet the claim goes to the chain unsigned and costs nothing; the transaction pool refuses it if it cannot be paid.
        With your wallet it is signed and, when paid, its fee is refunded. Either way the share goes to the leaf's account.
      </p>
    </article>
  );
}

export function CheckCompensation({ request, incident }: { request: PayoutRequest; incident: Incident }) {
  const { accounts } = useReady();
  const [list, setList] = useState<LossList>();
  const [state, setState] = useState<{ checking: string } | { loaded: string } | { problem: string }>();
  const [url, setUrl] = useState('');
  const [address, setAddress] = useState('');

  async function check(from: string, text: () => Promise<string>) {
    setList(undefined);
    setState({ checking: from });
    try {
      const body = await text();
      await afterPaint();
      setList(parseLossList(body, { root: incident.root, name: `incident ${request.id}'s root` }));
      setState({ loaded: from });
    } catch (error) {
      setState({ problem: `${from}: ${(error as Error).message}` });
    }
  }

  const loadUrl = () => check(url, async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot load it (HTTP ${response.status})`);
    return response.text();
  });

  const found = useMemo(() => {
    if (!list || !address) return undefined;
    try {
      return leavesOf(list, address);
    } catch {
      return 'not an address' as const;
    }
  }, [list, address]);
  const differs = list && (list.victims !== incident.victims || list.total !== incident.total);

  return (
    <section aria-labelledby="check-heading" class="check-compensation">
      <h2 id="check-heading">Check my compensation</h2>
      <p>Load the incident's published loss list: this browser rebuilds its root, checks it against the incident's, and builds your proof.</p>
      <div class="form">
        <Field label="Published loss list (JSON file)">
          <input id="compensation-list-file" type="file" accept="application/json,.json" onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void check(file.name, () => file.text());
          }} />
        </Field>
        <Field label="…or its URL">
          <input id="compensation-list-url" type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value.trim())} placeholder="https://…/list.json" />
        </Field>
        <div><button type="button" class="secondary" disabled={!url} onClick={loadUrl}>Load from the URL</button></div>
      </div>
      {state && 'checking' in state && <p role="status">Checking {state.checking}…</p>}
      {state && 'problem' in state && <p id="compensation-list-problem" class="problem" role="alert">{state.problem}</p>}
      {list && state && 'loaded' in state && (
        <>
          <p id="compensation-list-check" class="check matches" role="status" data-root={list.root}>
            {state.loaded}: its {list.victims.toLocaleString('en')} leaves hash to the incident's root, <code>{list.root}</code>.
          </p>
          {differs && (
            <p class="warning" role="alert">
              The list has {list.victims.toLocaleString('en')} victims and a total of <Amount value={list.total} />; the incident declares{' '}
              {incident.victims.toLocaleString('en')} and <Amount value={incident.total} />.
            </p>
          )}
          <div class="form">
            <Field label="Account (SS58 address)">
              <input id="compensation-account" value={address} onInput={(e) => setAddress(e.currentTarget.value.trim())} />
            </Field>
            {accounts.length > 0 && (
              <Field label="…or one of your accounts">
                <select id="compensation-wallet" value={accounts.some((a) => a.address === address) ? address : ''} onChange={(e) => setAddress(e.currentTarget.value)}>
                  <option value="">Choose an account…</option>
                  {accounts.map((a) => <option value={a.address}>{a.name} ({a.source})</option>)}
                </select>
              </Field>
            )}
          </div>
          {found === 'not an address' && <p class="problem" role="alert">This is not an SS58 address.</p>}
          {Array.isArray(found) && !found.length && <p id="compensation-none" role="status">This account is not in the list.</p>}
          {Array.isArray(found) && found.map((leaf) => <LeafClaim key={leaf.index} request={request} incident={incident} list={list} leaf={leaf} />)}
        </>
      )}
    </section>
  );
}
