// Phone-sized test pictures for the photo benches: 12 MP JPEGs (4000×3000, noise
// under a coloured gradient, quality 0.9 — about as hard to decode as a phone
// photo), drawn on an OffscreenCanvas in the bench page.

export const PICTURE_WIDTH = 4000;
export const PICTURE_HEIGHT = 3000;

/** `count` distinct pictures; the n-th gradient starts at hue n × `hueStep`; `numbered` writes #n on each. */
export async function phonePictures(count: number, hueStep: number, numbered: boolean): Promise<Blob[]> {
  const W = PICTURE_WIDTH;
  const H = PICTURE_HEIGHT;
  const canvas = new OffscreenCanvas(W, H);
  const g = canvas.getContext('2d')!;
  const noise = g.createImageData(W, H);
  const px = new Uint32Array(noise.data.buffer);
  let seed = 12345;
  for (let i = 0; i < px.length; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    px[i] = seed | 0xff000000;
  }
  const out: Blob[] = [];
  for (let n = 0; n < count; n++) {
    g.putImageData(noise, 0, 0);
    const grad = g.createLinearGradient(0, 0, W, H);
    grad.addColorStop(0, `hsla(${n * hueStep}, 70%, 50%, 0.75)`);
    grad.addColorStop(1, `hsla(${n * hueStep + 120}, 70%, 60%, 0.75)`);
    g.fillStyle = grad;
    g.fillRect(0, 0, W, H);
    if (numbered) {
      g.fillStyle = '#fff';
      g.font = 'bold 300px sans-serif';
      g.fillText(`#${n + 1}`, 200, 600);
    }
    out.push(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }));
  }
  return out;
}
