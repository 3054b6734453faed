// Revealing a disclosure's report from its receipt file.
import { useState } from 'preact/hooks';
import { Address } from '../components/Address';
import { Field } from '../components/Field';
import { TxButton } from '../components/TxButton';
import { utf8 } from '../chain/bytes';
import { parseReceipt, type Receipt } from '../chain/disclosure';
import { useReady } from '../state/context';
import { href } from '../state/route';

export function Reveal() {
  const { chain, selected } = useReady();
  const [receipt, setReceipt] = useState<Receipt>();
  const [problem, setProblem] = useState<string>();

  async function load(file?: File) {
    if (!file) return;
    try {
      setReceipt(parseReceipt(await file.text()));
      setProblem(undefined);
    } catch (error) {
      setReceipt(undefined);
      setProblem((error as Error).message);
    }
  }

  return (
    <>
      <h1>Reveal a report</h1>
      <p>Choose the receipt downloaded when the disclosure was filed. Only its submitter can reveal it.</p>
      <Field label="Receipt file">
        <input id="receipt-file" type="file" accept="application/json,.json" onChange={(e) => load(e.currentTarget.files?.[0])} />
      </Field>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {receipt && (
        <section aria-labelledby="reveal-heading">
          <h2 id="reveal-heading">Request <a href={href('requests', receipt.request)}>{receipt.request}</a></h2>
          {receipt.genesisHash !== chain.genesisHash && <p class="problem" role="alert">This receipt is from another chain.</p>}
          {receipt.submitter !== selected && <p class="warning">Filed by <Address address={receipt.submitter} />: sign as that account to reveal.</p>}
          <pre class="text">{receipt.report}</pre>
          <TxButton
            label="Reveal report"
            tx={() => chain.api.tx.SecurityPool.reveal_disclosure({ request: receipt.request, report: utf8(receipt.report), salt: receipt.salt })}
            onIncluded={() => 'The report is revealed.'}
          />
        </section>
      )}
    </>
  );
}
