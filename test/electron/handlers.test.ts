import { describe, expect, it, vi } from 'vitest';
import { appInfo } from '../../electron/handlers/appInfo';
import { openFiles } from '../../electron/handlers/openFiles';
import { printPdf } from '../../electron/handlers/printPdf';
import { saveFile } from '../../electron/handlers/saveFile';
import { listSystemFonts, readSystemFont, systemFontsDirs } from '../../electron/handlers/systemFonts';
import { createPdfPrinter, PRINT_PARTITION, type PrintWindowLike } from '../../electron/printWindow';
import { MemFs, bytes } from './fakes';

const DOCS = '/home/u/Documents';

describe('saveFile', () => {
  function deps(fs: MemFs, result: { canceled: boolean; filePath?: string }) {
    return { fs, defaultDir: DOCS, lastDir: { current: null as string | null }, showSaveDialog: vi.fn(async () => result) };
  }

  it('writes to a temporary file, then renames it over the target', async () => {
    const fs = new MemFs();
    fs.put(`${DOCS}/评分表.xlsx`, 'OLD');
    const d = deps(fs, { canceled: false, filePath: `${DOCS}/评分表.xlsx` });
    const result = await saveFile({ defaultName: '评分表.xlsx', filters: [], data: bytes('NEW') }, d);

    expect(result).toEqual({ saved: true, path: `${DOCS}/评分表.xlsx` });
    expect(fs.text(`${DOCS}/评分表.xlsx`)).toBe('NEW');
    const [write, rename] = fs.mutations();
    expect(write.op).toBe('writeFile');
    expect(write.args[0]).toMatch(/^\/home\/u\/Documents\/评分表\.xlsx\.[0-9a-f]+\.tmp$/);
    expect(rename).toEqual({ op: 'rename', args: [write.args[0], `${DOCS}/评分表.xlsx`] });
    expect(fs.mutations()).toHaveLength(2);
    expect([...fs.files.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(d.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: `${DOCS}/评分表.xlsx` }));
  });

  it('reports a cancelled dialog and writes nothing', async () => {
    const fs = new MemFs();
    const result = await saveFile({ defaultName: 'a.pdf', filters: [], data: bytes('x') }, deps(fs, { canceled: true }));
    expect(result).toEqual({ saved: false });
    expect(fs.mutations()).toEqual([]);
  });

  it('keeps the old file and removes the temporary one when the rename fails (file open in Excel)', async () => {
    const fs = new MemFs();
    fs.put(`${DOCS}/a.xlsx`, 'OLD');
    fs.failures.push({ op: 'rename', code: 'EBUSY' });
    const call = saveFile({ defaultName: 'a.xlsx', filters: [], data: bytes('NEW') }, deps(fs, { canceled: false, filePath: `${DOCS}/a.xlsx` }));
    await expect(call).rejects.toThrow('保存失败：文件正被其他程序（如 Excel、WPS）占用，请关闭后重试');
    expect(fs.text(`${DOCS}/a.xlsx`)).toBe('OLD');
    expect([...fs.files.keys()]).toEqual([`${DOCS}/a.xlsx`]);
  });

  it('opens the next dialog in the folder used last', async () => {
    const fs = new MemFs();
    fs.put('/mnt/usb/.keep', '');
    const d = deps(fs, { canceled: false, filePath: '/mnt/usb/a.xlsx' });
    await saveFile({ defaultName: 'a.xlsx', filters: [], data: bytes('1') }, d);
    await saveFile({ defaultName: 'b.xlsx', filters: [], data: bytes('2') }, d);
    expect(d.showSaveDialog.mock.calls[1]).toEqual([expect.objectContaining({ defaultPath: '/mnt/usb/b.xlsx' })]);
  });
});

