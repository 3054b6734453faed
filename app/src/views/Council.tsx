// The council's desk: its members and the share each power takes, its open motions, its key file
// (reading reports sealed to the triage key and checking them against their commitments), and
// each open request's actions proposed as motions: triage (confirm, downgrade, invalid), veto in
// a timelock or while a disclosure waits unproven, cancel during a vote. Root (a dev chain's sudo
// key) holds these powers too, but this page acts by the council's motions only.
import { checkFinding, open, type BoxKeyPair } from '@security-pool/client/rules';
import type { Transaction, TxCallData } from 'polkadot-api';
import { jsonSerialize } from 'polkadot-api/utils';
import { useEffect, useState } from 'preact/hooks';
import { Address } from '../components/Address';
import { Amount } from '../components/Amount';
import { StatusView } from '../components/StatusView';
import { TriageView } from '../components/TriageView';
import { TxButton } from '../components/TxButton';
import { textOf, toHex } from '../chain/bytes';
import { propose } from '../chain/council';
import { SEVERITIES, unit, type Severity, type Verdict } from '../chain/pool';
import { readReports, type PayoutRequest } from '../chain/snapshot';
import { useReady, useRequests } from '../state/context';
import { useCouncilKey } from '../state/councilKey';
import { isOpen, kindName } from '../state/requests';
import { href } from '../state/route';
import { KeyFilePanel } from './council/KeyFilePanel';
import { Members, useMembership } from './council/Members';
import { Motions } from './council/Motions';

type VerdictChoice = 'Confirmed' | 'Invalid' | Severity;

/** What the council can tell of a disclosure's sealed report: none, sealed to another key, or opened and checked. */
type SealedCheck =
  | { state: 'none' }
  | { state: 'sealed'; bytes: number }
  | { state: 'opened'; report: Uint8Array; matches: boolean };

/** The sealed box opened with the council's key pair; undefined if it does not open (sealed to another key, or tampered with). */
function openOrNot(sealed: Uint8Array, pair: BoxKeyPair): Uint8Array | undefined {
  try {
    return open(sealed, pair);
  } catch {
    return undefined;
  }
}

function useSealedCheck(request: PayoutRequest, pair?: BoxKeyPair): SealedCheck {
  const { chain, head } = useReady();
  const [sealed, setSealed] = useState<Uint8Array>();
  useEffect(() => {
    void readReports(chain, request.id).then(({ encrypted }) => setSealed(encrypted));
  }, [chain, request.id, head.number]);
  if (!sealed || request.kind.type !== 'Disclosure') return { state: 'none' };
  const payload = pair ? openOrNot(sealed, pair) : undefined;
  if (!payload) return { state: 'sealed', bytes: sealed.length };
  return { state: 'opened', ...checkFinding(payload, request.submitter, request.kind.value.commitment) };
}

function SealedReport({ check }: { check: SealedCheck }) {
  switch (check.state) {
    case 'none': return <span>No sealed report.</span>;
    case 'sealed': return <span>Sealed report, {check.bytes} bytes: not sealed to the key file open in this page.</span>;
    default: return (
      <>
        <pre class="text sealed-report">{textOf(check.report) ?? toHex(check.report)}</pre>
        {check.matches
          ? <span class="check matches">✓ Report and salt match the commitment of this submitter.</span>
          : <span class="check mismatch problem">✗ Report and salt do not match the commitment: a copy, or a changed report. Only "Invalid" stands.</span>}
      </>
    );
  }
}

/** A call as JSON (balances as decimal strings): two calls are the same call when theirs are equal. */
const callJson = (call: TxCallData) => JSON.stringify(call, jsonSerialize);

/**
 * Proposes `call` as a motion signed by the selected member, with the member's aye; disabled for
 * an account that is not a member, or while a motion of the same call is open.
 */
