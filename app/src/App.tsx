// The shell: the chain and the signing account on top, the pages below.
import type { BoxKeyPair } from '@security-pool/client/rules';
import { useMemo, useState } from 'preact/hooks';
import { ReadyContext, useAppState, type ReadyState } from './state/context';
import { CouncilKeyContext } from './state/councilKey';
import { href, useRoute } from './state/route';
import { AccountBar } from './views/AccountBar';
import { Council } from './views/Council';
import { FileClaim } from './views/FileClaim';
import { FileDisclosure } from './views/FileDisclosure';
import { Incidents } from './views/Incidents';
import { MyVotes } from './views/MyVotes';
import { Overview } from './views/Overview';
import { RequestDetail } from './views/RequestDetail';
import { Requests } from './views/Requests';
import { Reveal } from './views/Reveal';

const PAGES = [
  ['', 'Pool'],
  ['requests', 'Requests'],
  ['incidents', 'Incidents'],
  ['votes', 'My votes'],
  ['claim', 'File a claim'],
  ['disclosure', 'File a disclosure'],
  ['reveal', 'Reveal'],
  ['council', 'Council'],
] as const;

export function App() {
  const state = useAppState();
  const [page = '', id] = useRoute();
  // The council's opened key file lives here, in memory, across pages.
  const [councilPair, setCouncilPair] = useState<BoxKeyPair>();
  const councilKey = useMemo(() => ({ pair: councilPair, open: setCouncilPair, lock: () => setCouncilPair(undefined) }), [councilPair]);
  if (state.phase === 'failed') return <main><h1>Security Pool</h1><p role="alert" class="problem">{state.error}</p></main>;
  if (state.phase !== 'ready') return <main><h1>Security Pool</h1><p role="status">Connecting to the chain…</p></main>;
  const ready = state as ReadyState;
  return (
    <ReadyContext.Provider value={ready}>
      <header>
        <div class="brand">
          <strong>Security Pool</strong>
          <span class="chain" data-head={ready.head.number}>{ready.chain.name} · block #{ready.head.number}</span>
        </div>
        <AccountBar />
        <nav aria-label="Pages">
          {PAGES.map(([path, label]) => (
            <a href={href(path)} aria-current={page === path ? 'page' : undefined}>{label}</a>
          ))}
        </nav>
      </header>
      <main><CouncilKeyContext.Provider value={councilKey}>{pageFor(page, id)}</CouncilKeyContext.Provider></main>
    </ReadyContext.Provider>
  );
}

function pageFor(page: string, id?: string) {
  switch (page) {
    case 'requests': return id === undefined ? <Requests /> : <RequestDetail id={Number(id)} />;
    case 'incidents': return id === undefined ? <Incidents /> : <RequestDetail id={Number(id)} />;
    case 'votes': return <MyVotes />;
    case 'claim': return <FileClaim />;
    case 'disclosure': return <FileDisclosure />;
    case 'reveal': return <Reveal />;
    case 'council': return <Council />;
    default: return <Overview />;
  }
}
