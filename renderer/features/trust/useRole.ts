import { useLiveQuery } from 'dexie-react-hooks';
import { isLeadRole } from '../../../shared/trust/office';
import { useSession } from '../../store/sessionStore';
import { currentMember, LEAD_ONLY, type CurrentMember } from './officeKeys';

export interface LeadRole {
  /** Undefined while loading. */
  member: CurrentMember | null | undefined;
  /** The team lead's work is allowed (a lone laptop: yes). */
  mayLead: boolean;
  /** Why a button is disabled, or undefined when allowed. */
  reason: string | undefined;
}

/** The current member and whether they may do the team lead's work, kept live. */
export function useLeadRole(): LeadRole {
  const { db } = useSession();
  const member = useLiveQuery(() => currentMember(db), [db]);
  const mayLead = member === null || (member !== undefined && isLeadRole(member.role));
  return { member, mayLead, reason: mayLead || member === undefined ? undefined : `${LEAD_ONLY}（本机人员：${member.name}，检查员）` };
}
