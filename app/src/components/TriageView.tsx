// The council's triage of a disclosure: pending until a deadline, judged, missed or exempt.
import type { Triage } from '../chain/types';
import { Countdown } from './Countdown';

export function TriageView({ triage }: { triage?: Triage }) {
  if (!triage) return <span>No triage on this chain.</span>;
  switch (triage.kind) {
    case 'Pending': return <span class="triage pending">Awaiting the council's verdict, due <Countdown to={triage.due} /></span>;
    case 'Judged': {
      const { verdict } = triage;
      const text = verdict.kind === 'Downgraded' ? `Downgraded to ${verdict.severity}` : verdict.kind;
      return <span class={`triage judged ${verdict.kind.toLowerCase()}`} data-verdict={verdict.kind}>{text} by the council at #{triage.at}</span>;
    }
    case 'Missed': return <span class="triage missed">The council missed its deadline (#{triage.at}); it goes on at the claimed severity.</span>;
    default: return <span class="triage exempt">Filed before triage existed.</span>;
  }
}
