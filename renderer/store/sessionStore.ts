import { create } from 'zustand';
import type { InspectorProfile } from '../../shared/domain/profile';
import { openSession, saveProfile, type Session } from '../db/session';

interface SessionState {
  session: Session | null;
  error: string | null;
  load(): Promise<void>;
  updateProfile(profile: InspectorProfile): Promise<void>;
}

/** The open database and the inspector's identity, shared by every screen. */
export const useSessionStore = create<SessionState>((set, get) => ({
  session: null,
  error: null,
  async load() {
    try {
      set({ session: await openSession(), error: null });
    } catch (e) {
      set({ error: e instanceof Error ? e.message : String(e) });
    }
  },
  async updateProfile(profile) {
    const s = get().session;
    if (!s) return;
    set({ session: await saveProfile(s, profile) });
  },
}));

/** The loaded session; screens below the start-up gate can rely on it. */
export function useSession(): Session {
  const s = useSessionStore((st) => st.session);
  if (!s) throw new Error('数据库尚未打开');
  return s;
}
