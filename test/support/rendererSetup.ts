import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';

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
