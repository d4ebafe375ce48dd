import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy*/waitFor give up after this long: a ceiling for a loaded machine, not a wait
// (they return as soon as the element is there).
configure({ asyncUtilTimeout: 30000 });

// jsdom lacks these browser APIs that antd's responsive helpers and layout use.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}
if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
const originalGetComputedStyle = window.getComputedStyle;
window.getComputedStyle = (elt: Element) => originalGetComputedStyle(elt);

// Photo blobs go through IndexedDB's structured clone; fake-indexeddb clones with
// Node's structuredClone, which keeps Node's Blob (with arrayBuffer()) intact but
// not jsdom's. Use Node's Blob so stored photos read back as in a browser.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
globalThis.Blob = NodeBlob as unknown as typeof Blob;
globalThis.File = NodeFile as unknown as typeof File;
