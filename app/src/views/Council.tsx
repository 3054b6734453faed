// The council's desk: triage of disclosures (reading reports sealed to its key and checking them
// against their commitments), veto during a timelock or while a disclosure waits unproven, cancel
// during a vote. The council's origin is root on the dev chain (through sudo).
import { hexToU8a, isHex, u8aToHex, u8aToString } from '@polkadot/util';
import { useEffect, useState } from 'preact/hooks';
import { Address } from '../components/Address';
import { Amount } from '../components/Amount';
import { Field } from '../components/Field';
import { StatusView } from '../components/StatusView';
import { TriageView } from '../components/TriageView';
import { TxButton } from '../components/TxButton';
import { checkFinding, councilKeyPair, open } from '@security-pool/client';
import { readReports } from '../chain/snapshot';
import { asRoot } from '../chain/transactions';
import { SEVERITIES, type PayoutRequest, type Severity } from '../chain/types';
import { useReady, useRequests } from '../state/context';
import { isOpen, kindName } from '../state/requests';
import { href } from '../state/route';

type VerdictChoice = 'Confirmed' | 'Invalid' | Severity;

/** The council's X25519 secret for reading sealed reports: in memory, and kept in this browser on dev chains only. */
function useCouncilSecret(): [Uint8Array | undefined, (secret: Uint8Array) => void] {
  const { chain } = useReady();
  const key = `councilSecret:${chain.api.genesisHash.toHex()}`;
  const [secret, setSecret] = useState(() => {
    const stored = localStorage.getItem(key);
    return stored ? hexToU8a(stored) : undefined;
  });
  return [secret, (value) => {
    if (chain.isDev) localStorage.setItem(key, u8aToHex(value));
    setSecret(value);
  }];
}

function CouncilKey({ secret, setSecret }: { secret?: Uint8Array; setSecret: (s: Uint8Array) => void }) {
  const { chain, snapshot } = useReady();
  const [pending] = useState(councilKeyPair);
  const [pasted, setPasted] = useState('');
  const pastedKey = isHex(pasted, 256) ? hexToU8a(pasted) : undefined;
  const mine = secret && snapshot.triageKey === u8aToHex(councilKeyPair(secret).publicKey);
  return (
    <section aria-labelledby="key-heading">
      <h2 id="key-heading">Council key</h2>
      <p>Published key: <code id="triage-key">{snapshot.triageKey ?? 'none'}</code>{mine && ' (its secret is in this browser)'}</p>
      {chain.isDev && (
        <TxButton
          label="Generate a key here and publish it"
          tx={() => asRoot(chain, chain.api.tx.securityPool.setTriageKey(u8aToHex(pending.publicKey)))}
          onIncluded={() => {
            setSecret(pending.secretKey);
            return 'Published; the secret key stays in this browser (dev chain only).';
          }}
        />
      )}
      <Field label="Secret key to read sealed reports (hex, 32 bytes)">
        <input id="council-secret" value={pasted} onInput={(e) => setPasted(e.currentTarget.value.trim())} />
      </Field>
      <button type="button" class="secondary" disabled={!pastedKey} onClick={() => pastedKey && setSecret(pastedKey)}>Use this key</button>
    </section>
  );
}

/** What the council can tell of a disclosure's sealed report: none, sealed to another key, or opened and checked. */
type SealedCheck =
  | { state: 'none' }
  | { state: 'sealed'; bytes: number }
  | { state: 'opened'; report: Uint8Array; matches: boolean };

/** The sealed box opened with the council's `secret`; undefined if it does not open (sealed to another key, or tampered with). */
function openOrNot(sealed: Uint8Array, secret: Uint8Array): Uint8Array | undefined {
  try {
    return open(sealed, councilKeyPair(secret));
  } catch {
    return undefined;
  }
}

function useSealedCheck(request: PayoutRequest, secret?: Uint8Array): SealedCheck {
  const { chain, head } = useReady();
  const [sealed, setSealed] = useState<string>();
  useEffect(() => {
    void readReports(chain, request.id).then(({ encrypted }) => setSealed(encrypted));
  }, [chain, request.id, head.number]);
  if (!sealed || request.what.kind !== 'Disclosure') return { state: 'none' };
  const bytes = hexToU8a(sealed);
  const payload = secret ? openOrNot(bytes, secret) : undefined;
  if (!payload) return { state: 'sealed', bytes: bytes.length };
  return { state: 'opened', ...checkFinding(payload, request.submitter, request.what.commitment) };
}

