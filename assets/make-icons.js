/**
 * Draws the add-in's icons as PNG files (no image tools needed): `node assets/make-icons.js`.
 * icon-*: the add-in (a house roof over rising bars: children's placements and their trend).
 * build-*: the "Build workbook" button (a sheet grid with a filled header row and a plus).
 * Shapes are described in a 0..1 square and sampled 4x4 per pixel for smooth edges.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const BLUE = [31, 78, 121];
const GREEN = [33, 115, 70];
const WHITE = [255, 255, 255];

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // no filter
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function inRoundedSquare(x, y, margin, radius) {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return inRect(x, y, margin, margin, 1 - margin, 1 - margin) && dx * dx + dy * dy <= radius * radius;
}

/** The add-in icon: white roof and three rising bars on blue. */
function addinPixel(x, y) {
  if (!inRoundedSquare(x, y, 0.03, 0.16)) return null;
  const roofTop = 0.16;
  const roofBase = 0.44;
  const inRoof = y >= roofTop && y <= roofBase && Math.abs(x - 0.5) <= ((y - roofTop) / (roofBase - roofTop)) * 0.38;
  const inHollow =
    y >= roofTop + 0.12 && y <= roofBase && Math.abs(x - 0.5) <= ((y - roofTop - 0.12) / (roofBase - roofTop)) * 0.38;
  const bars = [
    [0.22, 0.36, 0.66],
    [0.43, 0.57, 0.55],
    [0.64, 0.78, 0.46],
  ];
  const inBar = bars.some(([x0, x1, top]) => inRect(x, y, x0, top, x1, 0.84));
  return (inRoof && !inHollow) || inBar ? WHITE : BLUE;
}

/** The build icon: a white sheet with a green header row, grid lines and a green plus badge. */
function buildPixel(x, y) {
  const plusCentre = [0.74, 0.74];
  const plusRadius = 0.22;
  const dx = x - plusCentre[0];
  const dy = y - plusCentre[1];
  if (dx * dx + dy * dy <= plusRadius * plusRadius) {
    const bar = 0.045;
    const arm = 0.13;
    const inPlus = (Math.abs(dx) <= bar && Math.abs(dy) <= arm) || (Math.abs(dy) <= bar && Math.abs(dx) <= arm);
    return inPlus ? WHITE : GREEN;
  }
  if (dx * dx + dy * dy <= (plusRadius + 0.05) * (plusRadius + 0.05)) return null;
  if (!inRect(x, y, 0.06, 0.1, 0.88, 0.9)) return null;
  if (!inRect(x, y, 0.12, 0.16, 0.82, 0.84)) return GREEN;
  if (y <= 0.34) return GREEN;
  const onRowLine = [0.5, 0.67].some((line) => Math.abs(y - line) <= 0.03);
  const onColLine = [0.36, 0.59].some((line) => Math.abs(x - line) <= 0.03);
  return onRowLine || onColLine ? GREEN : WHITE;
}

function draw(size, pixel) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = pixel((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          covered += 1;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
        }
      }
      const at = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[at + c] = covered ? Math.round(sum[c] / covered) : 0;
      rgba[at + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  }
  return png(size, rgba);
}

for (const size of [16, 32, 64, 80]) {
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), draw(size, addinPixel));
}
for (const size of [16, 32, 80]) {
  fs.writeFileSync(path.join(__dirname, `build-${size}.png`), draw(size, buildPixel));
}
