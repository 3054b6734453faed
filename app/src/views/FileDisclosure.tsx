// Filing a disclosure: the report stays in the browser; the chain gets its bound commitment (and,
// if the hunter wants and the chain has a council key, the report sealed to that key). The
// receipt file keeps the salt for the reveal.
import { useMemo, useState } from 'preact/hooks';
import { Amount } from '../components/Amount';
import { Field } from '../components/Field';
import { Deposit } from '../components/Deposit';
import { TrackPreview } from '../components/TrackPreview';
import { TxButton } from '../components/TxButton';
import { commitment, freshSalt, parseAmount, SEAL_OVERHEAD, sealFinding, tryParseAmount } from '@security-pool/client/rules';
import { toHex, utf8 } from '../chain/bytes';
import { SEVERITIES, unit, type EventData, type Severity } from '../chain/pool';
import { eventOf } from '../chain/transactions';
import { downloadReceipt, makeReceipt, type Receipt } from '../chain/disclosure';
import { useReady } from '../state/context';
import { href } from '../state/route';

export function FileDisclosure() {
  const { chain, snapshot, selected } = useReady();
  const { api, units } = chain;
  const [report, setReport] = useState('');
  const [severity, setSeverity] = useState<Severity>('High');
  const [amountText, setAmountText] = useState('');
  const [beneficiary, setBeneficiary] = useState('');
  const [salt, setSalt] = useState(freshSalt);
  const canEncrypt = snapshot.triageKey !== undefined;
  const [encrypt, setEncrypt] = useState(true);
  const [receipt, setReceipt] = useState<Receipt>();
  const reportBytes = useMemo(() => utf8(report), [report]);
  const bound = selected ? commitment(selected, reportBytes, salt) : undefined;
  const sealing = canEncrypt && encrypt;
  const depositBytes = 32 + (sealing ? salt.length + reportBytes.length + SEAL_OVERHEAD : 0);
  const parsed = tryParseAmount(units, amountText);
  const amount = parsed ?? 0n;

  function submission() {
    return api.tx.SecurityPool.submit_disclosure({
      commitment: bound!,
      severity: unit(severity),
      amount: parseAmount(units, amountText),
      beneficiary: beneficiary || selected!,
      encrypted_report: sealing ? sealFinding(reportBytes, salt, snapshot.triageKey!) : undefined,
    });
  }

  async function loadReport(file?: File) {
    if (file) setReport(await file.text());
  }

  return (
    <>
      <h1>File a disclosure</h1>
      <p>
        Your report never leaves this browser unencrypted: the chain gets <code>blake2_256(your account ++ report ++ salt)</code>.
        Keep the receipt: revealing needs its salt.
      </p>
      <form class="form" onSubmit={(e) => e.preventDefault()}>
        <Field label="Report" hint={`${reportBytes.length} of ${chain.maxReportLen} bytes.`}>
          <textarea id="disclosure-report" rows={6} value={report} onInput={(e) => setReport(e.currentTarget.value)} />
        </Field>
        <Field label="…or load the report from a file">
          <input id="disclosure-report-file" type="file" onChange={(e) => loadReport(e.currentTarget.files?.[0])} />
        </Field>
        <Field label="Severity" hint={<>Caps the amount: at most <Amount value={snapshot.limits.disclosure[SEVERITIES.indexOf(severity)]} /> now.</>}>
          <select id="disclosure-severity" value={severity} onChange={(e) => setSeverity(e.currentTarget.value as Severity)}>
            {SEVERITIES.map((s) => <option value={s}>{s}</option>)}
          </select>
        </Field>
        <Field label={`Amount (${units.symbol})`}>
          <input id="disclosure-amount" inputMode="decimal" value={amountText} onInput={(e) => setAmountText(e.currentTarget.value)} />
        </Field>
        <TrackPreview id="disclosure-track" amount={parsed} />
        <Field label="Beneficiary" hint="Who is paid; empty: the account that signs.">
          <input id="disclosure-beneficiary" value={beneficiary} onInput={(e) => setBeneficiary(e.currentTarget.value.trim())} placeholder={selected} />
        </Field>
        <label class="check">
          <input id="disclosure-encrypt" type="checkbox" checked={sealing} disabled={!canEncrypt} onChange={(e) => setEncrypt(e.currentTarget.checked)} />
          {canEncrypt ? ' Send the report and its salt to the council, sealed to its key (only the council can read them)' : ' The council has not published a key: the report cannot be sent encrypted.'}
        </label>
        <dl class="facts">
          <dt>Salt</dt><dd><code id="disclosure-salt">{toHex(salt)}</code> <button type="button" class="secondary" onClick={() => setSalt(freshSalt())}>New salt</button></dd>
          <dt>Commitment</dt><dd><code id="disclosure-commitment">{bound ?? 'choose an account'}</code></dd>
          <dt>Deposit</dt><dd><Deposit bytes={depositBytes} amount={amount} /> ({depositBytes} bytes)</dd>
        </dl>
        <TxButton
          label="File disclosure"
          disabled={!report}
          tx={submission}
          onIncluded={(included) => {
            const request = Number(eventOf<EventData<'DisclosureSubmitted'>>(included, 'SecurityPool', 'DisclosureSubmitted')?.request);
            setReceipt(makeReceipt({
              genesisHash: chain.genesisHash,
              request,
              submitter: selected!,
              severity,
              amount: parseAmount(units, amountText).toString(),
              commitment: bound!,
              salt: toHex(salt),
              report,
            }));
            return 'The disclosure is filed. Download its receipt now.';
          }}
        />
      </form>
      {receipt && (
        <section class="receipt" aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">Receipt of <a href={href('requests', receipt.request)}>request {receipt.request}</a></h2>
          <p>It holds your report and salt: keep it private until you reveal.</p>
          <button type="button" id="download-receipt" onClick={() => downloadReceipt(receipt)}>Download receipt</button>
        </section>
      )}
    </>
  );
}
