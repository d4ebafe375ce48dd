import { describe, expect, it } from 'vitest';
import { formatHlc, HybridLogicalClock, parseHlc } from '../../../shared/sync/hlc';
import { uuidv7 } from '../../../shared/util/ids';

describe('hybrid logical clock', () => {
  it('orders a device’s changes even when its wall clock stands still or goes back', () => {
    let wall = 1_700_000_000_000;
    const clock = new HybridLogicalClock('dev-a', () => wall);
    const a = clock.now();
    const b = clock.now();
    wall -= 60_000; // the laptop's clock is corrected backwards
    const c = clock.now();
    expect(a < b && b < c).toBe(true);
    expect(parseHlc(c)).toMatchObject({ ms: 1_700_000_000_000, counter: 2, deviceId: 'dev-a' });
  });

  it('moves past a change merged from a laptop whose clock is ahead, but not years ahead', () => {
    const wall = 1_700_000_000_000;
    const clock = new HybridLogicalClock('dev-a', () => wall);
    const remote = new HybridLogicalClock('dev-b', () => wall + 5_000).now();
    clock.receive(remote);
    expect(clock.now() > remote).toBe(true);
    const wild = new HybridLogicalClock('dev-c', () => wall + 3 * 365 * 86_400_000).now();
    clock.receive(wild);
    expect(parseHlc(clock.now()).ms).toBeLessThan(wall + 86_400_000);
  });

  it('resumes after the newest stored timestamp, but never from one stored from the future', () => {
    const clock = new HybridLogicalClock('dev-a', () => 1_699_999_000_000, '1700000000000-00007-dev-a');
    expect(clock.now()).toBe('1700000000000-00008-dev-a');
    const wall = 1_700_000_000_000;
    const future = formatHlc({ ms: wall + 50 * 365 * 86_400_000, counter: 0, deviceId: 'dev-x' });
    expect(parseHlc(new HybridLogicalClock('dev-a', () => wall, future).now()).ms).toBe(wall);
  });

  it('stamps a local write after the value it replaces, whatever the wall clock says', () => {
    const wall = 1_700_000_000_000;
    const clock = new HybridLogicalClock('dev-a', () => wall);
    // A value from a laptop 25 hours ahead (accepted by a person): the write sorts after it, the clock stays.
    const ahead = formatHlc({ ms: wall + 25 * 3_600_000, counter: 4, deviceId: 'dev-b' });
    const w = clock.after(ahead);
    expect(w > ahead).toBe(true);
    expect(parseHlc(w)).toMatchObject({ ms: wall + 25 * 3_600_000, counter: 5, deviceId: 'dev-a' });
    expect(parseHlc(clock.now()).ms).toBe(wall);
    // A value a few minutes ahead moves the clock as a received stamp does.
    const near = formatHlc({ ms: wall + 300_000, counter: 0, deviceId: 'dev-b' });
    expect(clock.after(near) > near).toBe(true);
    expect(parseHlc(clock.now()).ms).toBe(wall + 300_000);
    // A floor behind the clock changes nothing.
    expect(parseHlc(clock.after('0000000000001-00000-dev-b')).ms).toBe(wall + 300_000);
  });

  it('refuses a malformed timestamp', () => {
    expect(() => parseHlc('yesterday')).toThrow('无效的时间戳');
  });
});

describe('client ids', () => {
  it('are UUID version 7, unique, and sort by creation time', () => {
    const ids = [uuidv7(1_000), uuidv7(2_000), uuidv7(3_000)];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7())).size).toBe(1000);
  });
});
