// The council's triage key in a password-protected key file: create one (a new X25519 key pair,
// its secret encrypted under a password, downloaded), open one (in memory only, never stored in
// the browser), lock it, and propose publishing its public key on chain as a motion.
import { councilKeyPair } from '@security-pool/client/rules';
import { useState } from 'preact/hooks';
import { Field } from '../../components/Field';
import { TxButton } from '../../components/TxButton';
import { toHex } from '../../chain/bytes';
import { callName, propose } from '../../chain/council';
import {
  downloadKeyFile, KeyFileError, lockKeyPair, MIN_PASSWORD_LENGTH, parseKeyFile, passwordProblem, unlockKeyFile, type KeyFile,
} from '../../chain/keyFile';
import { useReady } from '../../state/context';
import { useCouncilKey } from '../../state/councilKey';
import { useMembership } from './Members';

type Busy = string | undefined;

function CreateKeyFile({ busy, setBusy }: { busy: Busy; setBusy: (b: Busy) => void }) {
  const { open } = useCouncilKey();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const problem = passwordProblem(password, repeated);

  async function create() {
    setBusy('Encrypting the new key under the password…');
    try {
      const pair = councilKeyPair();
      const file = await lockKeyPair(pair, password);
      downloadKeyFile(file);
      open(pair);
      setPassword('');
      setRepeated('');
      setMessage({ ok: true, text: `Key file created and downloaded (public key ${file.publicKey}); the key is open in this page until you lock it.` });
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <form class="form key-form" id="create-key-form" onSubmit={(e) => { e.preventDefault(); if (!problem) void create(); }}>
      <h3>Create a council key file</h3>
      <p class="hint">A new X25519 key pair; its secret is encrypted under your password (PBKDF2-SHA-256, AES-256-GCM) in a file you download and keep. Nothing is stored in this browser.</p>
      <Field label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
        <input id="new-key-password" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </Field>
      <Field label="Repeat the password">
        <input id="new-key-password-again" type="password" autocomplete="new-password" value={repeated} onInput={(e) => setRepeated(e.currentTarget.value)} />
      </Field>
      {password && problem && <p class="warning" id="new-key-problem">{problem}</p>}
      <div><button type="submit" id="create-key-file" disabled={Boolean(problem) || Boolean(busy)}>Create key file</button></div>
      {message && <p class={message.ok ? 'tx-done' : 'tx-error'} role={message.ok ? 'status' : 'alert'} id="create-key-result">{message.text}</p>}
    </form>
  );
}

function OpenKeyFile({ busy, setBusy }: { busy: Busy; setBusy: (b: Busy) => void }) {
  const { snapshot } = useReady();
  const { open } = useCouncilKey();
  const [file, setFile] = useState<KeyFile>();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();

  async function load(chosen?: File) {
    setFile(undefined);
    setProblem(undefined);
    if (!chosen) return;
    try {
      setFile(parseKeyFile(await chosen.text()));
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  async function unlock() {
    if (!file) return;
    setBusy('Opening the key file…');
    try {
      open(await unlockKeyFile(file, password));
      setPassword('');
      setProblem(undefined);
    } catch (error) {
      // A wrong password changes nothing else: a key already open stays open.
      setProblem(error instanceof KeyFileError ? error.message : `The key file did not open: ${(error as Error).message}`);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <form class="form key-form" id="open-key-form" onSubmit={(e) => { e.preventDefault(); void unlock(); }}>
      <h3>Open key file</h3>
      <Field label="Key file">
        <input id="key-file" type="file" accept="application/json,.json" onChange={(e) => load(e.currentTarget.files?.[0])} />
      </Field>
      {file && snapshot.triageKey && file.publicKey !== snapshot.triageKey && (
        <p class="warning" id="file-key-mismatch">This file's public key ({file.publicKey}) is not the published triage key.</p>
      )}
      <Field label="Password">
        <input id="key-password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </Field>
      <div><button type="submit" id="open-key-file" disabled={!file || !password || Boolean(busy)}>Open key file</button></div>
      {problem && <p class="problem" role="alert" id="open-key-problem">{problem}</p>}
    </form>
  );
}

export function KeyFilePanel() {
  const { chain, snapshot } = useReady();
  const { pair, lock } = useCouncilKey();
  const { member } = useMembership();
  const [busy, setBusy] = useState<Busy>();
  const published = snapshot.triageKey;
  const openKey = pair && toHex(pair.publicKey);
  const motion = openKey && snapshot.council?.motions.find((m) => callName(m.call) === 'SecurityPool.set_triage_key' && m.call.value.value.key === openKey);
  return (
    <section aria-labelledby="key-heading" id="council-key">
      <h2 id="key-heading">Council key</h2>
      <p>Published triage key: <code id="triage-key">{published ?? 'none'}</code></p>
      {openKey ? (
        <div class="key-open" id="key-open" data-public-key={openKey} data-published={String(openKey === published)}>
          <p>
            A key file is open in this page's memory (public key <code>{openKey}</code>): sealed reports to it open below.
            It is never stored in the browser; <strong>Lock</strong> forgets it, and so does reloading the page.
          </p>
          {published && openKey !== published && (
            <p class="warning" role="alert" id="key-mismatch">This key file's public key is not the published triage key: reports sealed to the published key will not open with it.</p>
          )}
          {!published && <p class="warning" id="key-unpublished">No triage key is published yet: hunters cannot seal reports until the council publishes one.</p>}
          <div class="actions">
            <button type="button" class="secondary" id="lock-key" onClick={lock}>Lock</button>
            {openKey !== published && (
              <TxButton
                label="Propose publishing this key as a motion (and vote aye)"
                disabled={!member || Boolean(motion)}
                why={motion ? `Motion #${motion.index} to publish it is open.` : 'Sign as a council member to propose.'}
                act={async (account, onPhase) => {
                  const index = await propose(chain, chain.api.tx.SecurityPool.set_triage_key({ key: openKey }), account, true, onPhase);
                  return `Proposed as motion #${index}, with your aye.`;
                }}
              />
            )}
          </div>
        </div>
      ) : (
        <p id="key-locked">No key file is open: sealed reports stay sealed.</p>
      )}
      {busy && <p role="status" class="tx-status">{busy}</p>}
      <div class="key-forms">
        <OpenKeyFile busy={busy} setBusy={setBusy} />
        <CreateKeyFile busy={busy} setBusy={setBusy} />
      </div>
    </section>
  );
}
