// The council's triage of a disclosure: pending until a deadline, judged, missed or exempt.
import type { Triage } from '../chain/pool';
import { Countdown } from './Countdown';

/** `triage` is unknown for a finished disclosure rebuilt from its events. */
export function TriageView({ triage }: { triage?: Triage }) {
  if (!triage) return <span>Not known for a finished disclosure.</span>;
  switch (triage.type) {
    case 'Pending': return <span class="triage pending">Awaiting the council's verdict, due <Countdown to={triage.value.due} /></span>;
    case 'Judged': {
      const { verdict, at } = triage.value;
      const text = verdict.type === 'Downgraded' ? `Downgraded to ${verdict.value.type}` : verdict.type;
      return <span class={`triage judged ${verdict.type.toLowerCase()}`} data-verdict={verdict.type}>{text} by the council at #{at}</span>;
    }
    case 'Missed': return <span class="triage missed">The council missed its deadline (#{triage.value.at}); it goes on at the claimed severity.</span>;
    default: return <span class="triage exempt">Filed before triage existed.</span>;
  }
}