describe('openFiles', () => {
  function deps(fs: MemFs, filePaths: string[], canceled = false) {
    return { fs, defaultDir: DOCS, lastDir: { current: null }, showOpenDialog: vi.fn(async () => ({ canceled, filePaths })) };
  }

  it('returns the chosen files by name', async () => {
    const fs = new MemFs();
    fs.put(`${DOCS}/对象清单.xlsx`, 'XLSX');
    const files = await openFiles({ filters: [], multiple: false, maxBytes: 1024 }, deps(fs, [`${DOCS}/对象清单.xlsx`]));
    expect(files).toEqual([{ name: '对象清单.xlsx', data: bytes('XLSX') }]);
  });

  it('refuses a file over the limit with its size in MB and reads none of them', async () => {
    const fs = new MemFs();
    fs.put(`${DOCS}/small.xlsx`, 'ok');
    fs.put(`${DOCS}/huge.xlsx`, new Uint8Array(3 * 1024 * 1024));
    const call = openFiles(
      { filters: [], multiple: true, maxBytes: 2 * 1024 * 1024 },
      deps(fs, [`${DOCS}/small.xlsx`, `${DOCS}/huge.xlsx`]),
    );
    await expect(call).rejects.toThrow('文件“huge.xlsx”大小为 3 MB，超过允许的 2 MB，未打开任何文件');
    expect(fs.calls.filter((c) => c.op === 'readFile')).toEqual([]);
  });

  it('returns an empty list when the dialog is cancelled', async () => {
    const fs = new MemFs();
    expect(await openFiles({ filters: [], multiple: false, maxBytes: 10 }, deps(fs, [], true))).toEqual([]);
    expect(fs.calls).toEqual([]);
  });

  it('opens only the first file unless several were asked for', async () => {
    const fs = new MemFs();
    fs.put('/a/1.csv', '1');
    fs.put('/a/2.csv', '2');
    const files = await openFiles({ filters: [], multiple: false, maxBytes: 10 }, deps(fs, ['/a/1.csv', '/a/2.csv']));
    expect(files.map((f) => f.name)).toEqual(['1.csv']);
  });

  it('says which file could not be read', async () => {
    const fs = new MemFs();
    await expect(openFiles({ filters: [], multiple: false, maxBytes: 10 }, deps(fs, ['/a/gone.csv']))).rejects.toThrow(
      '无法打开文件“gone.csv”：文件或文件夹不存在',
    );
  });
});

