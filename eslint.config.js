import tseslint from 'typescript-eslint';

// Boundaries (see DESIGN.md §4): shared/ is pure and imports nothing from the
// renderer, the main process, the DOM libraries or Electron; the renderer never
// imports Electron or the main process; the sync server (server/) imports only shared/.
export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'public/**', 'test-output/**', 'bench-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ must not import from renderer/ or electron/.' },
            { group: ['electron', 'react', 'react-dom', 'dexie', 'antd', 'zustand'], message: 'shared/ is pure logic: no UI, storage or Electron libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', '**/electron/**'], message: 'server/ may import shared/ only, never renderer/ or electron/.' },
            { group: ['electron', 'react', 'react-dom', 'dexie', 'antd', 'zustand'], message: 'server/ runs in Node: no UI, browser storage or Electron libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['electron', '**/electron/**'], message: 'The renderer talks to the desktop only through renderer/platform (window.desktop).' }],
        },
      ],
    },
  },
);
