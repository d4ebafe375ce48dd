import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, completeFirstRun, launchBrowser, newAppPage, screenshot, whenOpen } from './browser';
import { prepareRound, UNIT } from './flows';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'photos');
const OUT = join(process.cwd(), 'test-output', 'photos');
const fx = (...names: string[]) => names.map((n) => join(FIXTURES, n));

let browser: Browser;
let hugeFile: string;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
  // A 100 MB "photo" (sparse: takes no disk space); the app must refuse it from its size.
  hugeFile = join(OUT, '全景拼接_100MB.jpg');
  const fd = openSync(hugeFile, 'w');
  ftruncateSync(fd, 100 * 1024 * 1024);
  closeSync(fd);
});
afterAll(async () => {
  await browser?.close();
});

async function openGalleryFor(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '照片库' }).click();
  await page.getByRole('heading', { name: '照片库' }).waitFor();
  await page.getByLabel('被检查单位').click();
  await page.getByTitle(UNIT).click();
  await page.getByTestId('watermark-state').filter({ hasText: '水印：开' }).waitFor();
}

async function addFiles(page: Page, files: string[]): Promise<void> {
  await page.getByTestId('photo-file-input').setInputFiles(files);
  await page.getByTestId('photo-batch-summary').waitFor();
}

/**
 * Closes the photo viewer with its close button. Escape reaches the viewer only
 * while the focus is inside it, which after a confirmation closes is not sure.
 */
async function closeViewer(page: Page): Promise<void> {
  await page.locator('.photo-viewer-modal .ant-modal-close').click();
  await page.getByTestId('photo-viewer').waitFor({ state: 'hidden' });
}

