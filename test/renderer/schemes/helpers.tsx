import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import Dexie from 'dexie';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import SchemesPage from '../../../renderer/features/schemes/SchemesPage';
import { SchemeRepository } from '../../../renderer/features/schemes/schemeRepository';
import { setPlatform, type Platform } from '../../../renderer/platform';
import { useSessionStore } from '../../../renderer/store/sessionStore';

// The first render of antd's many components injects ~450 KB of styles into jsdom;
// allow for that, and for jsdom's getComputedStyle, which re-matches every rule on
// each call (antd's auto-sizing text areas call it on every render). A stub keeps
// these tests fast; layout is checked in the Chromium e2e test instead.
const emptyStyle = new Proxy({} as CSSStyleDeclaration, { get: (_t, k) => (k === 'getPropertyValue' ? () => '0px' : k === 'length' ? 0 : '0px') });
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
window.getComputedStyle = (() => emptyStyle) as typeof window.getComputedStyle;

export async function newSession(): Promise<{ session: Session; repo: SchemeRepository; dbName: string }> {
  const dbName = `schemes-${Math.random().toString(36).slice(2)}`;
  let session = await openSession(new InspectorDatabase(dbName));
  session = await saveProfile(session, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  useSessionStore.setState({ session, error: null });
  return { session, repo: new SchemeRepository(session.db, session.logger), dbName };
}

export async function closeSession(session: Session, dbName: string): Promise<void> {
  useSessionStore.setState({ session: null });
  setPlatform(undefined);
  // The editor writes its draft once more when it unmounts; let that finish before closing.
  await new Promise((r) => setTimeout(r, 100));
  session.db.close();
  await Dexie.delete(dbName);
}

/** The 考核方案 page as the app mounts it (under /schemes/*), starting at `path`. */
export function renderSchemes(path = '/schemes') {
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/schemes/*" element={<SchemesPage />} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </ConfigProvider>,
  );
}

/** A platform whose file picker returns the given file and whose saves are recorded. */
export function fakePlatform(file: { name: string; bytes: Uint8Array } | null): { platform: Platform; saved: { name: string; data: Uint8Array }[] } {
  const saved: { name: string; data: Uint8Array }[] = [];
  const platform: Platform = {
    kind: 'browser',
    async saveFile(name, data) {
      saved.push({ name, data });
      return true;
    },
    async pickFiles() {
      return file ? [file] : [];
    },
    async printPdf() {},
    appVersion: async () => 'test',
    dataLocation: async () => 'test',
    saveStream: async () => null,
    openStream: async () => null,
  };
  setPlatform(platform);
  return { platform, saved };
}
