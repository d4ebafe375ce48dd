import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { userMessage } from '../../../renderer/platform/userErrors';

const HAS_LATIN_WORD = /[A-Za-z]{3,}/;
let db: Dexie | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('errors shown to the user', () => {
  it('explains a full disk (QuotaExceededError) in Chinese with what to do', () => {
    const message = userMessage(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(message).toMatch(/^本机存储空间不足/);
    expect(message).toContain('请清理磁盘空间');
    expect(message).not.toMatch(HAS_LATIN_WORD);
  });

  it('finds the disk-full cause inside an aborted Dexie transaction', () => {
    const aborted = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('quota', 'QuotaExceededError') });
    expect(userMessage(aborted)).toMatch(/^本机存储空间不足/);
  });

  it('explains a ConstraintError raised by IndexedDB on a duplicate record', async () => {
    db = new Dexie(`errors-${Math.random()}`);
    db.version(1).stores({ targets: 'id' });
    await db.table('targets').add({ id: 'a' });
    const error = await db
      .table('targets')
      .bulkAdd([{ id: 'b' }, { id: 'a' }])
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).not.toBeNull();
    const message = userMessage(error);
    expect(message).toMatch(/^数据与本机已有的记录冲突/);
    expect(message).not.toMatch(HAS_LATIN_WORD);
    // The same error while restoring a backup: the backup is damaged or edited, and another one is the way out.
    const restoring = userMessage(error, 'restore');
    expect(restoring).toMatch(/^备份中有编号重复的记录.*请改用另一份备份/);
    expect(restoring).not.toMatch(HAS_LATIN_WORD);
  });

  it('explains invalid JSON in a file, and keeps a Chinese message as it is', () => {
    let parseError: unknown;
    try {
      JSON.parse('{"tables": [');
    } catch (e) {
      parseError = e;
    }
    expect(userMessage(parseError)).toMatch(/^文件内容不是有效的数据格式/);
    expect(userMessage(new Error('备份文件已损坏：manifest.json 校验失败'))).toBe('备份文件已损坏：manifest.json 校验失败');
  });

  it('never shows an English sentence, even for an error it does not know', () => {
    const message = userMessage(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(message).toBe('发生未知错误，请重试；如反复出现，请联系技术支持（错误类型：TypeError）');
    expect(userMessage('boom')).toMatch(/^发生未知错误/);
    expect(userMessage(new RangeError('Array buffer allocation failed'))).toMatch(/^内存不足/);
  });
});