describe('照片库 in the web build', () => {
  it('attaches phone photos to a unit of a round, refuses bad files, shows them, and keeps them after a reload', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await prepareRound(page);
    await openGalleryFor(page);

    await addFiles(page, [
      ...fx('hall-exif-gps.jpg', 'board-orient6.jpg', 'not-a-photo.jpg', 'corner-no-exif.jpg', 'empty.jpg', 'hall-cut-in-half.jpg', 'iphone.heic', 'animation.gif', 'sign.png'),
      hugeFile,
    ]);
    await expect.poll(() => page.getByTestId('photo-count').textContent()).toBe('共 4 张');
    const failures = page.getByTestId('photo-failures');
    await expect.poll(() => failures.textContent()).toContain('not-a-photo.jpg：文件内容不是图片（按文件内容识别，与扩展名无关），未导入');
    await expect.poll(() => failures.textContent()).toContain('empty.jpg：文件为空（0 字节）');
    await expect.poll(() => failures.textContent()).toContain('hall-cut-in-half.jpg：照片文件不完整或已损坏');
    await expect.poll(() => failures.textContent()).toContain('iphone.heic：暂不支持 HEIC 格式：请在手机「设置→相机→格式」选择「兼容性最佳」');
    await expect.poll(() => failures.textContent()).toContain('animation.gif：暂不支持 GIF 格式');
    await expect.poll(() => failures.textContent()).toContain('全景拼接_100MB.jpg：文件过大（100 MB）');
    await expect.poll(() => page.getByText('新增 4 张照片').count()).toBe(1);
    const cards = page.getByTestId('photo-card');
    await expect.poll(() => cards.count()).toBe(4);
    await expect.poll(() => page.getByText('拍摄 2024-06-12 10:23').count()).toBe(1);
    await expect.poll(() => page.getByTestId('photo-storage').textContent()).toMatch(/照片占用 [\d.]+ (KB|MB)（在用 4 张/);
    // Thumbnails really loaded.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid=photo-card] img')).filter((i) => (i as HTMLImageElement).naturalWidth > 0).length === 4);
    await screenshot(page, 'photos-01-gallery-with-failures');

    // The same photo again: recognised by its hash, not stored twice.
    await addFiles(page, fx('hall-exif-gps.jpg'));
    await page.getByText('1 张此前已添加，未重复添加').waitFor();
    await expect.poll(() => cards.count()).toBe(4);

    // Viewer: the photo shot with the phone turned (EXIF orientation 6) comes out upright.
    await cards.filter({ hasText: '拍摄 2024-06-12 10:31' }).locator('.photo-thumb').click();
    const viewer = page.getByTestId('photo-viewer');
    await viewer.waitFor();
    await expect.poll(() => viewer.getByTestId('photo-original').textContent()).toContain('900×1200');
    const img = viewer.locator('.photo-stage img');
    await page.waitForFunction(() => (document.querySelector('.photo-stage img') as HTMLImageElement | null)?.naturalWidth === 900);
    // The blue "UP" arrow painted in the scene's top-left corner ends up top-right after turning 90° clockwise (once, not twice).
    const arrow = await img.evaluate(async (el: HTMLImageElement) => {
      const bmp = await createImageBitmap(el);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d')!;
      g.drawImage(bmp, 0, 0);
      const at = (x: number, y: number) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3));
      return { size: [bmp.width, bmp.height], topRight: at(bmp.width - 90, 110), topLeft: at(90, 110) };
    });
    expect(arrow.size).toEqual([900, 1200]);
    expect(arrow.topRight[2]).toBeGreaterThan(arrow.topRight[0] + 40); // blue
    expect(arrow.topLeft[2]).toBeLessThan(arrow.topLeft[0] + 40); // sky, not arrow

    await viewer.getByLabel('照片说明').fill('专区公开栏未按要求更新');
    await viewer.getByTestId('caption-state').filter({ hasText: '已自动保存' }).waitFor();
    await viewer.getByRole('checkbox', { name: /用于报告/ }).check();
    await page.getByText('已标记为用于报告').waitFor();
    await viewer.getByRole('button', { name: '放大' }).click();
    await viewer.getByRole('button', { name: '放大' }).click();
    await expect.poll(() => viewer.getByTestId('photo-zoom').textContent()).toBe('156%');
    await screenshot(page, 'photos-02-viewer');

    // ← → move through the photos; the watermarked copy of the hall photo is saved for a look.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => viewer.getByTestId('photo-original').textContent()).toContain('hall-exif-gps.jpg');
    await expect.poll(() => viewer.getByTestId('photo-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await page.waitForFunction(() => (document.querySelector('.photo-stage img') as HTMLImageElement | null)?.naturalWidth === 1600);
    const download = page.waitForEvent('download');
    await viewer.getByRole('button', { name: '导出' }).click();
    const saved = join(OUT, 'watermarked-hall.jpg');
    await (await download).saveAs(saved);
    const jpeg = readFileSync(saved);
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect((await download).suggestedFilename()).toMatch(/^hall-exif-gps_[0-9a-f]{16}\.jpg$/);
    await screenshot(page, 'photos-03-viewer-watermarked');
    // Look at the stored copy itself, pixel for pixel.
    const look = await context.newPage();
    await look.setViewportSize({ width: 1600, height: 1200 });
    await look.setContent(`<body style="margin:0"><img style="display:block" src="data:image/jpeg;base64,${jpeg.toString('base64')}"></body>`);
    await look.waitForFunction(() => document.images[0]?.complete && document.images[0].naturalWidth === 1600);
    await look.screenshot({ path: join(OUT, 'watermarked-hall.png') });
    await look.close();
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    // After a reload everything is still there, caption and report mark included.
    await page.reload();
    await page.getByRole('heading', { name: '照片库' }).waitFor();
    await expect.poll(() => page.getByTestId('photo-card').count()).toBe(4);
    await expect.poll(() => page.getByText('专区公开栏未按要求更新').count()).toBe(1);
    await expect.poll(() => page.getByText('用于报告', { exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('deletes to the recycle bin, restores, and empties the bin for good', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await prepareRound(page);
    await openGalleryFor(page);
    await addFiles(page, fx('hall-exif-gps.jpg', 'sign.png'));
    const cards = page.getByTestId('photo-card');
    await expect.poll(() => cards.count()).toBe(2);
    // The space line counts both (it is read after the cards show, on a busy machine a moment later).
    await expect.poll(() => page.getByTestId('photo-storage').textContent()).toContain('在用 2 张');
    const before = await page.getByTestId('photo-storage').textContent();

    await cards.first().locator('.photo-thumb').click();
    await page.getByTestId('photo-viewer').getByRole('button', { name: '删除照片' }).click();
    await (await whenOpen(page.locator('.ant-modal-confirm'))).getByRole('button', { name: '删除', exact: true }).click();
    // Moved to the bin: the confirmation closes (its 3-second toast may be gone already on a busy machine).
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    await closeViewer(page);
    await expect.poll(() => cards.count()).toBe(1);

    await page.getByText('回收站', { exact: true }).click();
    const bin = page.getByTestId('photo-bin');
    await bin.waitFor();
    await screenshot(page, 'photos-04-recycle-bin');
    await bin.getByRole('button', { name: '恢复' }).click();
    await page.getByText('回收站为空').waitFor();
    await page.getByText('照片', { exact: true }).click();
    await expect.poll(() => cards.count()).toBe(2);

    await cards.first().locator('.photo-thumb').click();
    await page.getByTestId('photo-viewer').getByRole('button', { name: '删除照片' }).click();
    await (await whenOpen(page.locator('.ant-modal-confirm'))).getByRole('button', { name: '删除', exact: true }).click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    await expect.poll(() => cards.count()).toBe(1);
    await closeViewer(page);
    await page.getByText('回收站', { exact: true }).click();
    await page.getByRole('button', { name: '清空回收站' }).click();
    await (await whenOpen(page.locator('.ant-modal-confirm').filter({ hasText: '永久删除回收站中的 1 张照片？' }))).getByRole('button', { name: '永久删除' }).click();
    await page.getByText('回收站为空').waitFor();
    await expect.poll(() => page.getByTestId('photo-storage').textContent()).not.toBe(before);
    await expect.poll(() => page.getByTestId('photo-storage').textContent()).toContain('（在用 1 张');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes photos by paste, by drag and drop, and from the laptop camera', async () => {
    // A browser with Chromium's fake camera (a test pattern) and no permission prompt.
    const camBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    try {
      const { page, context, errors } = await newAppPage(camBrowser);
      await context.grantPermissions(['camera']);
      await completeFirstRun(page);
      await prepareRound(page);
      await openGalleryFor(page);
      const drop = page.getByTestId('photo-drop');
      const bytes = (name: string) => [...readFileSync(join(FIXTURES, name))];

      // Ctrl+V of a copied picture (a screenshot tool puts an unnamed image.png on the clipboard).
      await drop.evaluate((el, data) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], 'image.png', { type: 'image/png' }));
        el.focus();
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, bytes('sign.png'));
      await page.getByText('新增 1 张照片。').waitFor();
      await expect.poll(() => page.getByTestId('photo-card').count()).toBe(1);

      // Files dragged in from Explorer.
      await drop.evaluate((el, data) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data.a)], 'IMG_1001.jpg', { type: 'image/jpeg' }));
        dt.items.add(new File([new Uint8Array(data.b)], 'IMG_1002.jpg', { type: 'image/jpeg' }));
        el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, { a: bytes('corner-no-exif.jpg'), b: bytes('board-orient6.jpg') });
      await page.getByText('新增 2 张照片。').waitFor();
      await expect.poll(() => page.getByTestId('photo-card').count()).toBe(3);

      // The camera: a frame becomes a JPEG with today's capture time.
      await page.getByRole('button', { name: '拍照' }).click();
      const cam = page.locator('.ant-modal').filter({ hasText: '用摄像头拍照' });
      await cam.waitFor();
      const shoot = cam.getByRole('button', { name: '拍照' });
      await expect.poll(() => shoot.isEnabled({ timeout: 1000 })).toBe(true);
      await screenshot(page, 'photos-05-camera');
      await shoot.click();
      await cam.getByText('已拍摄 1 张，正在后台保存').waitFor();
      await cam.getByRole('button', { name: '完成' }).click();
      await expect.poll(() => page.getByTestId('photo-card').count()).toBe(4);
      const today = new Date();
      const p = (n: number) => String(n).padStart(2, '0');
      await expect.poll(() => page.getByText(`拍摄 ${today.getFullYear()}-${p(today.getMonth() + 1)}-${p(today.getDate())}`).count()).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await camBrowser.close();
    }
  });
});
