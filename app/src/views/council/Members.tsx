// Who is on the council, whether the signing account is, and the share of the members each power
// takes by motion (the client package's shares, so the ayes a motion needs of this council).
import { ayesFor, COUNCIL_SHARES } from '@security-pool/client/rules';
import { Address } from '../../components/Address';
import { useReady } from '../../state/context';

/** The council's powers in words, by the pool's (or the council's) call. */
const POWERS: [keyof typeof COUNCIL_SHARES, string][] = [
  ['veto', 'Veto a request in its timelock, or a disclosure waiting unproven'],
  ['cancel', 'Cancel a request while it is voted on'],
  ['triage', 'Record a triage verdict on a disclosure'],
  ['setTriageKey', 'Publish the triage key'],
  ['setParameters', 'Set the pool\'s parameters'],
  ['setFeeShare', 'Set the pool\'s fee share'],
  ['setMembers', 'Set the council\'s members'],
];

/** Whether `selected` is on the council. */
export function useMembership(): { members: string[]; member: boolean } {
  const { snapshot, selected } = useReady();
  const members = snapshot.council?.members ?? [];
  return { members, member: selected !== undefined && members.includes(selected) };
}

export function Members() {
  const { selected } = useReady();
  const { members, member } = useMembership();
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members ({members.length})</h2>
      <ul class="members" id="council-members">
        {members.map((address) => (
          <li data-member={address} class={address === selected ? 'selected' : undefined}>
            <Address address={address} />{address === selected && <strong> (signing)</strong>}
          </li>
        ))}
      </ul>
      <p id="membership" data-member={String(member)}>
        {member
          ? 'The account chosen above is a member: it proposes motions and votes on them.'
          : 'The account chosen above is not a member: it may close a motion that can be closed, but neither propose nor vote.'}
      </p>
      <table class="powers" id="council-powers">
        <caption>What each power takes by motion, of {members.length} members</caption>
        <thead><tr><th scope="col">Power</th><th scope="col">Share of the members</th><th scope="col">Ayes needed</th></tr></thead>
        <tbody>
          {POWERS.map(([power, words]) => {
            const [numerator, denominator] = COUNCIL_SHARES[power];
            const ayes = ayesFor(members.length, COUNCIL_SHARES[power]);
            return (
              <tr data-power={power} data-ayes={ayes}>
                <th scope="row">{words}</th>
                <td>{numerator}/{denominator}</td>
                <td>{ayes} of {members.length}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
