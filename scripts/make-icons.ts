// Draws the toolbar icon at every manifest size and writes PNGs to public/icon/.
// Drawn by code (4x4 supersampled) rather than exported from a design tool, so the icon is
// ours, reproducible, and crisp at 16 px next to a badge: a bold ring (the community circle)
// with a solid centre dot (live), no detail that would smear at small sizes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const INK: [number, number, number] = [0x3b, 0x4c, 0xe0];

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

function coverage(size: number, x: number, y: number): number {
  // Proportions tuned at 16 px: ring 2 px wide, 2 px gap, 4 px dot.
  const c = size / 2;
  const outer = size * 0.47;
  const inner = size * 0.31;
  const dot = size * 0.16;
  const d = Math.hypot(x - c, y - c);
  return (d <= outer && d >= inner) || d <= dot ? 1 : 0;
}

function draw(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) hits += coverage(size, x + (sx + 0.5) / n, y + (sy + 0.5) / n);
      }
      const i = (y * size + x) * 4;
      rgba.set([...INK, Math.round((255 * hits) / (n * n))], i);
    }
  }
  return rgba;
}

mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, png(size, draw(size)));
console.info(`wrote public/icon/{${SIZES.join(',')}}.png`);
