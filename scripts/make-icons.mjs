#!/usr/bin/env node
// Draws Opsbar's icons as PNGs with plain Node (zlib): tray dots per severity at 16×16 and
// 32×32 (@2x) — a filled circle with a subtle darker ring; emergency adds a white "!" — and a 512×512 app icon.
// Usage: node scripts/make-icons.mjs   (writes resources/; the PNGs are committed)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COLORS = { ok: '#2ea043', warning: '#d29922', critical: '#da3633', unknown: '#8b949e' };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}
/** RGBA pixels (Float rows of [r,g,b,a] 0–255) → PNG bytes. */
function encodePng(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = Math.round(r);
      raw[o + 1] = Math.round(g);
      raw[o + 2] = Math.round(b);
      raw[o + 3] = Math.round(a);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const shade = (rgb, f) => rgb.map((v) => v * f);

/** Layers painted back to front; each `cover(x, y)` says whether a sample point is inside. */
function render(size, layers, samples = 4) {
  return encodePng(size, (px, py) => {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const x = px + (sx + 0.5) / samples;
        const y = py + (sy + 0.5) / samples;
        // "over" compositing of the layers at this sample, in premultiplied form
        let [sr, sg, sb, sa] = [0, 0, 0, 0];
        for (const layer of layers) {
          if (!layer.cover(x, y)) continue;
          const la = layer.alpha ?? 1;
          sr = layer.rgb[0] * la + sr * (1 - la);
          sg = layer.rgb[1] * la + sg * (1 - la);
          sb = layer.rgb[2] * la + sb * (1 - la);
          sa = la + sa * (1 - la);
        }
        r += sr;
        g += sg;
        b += sb;
        a += sa;
      }
    }
    const n = samples * samples;
    return a === 0 ? [0, 0, 0, 0] : [r / a, g / a, b / a, (a / n) * 255];
  });
}

const disc = (cx, cy, radius) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;

/** A filled circle with a subtle darker ring and a faint light edge so it reads on dark and light bars. */
function dot(size, color) {
  const rgb = hex(color);
  const c = size / 2;
  const outer = size * 0.44;
  const ring = Math.max(1, size * 0.09);
  return render(size, [
    { cover: disc(c, c, outer + size * 0.04), rgb: [255, 255, 255], alpha: 0.35 },
    { cover: disc(c, c, outer), rgb: shade(rgb, 0.62) },
    { cover: disc(c, c, outer - ring), rgb },
  ]);
}

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** Emergency: the critical red, darker, with a white "!" so it differs from critical by shape too (not colour alone). */
function emergencyDot(size) {
  const rgb = hex('#b31d28');
  const c = size / 2;
  const outer = size * 0.44;
  const ring = Math.max(1, size * 0.09);
  const bar = size * 0.075;
  return render(size, [
    { cover: disc(c, c, outer + size * 0.04), rgb: [255, 255, 255], alpha: 0.35 },
    { cover: disc(c, c, outer), rgb: shade(rgb, 0.62) },
    { cover: disc(c, c, outer - ring), rgb },
    { cover: rect(c - bar, size * 0.22, c + bar, size * 0.6), rgb: [255, 255, 255] },
    { cover: disc(c, size * 0.74, bar * 1.15), rgb: [255, 255, 255] },
  ]);
}

function roundedSquare(size, inset, radius) {
  const lo = inset;
  const hi = size - inset;
  return (x, y) => {
    if (x < lo || x > hi || y < lo || y > hi) return false;
    const cx = Math.min(Math.max(x, lo + radius), hi - radius);
    const cy = Math.min(Math.max(y, lo + radius), hi - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
}

/** App icon: a dark rounded tile with the green status dot and its ring. */
function appIcon(size) {
  const green = hex(COLORS.ok);
  const c = size / 2;
  return render(size, [
    { cover: roundedSquare(size, size * 0.06, size * 0.2), rgb: hex('#161b22') },
    { cover: disc(c, c, size * 0.3), rgb: shade(green, 0.55) },
    { cover: disc(c, c, size * 0.26), rgb: green },
    { cover: disc(c - size * 0.07, c - size * 0.08, size * 0.07), rgb: [255, 255, 255], alpha: 0.18 },
  ], 3);
}

function write(relativePath, bytes) {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`wrote ${relativePath} (${bytes.length} bytes)`);
}

for (const [severity, color] of Object.entries(COLORS)) {
  write(`resources/tray/tray-${severity}.png`, dot(16, color));
  write(`resources/tray/tray-${severity}@2x.png`, dot(32, color));
}
write('resources/tray/tray-emergency.png', emergencyDot(16));
write('resources/tray/tray-emergency@2x.png', emergencyDot(32));
write('resources/icon.png', appIcon(512));
