import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserPlatform, fileSource } from '../../../renderer/platform/browserPlatform';
import { readAll, writeAll } from '../../../renderer/platform/platform';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

afterEach(() => {
  delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  vi.restoreAllMocks();
});

describe('browser streamed files', () => {
  it('without the save picker, collects the chunks and downloads one file at close', async () => {
    const made: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      made.push(b as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const sink = (await createBrowserPlatform().saveStream('备份.zwgkbak'))!;
    await sink.write(bytes('PK'));
    expect(clicks).toEqual([]); // nothing downloaded before close
    expect(await writeAll(sink, bytes('-data'))).toEqual({ name: '备份.zwgkbak', bytes: 7 });
    expect(clicks).toEqual(['备份.zwgkbak']);
    expect(text(new Uint8Array(await made[0].arrayBuffer()))).toBe('PK-data');
    await expect(sink.write(bytes('late'))).rejects.toThrow('文件已关闭，无法继续写入');
  });

  it('with the save picker, writes each chunk straight to the chosen file; cancelling gives null', async () => {
    const written: string[] = [];
    const writable = { write: vi.fn(async (c: Uint8Array) => void written.push(text(c))), close: vi.fn(async () => undefined), abort: vi.fn(async () => undefined) };
    const picker = vi.fn(async () => ({ createWritable: async () => writable }));
    (window as { showSaveFilePicker?: unknown }).showSaveFilePicker = picker;
    const sink = (await createBrowserPlatform().saveStream('同步.zwgksync', [{ name: '检查助手同步数据包', extensions: ['zwgksync'] }]))!;
    await sink.write(bytes('a'));
    await sink.write(bytes('b'));
    expect(await sink.close()).toEqual({ name: '同步.zwgksync', bytes: 2 });
    expect(written).toEqual(['a', 'b']);
    expect(picker).toHaveBeenCalledWith(expect.objectContaining({ suggestedName: '同步.zwgksync', types: [{ description: '检查助手同步数据包', accept: { 'application/octet-stream': ['.zwgksync'] } }] }));

    picker.mockRejectedValueOnce(new DOMException('cancelled', 'AbortError'));
    expect(await createBrowserPlatform().saveStream('x.pdf')).toBeNull();
  });

  it('reads a chosen file in ranges through File.slice', async () => {
    const src = fileSource(new File(['0123456789'], 'b.zwgkbak'));
    expect(src).toMatchObject({ name: 'b.zwgkbak', size: 10 });
    expect(text(await src.read(7, 100))).toBe('789');
    expect(text(await readAll(src))).toBe('0123456789');
    await expect(src.read(11, 1)).rejects.toThrow('读取位置超出文件“b.zwgkbak”的末尾');
  });
});
