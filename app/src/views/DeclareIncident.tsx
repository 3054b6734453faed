// Declaring an incident: evidence, the loss list's total, victims and root (typed, or filled from
// the published list after its root is rebuilt here), and the claim period; with the budget the
// pool would reserve now, the share of its loss every victim would get, the track and the deposit.
import { useState } from 'preact/hooks';
import { Amount } from '../components/Amount';
import { Field } from '../components/Field';
import { ShareOfLoss } from '../components/IncidentFacts';
import { Deposit } from '../components/Deposit';
import { TrackPreview } from '../components/TrackPreview';
import { Blocks } from '../components/TrackView';
import { TxButton } from '../components/TxButton';
import type { IncidentLimits } from '../chain/connect';
import { isHex, utf8 } from '../chain/bytes';
import { parseLossList } from '../chain/merkle';
import type { EventData } from '../chain/pool';
import { eventOf } from '../chain/transactions';
import { decimalText, parseAmount, tryParseAmount } from '@security-pool/client/rules';
import { useReady } from '../state/context';
import { href } from '../state/route';

const min = (a: bigint, b: bigint) => (a < b ? a : b);

export function DeclareIncident({ limits }: { limits: IncidentLimits }) {
  const { chain, snapshot } = useReady();
  const { api, units } = chain;
  const [evidence, setEvidence] = useState('');
  const [totalText, setTotalText] = useState('');
  const [victimsText, setVictimsText] = useState('');
  const [root, setRoot] = useState('');
  const [claimPeriodText, setClaimPeriodText] = useState(String(limits.minClaimPeriod));
  const [listCheck, setListCheck] = useState<{ ok: string } | { problem: string }>();
  const [declared, setDeclared] = useState<number>();
  const evidenceBytes = utf8(evidence);
  const total = tryParseAmount(units, totalText);
  // An incident reserves its total, at most what a claim may ask now (the runtime's `limits().claim`).
  const budget = total === undefined ? undefined : min(total, snapshot.limits.claim);
  const claimPeriod = Number(claimPeriodText);

  async function loadList(file?: File) {
    if (!file) return;
    try {
      const list = parseLossList(await file.text());
      setTotalText(decimalText(units, list.total));
      setVictimsText(String(list.victims));
      setRoot(list.root);
      setListCheck({ ok: `${file.name}: its ${list.victims.toLocaleString('en')} leaves hash to its root ${list.root} and add up to its total. Total, victims and root are filled in from it.` });
    } catch (error) {
      setListCheck({ problem: `${file.name}: ${(error as Error).message}` });
    }
  }

  function declaration() {
    if (!isHex(root, 32)) throw new Error('The root must be 32 bytes in hex (0x followed by 64 digits).');
    const victims = Number(victimsText);
    if (!Number.isInteger(victims) || victims < 1 || victims > limits.maxVictims) throw new Error(`Victims: a whole number from 1 to ${limits.maxVictims.toLocaleString('en')}.`);
    if (!Number.isInteger(claimPeriod)) throw new Error('The claim period is a whole number of blocks.');
    return api.tx.SecurityPool.declare_incident({ evidence: evidenceBytes, total: parseAmount(units, totalText), victims, root, claim_period: claimPeriod });
  }

  return (
    <section aria-labelledby="declare-heading">
      <h2 id="declare-heading">Declare an incident</h2>
      <p>
        One referendum for every victim of a hack. Publish the loss list (made with <code>security-pool-incident build</code>)
        where the victims can find it; the chain keeps only its root.
      </p>
      <form class="form" onSubmit={(e) => e.preventDefault()}>
        <Field label="Fill from the published loss list (JSON)" hint="Its root is rebuilt here from its leaves and must equal the root the file states.">
          <input id="incident-list-file" type="file" accept="application/json,.json" onChange={(e) => loadList(e.currentTarget.files?.[0])} />
        </Field>
        {listCheck && ('ok' in listCheck
          ? <p id="incident-list-check" class="check matches" role="status">{listCheck.ok}</p>
          : <p id="incident-list-check" class="problem" role="alert">{listCheck.problem}</p>)}
        <Field label="Evidence" hint={`${evidenceBytes.length} of ${chain.maxEvidenceLen} bytes: e.g. the CID of the report and of the loss list, and a line of text.`}>
          <textarea id="incident-evidence" rows={3} value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} />
        </Field>
        <Field label={`Total of the losses (${units.symbol})`} hint="What the list's amounts add up to; it may exceed what the pool holds.">
          <input id="incident-total" inputMode="decimal" value={totalText} onInput={(e) => setTotalText(e.currentTarget.value)} />
        </Field>
        <Field label="Victims" hint={`The list's number of leaves, at most ${limits.maxVictims.toLocaleString('en')}.`}>
          <input id="incident-victims" inputMode="numeric" value={victimsText} onInput={(e) => setVictimsText(e.currentTarget.value.trim())} />
        </Field>
        <Field label="Loss list root">
          <input id="incident-root" value={root} onInput={(e) => setRoot(e.currentTarget.value.trim())} placeholder="0x…" />
        </Field>
        <Field
          label="Claim period (blocks)"
          hint={<>From <Blocks count={limits.minClaimPeriod} /> to <Blocks count={limits.maxClaimPeriod} />, counted from the end of the timelock.</>}
        >
          <input id="incident-claim-period" inputMode="numeric" value={claimPeriodText} onInput={(e) => setClaimPeriodText(e.currentTarget.value.trim())} />
        </Field>
        <TrackPreview id="incident-track" amount={total} />
        {budget !== undefined && total !== undefined && total > 0n && (
          <p id="incident-budget" data-budget={budget.toString()}>
            Budget: the pool would reserve <Amount value={budget} /> now (the total, at most what the pool can pay); it is fixed at
            approval, recomputed then the same way. Every victim would get <ShareOfLoss budget={budget} total={total} />.
          </p>
        )}
        <p>
          Deposit held until the claims open: <Deposit bytes={evidenceBytes.length + 32} amount={total ?? 0n} />{' '}
          (forfeited if the incident is rejected, vetoed or cancelled).
        </p>
        <TxButton
          label="Declare incident"
          tx={declaration}
          onIncluded={(included) => {
            setDeclared(eventOf<EventData<'IncidentDeclared'>>(included, 'SecurityPool', 'IncidentDeclared')?.incident);
            return 'The incident is declared.';
          }}
        />
      </form>
      {declared !== undefined && <p id="declared">Declared as <a href={href('incidents', declared)}>incident {declared}</a>.</p>}
    </section>
  );
}
