/**
 * Draws the toolbar icons (a radar: rings and a sweep) as PNG files into public/icons.
 * Run once when the design changes: `npx tsx scripts/make-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function radar(size: number) {
  const c = (size - 1) / 2;
  return png(size, (x, y) => {
    // Supersample 4x4 for smooth edges.
    let cover = 0;
    let ring = 0;
    let sweep = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const dx = x + (i + 0.5) / 4 - 0.5 - c;
        const dy = y + (j + 0.5) / 4 - 0.5 - c;
        const d = Math.hypot(dx, dy) / (size / 2);
        if (d > 1) continue;
        cover++;
        if (Math.abs(d - 0.62) < 0.07 || Math.abs(d - 0.3) < 0.07) ring++;
        const angle = Math.atan2(dy, dx);
        if (angle > -Math.PI / 2 && angle < -Math.PI / 2 + 0.9 && d < 0.95) sweep++;
      }
    if (cover === 0) return [0, 0, 0, 0];
    const a = Math.round((cover / 16) * 255);
    if (ring > 0 && ring >= sweep) return [125, 211, 252, a];
    if (sweep > 0) return [250, 204, 21, a];
    return [15, 52, 96, a];
  });
}

const dir = resolve(import.meta.dirname, '../public/icons');
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(resolve(dir, `icon-${size}.png`), radar(size));
console.log(`icons written to ${dir}`);
