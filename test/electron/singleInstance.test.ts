import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, focusWindow, type FocusableWindow } from '../../electron/singleInstance';

function fakeApp(lockAvailable: boolean) {
  const listeners = new Map<string, () => void>();
  return {
    requestSingleInstanceLock: vi.fn(() => lockAvailable),
    quit: vi.fn(),
    on: vi.fn((event: string, listener: () => void) => listeners.set(event, listener)),
    emit: (event: string) => listeners.get(event)?.(),
  };
}

function fakeWindow(minimized: boolean): FocusableWindow & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
}

describe('single instance', () => {
  it('a second instance quits at once and opens no window', () => {
    const app = fakeApp(false);
    const getWindow = vi.fn(() => null);
    expect(claimSingleInstance(app, getWindow)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.on).not.toHaveBeenCalled();
  });

  it('the first instance keeps running and brings its window forward when launched again', () => {
    const app = fakeApp(true);
    const win = fakeWindow(true);
    expect(claimSingleInstance(app, () => win)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance');
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing when the window is already gone', () => {
    expect(() => focusWindow(null)).not.toThrow();
    const win = { ...fakeWindow(false), isDestroyed: () => true };
    focusWindow(win);
    expect(win.calls).toEqual([]);
  });
});
