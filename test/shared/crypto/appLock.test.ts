import { describe, expect, it } from 'vitest';
import { checkCredential, credentialProblem, FREE_TRIES, LOCK_ITERATIONS, makeCredential, waitAfter } from '../../../shared/crypto/appLock';

describe('app lock rules', () => {
  it('keeps a salted PBKDF2 hash, never the PIN, and accepts only the same PIN', async () => {
    const a = await makeCredential('pin', '246810');
    const b = await makeCredential('pin', '246810');
    expect(JSON.stringify(a)).not.toContain('246810');
    expect(a.iterations).toBeGreaterThanOrEqual(LOCK_ITERATIONS);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await checkCredential(a, '246810')).toBe(true);
    expect(await checkCredential(a, '246811')).toBe(false);
    expect(await checkCredential(a, '')).toBe(false);
  });

  it('refuses weak secrets with a Chinese reason', async () => {
    expect(credentialProblem('pin', '1234')).toBe('PIN 码须为 6 至 12 位数字');
    expect(credentialProblem('pin', '12345a')).toBe('PIN 码须为 6 至 12 位数字');
    expect(credentialProblem('password', '短密码')).toBe('密码至少 8 位');
    expect(credentialProblem('password', '12345678')).toContain('不能全是数字');
    expect(credentialProblem('password', '检查组密码abc')).toBeNull();
    await expect(makeCredential('pin', '12')).rejects.toThrow('PIN 码须为 6 至 12 位数字');
  });

  it('lets five wrong tries pass, then makes each wait longer, up to an hour', () => {
    expect([0, 1, 4].map(waitAfter)).toEqual([0, 0, 0]);
    expect(waitAfter(FREE_TRIES)).toBe(30_000);
    expect(waitAfter(FREE_TRIES + 1)).toBe(60_000);
    expect(waitAfter(FREE_TRIES + 2)).toBe(120_000);
    expect(waitAfter(40)).toBe(3_600_000);
  });
});