describe('system fonts', () => {
  it('finds the Windows font folders', () => {
    expect(systemFontsDirs('win32', { WINDIR: 'D:\\Windows', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' })).toEqual([
      'D:\\Windows\\Fonts',
      'C:\\Users\\u\\AppData\\Local\\Microsoft\\Windows\\Fonts',
    ]);
    expect(systemFontsDirs('win32', {})).toEqual(['C:\\Windows\\Fonts']);
    expect(systemFontsDirs('linux', { WINDIR: 'C:\\Windows' })).toEqual([]);
  });

  it('lists the known Chinese faces present, whatever the case of the file name', async () => {
    const fs = new MemFs();
    fs.put('/win/Fonts/SIMFANG.TTF', 'F');
    fs.put('/win/Fonts/simhei.ttf', 'H');
    fs.put('/win/Fonts/arial.ttf', 'A');
    fs.put('/user/Fonts/FZXBSJW.TTF', 'X');
    const fonts = await listSystemFonts({ fs, fontsDirs: ['/win/Fonts', '/user/Fonts'] });
    expect(fonts).toEqual([
      { file: 'SIMFANG.TTF', face: '仿宋' },
      { file: 'simhei.ttf', face: '黑体' },
      { file: 'FZXBSJW.TTF', face: '方正小标宋简体' },
    ]);
    expect(await readSystemFont({ file: 'FZXBSJW.TTF' }, { fs, fontsDirs: ['/win/Fonts', '/user/Fonts'] })).toEqual(bytes('X'));
  });

  it('offers no system font outside Windows', async () => {
    expect(await listSystemFonts({ fs: new MemFs(), fontsDirs: [] })).toEqual([]);
    await expect(readSystemFont({ file: 'simfang.ttf' }, { fs: new MemFs(), fontsDirs: [] })).rejects.toThrow('本机未安装字体“仿宋”');
  });

  it('reads only known font files from the font folders', async () => {
    const fs = new MemFs();
    fs.put('/win/Fonts/arial.ttf', 'A');
    const deps = { fs, fontsDirs: ['/win/Fonts'] };
    await expect(readSystemFont({ file: 'arial.ttf' }, deps)).rejects.toThrow('字体文件名无效');
    await expect(readSystemFont({ file: '../../etc/simfang.ttf' }, deps)).rejects.toThrow('字体文件名无效');
    await expect(readSystemFont({ file: 'simfang.ttf' }, deps)).rejects.toThrow('本机未安装字体“仿宋”');
    expect(fs.calls.filter((c) => c.op === 'readFile')).toEqual([]);
  });

  it('refuses an implausibly large font file', async () => {
    const fs = new MemFs();
    fs.put('/win/Fonts/simkai.ttf', new Uint8Array(65 * 1024 * 1024));
    await expect(readSystemFont({ file: 'simkai.ttf' }, { fs, fontsDirs: ['/win/Fonts'] })).rejects.toThrow('字体“楷体”文件过大');
  });
});

describe('printing', () => {
  it('prints from a temporary PDF and removes it afterwards, also on failure', async () => {
    const fs = new MemFs();
    fs.put('/tmp/.keep', '');
    const seen: string[] = [];
    const printFile = vi.fn(async (file: string, _title: string) => {
      seen.push(fs.text(file)!);
    });
    await printPdf({ data: bytes('%PDF-1.7'), title: '整改通知书' }, { fs, tempDir: '/tmp', printFile });
    expect(seen).toEqual(['%PDF-1.7']);
    expect(printFile.mock.calls[0][0]).toMatch(/^\/tmp\/zwgk-print-[0-9a-f]+\.pdf$/);
    expect(printFile.mock.calls[0][1]).toBe('整改通知书');
    expect([...fs.files.keys()]).toEqual(['/tmp/.keep']);

    printFile.mockRejectedValueOnce(new Error('打印失败：打印机未能完成打印任务'));
    await expect(printPdf({ data: bytes('%PDF'), title: 'x' }, { fs, tempDir: '/tmp', printFile })).rejects.toThrow('打印失败');
    expect([...fs.files.keys()]).toEqual(['/tmp/.keep']);
  });

  function fakeWindow(result: [boolean, string]) {
    const win = {
      loadURL: vi.fn(async () => undefined),
      webContents: { print: vi.fn((_o: unknown, cb: (ok: boolean, reason: string) => void) => cb(...result)) },
      destroyed: false,
      isDestroyed() {
        return this.destroyed;
      },
      destroy: vi.fn(function (this: { destroyed: boolean }) {
        this.destroyed = true;
      }),
    };
    return win;
  }

  it('opens the PDF in a hidden, isolated window and shows the print dialog', async () => {
    const win = fakeWindow([true, '']);
    const createWindow = vi.fn(() => win as unknown as PrintWindowLike);
    const print = createPdfPrinter({ createWindow, delay: async () => undefined });
    await print('/tmp/zwgk-print-1.pdf', '整改通知书');

    const options = createWindow.mock.calls[0][0 as never] as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ partition: PRINT_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true });
    expect(options.webPreferences.preload).toBeUndefined();
    expect(win.loadURL).toHaveBeenCalledWith('file:///tmp/zwgk-print-1.pdf');
    expect(win.webContents.print).toHaveBeenCalledWith({ silent: false, printBackground: true }, expect.any(Function));
    expect(win.destroy).toHaveBeenCalled();
  });

  it('treats a cancelled print dialog as no error, and a printer failure as one', async () => {
    const cancelled = fakeWindow([false, 'Print job canceled']);
    await createPdfPrinter({ createWindow: () => cancelled as unknown as PrintWindowLike, delay: async () => undefined })('/tmp/a.pdf', 'x');
    expect(cancelled.destroy).toHaveBeenCalled();

    const failed = fakeWindow([false, 'Print job failed']);
    await expect(
      createPdfPrinter({ createWindow: () => failed as unknown as PrintWindowLike, delay: async () => undefined })('/tmp/a.pdf', 'x'),
    ).rejects.toThrow('打印失败：打印机未能完成打印任务');
    expect(failed.destroy).toHaveBeenCalled();
  });
});

describe('appInfo', () => {
  it('reports version, platform and the data folders', () => {
    expect(appInfo({ version: '1.2.3', platform: 'win32', userDataDir: 'C:\\d', backupDir: 'C:\\d\\backups' })).toEqual({
      version: '1.2.3',
      platform: 'win32',
      dataDir: 'C:\\d',
      backupDir: 'C:\\d\\backups',
    });
  });
});
