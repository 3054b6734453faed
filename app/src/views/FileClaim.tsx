// Filing a claim: amount, beneficiary and evidence, with the deposit it holds and the cap it meets.
import { useState } from 'preact/hooks';
import { Amount } from '../components/Amount';
import { Field } from '../components/Field';
import { Deposit } from '../components/Deposit';
import { TrackPreview } from '../components/TrackPreview';
import { TxButton } from '../components/TxButton';
import { utf8 } from '../chain/bytes';
import type { EventData } from '../chain/pool';
import { eventOf } from '../chain/transactions';
import { parseAmount, tryParseAmount } from '@security-pool/client/rules';
import { useReady } from '../state/context';
import { href } from '../state/route';

export function FileClaim() {
  const { chain, snapshot, selected } = useReady();
  const { api, units } = chain;
  const [amountText, setAmountText] = useState('');
  const [beneficiary, setBeneficiary] = useState('');
  const [evidence, setEvidence] = useState('');
  const [filed, setFiled] = useState<number>();
  const evidenceBytes = utf8(evidence);
  const parsed = tryParseAmount(units, amountText);
  const amount = parsed ?? 0n;
  return (
    <>
      <h1>File a claim</h1>
      <p>For a loss in an incident. A referendum of token holders decides; an approved claim is paid after its timelock.</p>
      <form class="form" onSubmit={(e) => e.preventDefault()}>
        <Field label={`Amount (${units.symbol})`} hint={<>At most <Amount value={snapshot.limits.claim} /> now (max payout and exposure cap).</>}>
          <input id="claim-amount" inputMode="decimal" value={amountText} onInput={(e) => setAmountText(e.currentTarget.value)} />
        </Field>
        <TrackPreview id="claim-track" amount={parsed} />
        <Field label="Beneficiary" hint="Who is paid; empty: the account that signs.">
          <input id="claim-beneficiary" value={beneficiary} onInput={(e) => setBeneficiary(e.currentTarget.value.trim())} placeholder={selected} />
        </Field>
        <Field label="Evidence" hint={`${evidenceBytes.length} of ${chain.maxEvidenceLen} bytes: e.g. an IPFS CID and a line of text.`}>
          <textarea id="claim-evidence" rows={3} value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} />
        </Field>
        <p>Deposit held: <Deposit bytes={evidenceBytes.length} amount={amount} /> (forfeited if the claim fails).</p>
        <TxButton
          label="File claim"
          tx={() => api.tx.SecurityPool.submit_claim({ amount: parseAmount(units, amountText), beneficiary: beneficiary || selected!, evidence: evidenceBytes })}
          onIncluded={(included) => {
            setFiled(eventOf<EventData<'ClaimSubmitted'>>(included, 'SecurityPool', 'ClaimSubmitted')?.request);
            return 'The claim is filed.';
          }}
        />
      </form>
      {filed !== undefined && <p id="filed">Filed as <a href={href('requests', filed)}>request {filed}</a>.</p>}
    </>
  );
}