function SealedReport({ check }: { check: SealedCheck }) {
  switch (check.state) {
    case 'none': return <span>No sealed report.</span>;
    case 'sealed': return <span>Sealed report, {check.bytes} bytes: not sealed to the key in this browser.</span>;
    default: return (
      <>
        <pre class="text sealed-report">{u8aToString(check.report)}</pre>
        {check.matches
          ? <span class="check matches">✓ Report and salt match the commitment of this submitter.</span>
          : <span class="check mismatch problem">✗ Report and salt do not match the commitment: a copy, or a changed report. Only "Invalid" stands.</span>}
      </>
    );
  }
}

function Triage({ request, check }: { request: PayoutRequest; check: SealedCheck }) {
  const { chain } = useReady();
  const mismatch = check.state === 'opened' && !check.matches;
  const [choice, setChoice] = useState<VerdictChoice>(mismatch ? 'Invalid' : 'Confirmed');
  const verdict = choice === 'Confirmed' || choice === 'Invalid' ? choice : { Downgraded: choice };
  return (
    <div class="actions">
      <label>
        Verdict{' '}
        <select value={choice} onChange={(e) => setChoice(e.currentTarget.value as VerdictChoice)}>
          {!mismatch && <option value="Confirmed">Confirmed</option>}
          {!mismatch && SEVERITIES.map((s) => <option value={s}>Downgraded to {s}</option>)}
          <option value="Invalid">Invalid</option>
        </select>
      </label>
      <TxButton label="Record verdict" tx={() => asRoot(chain, chain.api.tx.securityPool.triage(request.id, verdict))} />
    </div>
  );
}

/** One open request on the council's desk. */
function Row({ request, secret }: { request: PayoutRequest; secret?: Uint8Array }) {
  const { chain } = useReady();
  const { api } = chain;
  const { status, what } = request;
  const check = useSealedCheck(request, secret);
  return (
    <tr data-request={request.id}>
      <td><a href={href('requests', request.id)}>#{request.id}</a> {kindName(request)}</td>
      <td><Amount value={request.amount} /></td>
      <td><StatusView request={request} /></td>
      <td>{what.kind === 'Disclosure' ? <><TriageView triage={what.triage} /><br /><SealedReport check={check} /></> : '—'}</td>
      <td>
        {what.kind === 'Disclosure' && what.triage?.kind === 'Pending' && chain.features.triage && (
          <Triage key={String(check.state === 'opened' && check.matches)} request={request} check={check} />
        )}
        {status.kind === 'Voting' && <TxButton label="Cancel" kind="danger" tx={() => asRoot(chain, api.tx.securityPool.cancel(request.id))} />}
        {(status.kind === 'Approved' || status.kind === 'Unproven') && <TxButton label="Veto" kind="danger" tx={() => asRoot(chain, api.tx.securityPool.veto(request.id))} />}
      </td>
    </tr>
  );
}

export function Council() {
  const { chain, snapshot, selected } = useReady();
  const { all } = useRequests();
  const [secret, setSecret] = useCouncilSecret();
  const open = all.filter(isOpen);
  return (
    <>
      <h1>Council</h1>
      {chain.features.sudo
        ? <p>On this chain the council is root, through sudo: sign as <Address address={snapshot.sudoKey ?? ''} />.{snapshot.sudoKey !== selected && <strong> The account chosen above is not the sudo key.</strong>}</p>
        : <p>This chain has no sudo: the council's origin acts through its own governance.</p>}
      {chain.features.triage ? <CouncilKey secret={secret} setSecret={setSecret} /> : <p>This chain's runtime has no triage yet: veto and cancel only.</p>}
      <table class="council">
        <caption>Open requests ({open.length})</caption>
        <thead><tr><th scope="col">Request</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Triage and report</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {open.map((request) => <Row key={request.id} request={request} secret={secret} />)}
        </tbody>
      </table>
    </>
  );
}