function ProposeButton({ label, call, kind }: { label: string; call: () => Transaction; kind?: 'primary' | 'danger' }) {
  const { chain, snapshot } = useReady();
  const { member } = useMembership();
  const json = callJson(call().decodedCall);
  const same = snapshot.council?.motions.find((m) => callJson(m.call) === json);
  return (
    <TxButton
      label={label}
      kind={kind}
      disabled={!member || Boolean(same)}
      why={same ? `Motion #${same.index} of this is open.` : 'Sign as a council member to propose.'}
      act={async (account, onPhase) => {
        const index = await propose(chain, call(), account, true, onPhase);
        return `Proposed as motion #${index}, with your aye.`;
      }}
    />
  );
}

function Triage({ request, check }: { request: PayoutRequest; check: SealedCheck }) {
  const { chain } = useReady();
  // Only a report opened here and matching its commitment can be confirmed or downgraded:
  // unread, unsealed or mismatched, "Invalid" alone stands.
  const proven = check.state === 'opened' && check.matches;
  const [chosen, setChoice] = useState<VerdictChoice>('Confirmed');
  const choice = proven ? chosen : 'Invalid';
  const verdict: Verdict = choice === 'Confirmed' || choice === 'Invalid' ? unit(choice) : { type: 'Downgraded', value: unit(choice) };
  return (
    <div class="actions">
      <label>
        Verdict{' '}
        <select value={choice} onChange={(e) => setChoice(e.currentTarget.value as VerdictChoice)}>
          {proven && <option value="Confirmed">Confirmed</option>}
          {proven && SEVERITIES.map((s) => <option value={s}>Downgraded to {s}</option>)}
          <option value="Invalid">Invalid</option>
        </select>
      </label>
      <ProposeButton label="Propose verdict as a motion" call={() => chain.api.tx.SecurityPool.triage({ request: request.id, verdict })} />
    </div>
  );
}

/** One open request on the council's desk. */
function Row({ request }: { request: PayoutRequest }) {
  const { chain } = useReady();
  const { pair } = useCouncilKey();
  const { api } = chain;
  const { status, kind } = request;
  const check = useSealedCheck(request, pair);
  return (
    <tr data-request={request.id}>
      <td><a href={href('requests', request.id)}>#{request.id}</a> {kindName(request)}</td>
      <td><Amount value={request.amount} /></td>
      <td><StatusView request={request} /></td>
      <td>{kind.type === 'Disclosure' ? <><TriageView triage={kind.value.triage} /><br /><SealedReport check={check} /></> : '—'}</td>
      <td>
        {kind.type === 'Disclosure' && kind.value.triage?.type === 'Pending' && <Triage request={request} check={check} />}
        {status.type === 'Voting' && <ProposeButton label="Propose cancel as a motion" kind="danger" call={() => api.tx.SecurityPool.cancel({ request: request.id })} />}
        {(status.type === 'Approved' || status.type === 'Unproven') && (
          <ProposeButton label="Propose veto as a motion" kind="danger" call={() => api.tx.SecurityPool.veto({ request: request.id })} />
        )}
      </td>
    </tr>
  );
}

/** Who may use the council's powers on this chain. */
function Powers() {
  const { snapshot } = useReady();
  return (
    <p id="who-acts" data-sudo={String(snapshot.sudoKey !== undefined)}>
      {snapshot.sudoKey
        ? <>On this chain root through sudo can too (the sudo key: <Address address={snapshot.sudoKey} />); the council acts by motions, and so does this page.</>
        : <>No single key: only the council's motions veto, triage, cancel and publish the triage key (this chain has no sudo).</>}
    </p>
  );
}

export function Council() {
  const { all } = useRequests();
  const openRequests = all.filter(isOpen);
  return (
    <>
      <h1>Council</h1>
      <Powers />
      <Members />
      <Motions />
      <KeyFilePanel />
      <table class="council">
        <caption>Open requests ({openRequests.length})</caption>
        <thead><tr><th scope="col">Request</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Triage and report</th><th scope="col">Propose</th></tr></thead>
        <tbody>
          {openRequests.map((request) => <Row key={request.id} request={request} />)}
        </tbody>
      </table>
    </>
  );
}
