import { create } from 'zustand';

/** Whether the screens are covered. Starts locked: the app opens behind the lock when one is set. */
interface LockState {
  locked: boolean;
  lock(): void;
  unlock(): void;
}

export const useLockStore = create<LockState>((set) => ({
  locked: true,
  lock: () => set({ locked: true }),
  unlock: () => set({ locked: false }),
}));
