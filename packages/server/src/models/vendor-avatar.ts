import { crc32, deflateSync } from "node:zlib";

/** Each vendor's colour (RGB); compatible servers get a colour from their name. */
const VENDOR_COLOURS: Record<string, [number, number, number]> = {
  openai: [16, 163, 127],
  anthropic: [217, 119, 87],
  gemini: [66, 133, 244],
  ollama: [60, 60, 60],
};

const SIZE = 96;

function colourOf(providerId: string): [number, number, number] {
  const known = VENDOR_COLOURS[providerId.toLowerCase()];
  if (known) return known;
  let hash = 0;
  for (const char of providerId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  // A mid-saturation colour from the hue, so white shows on it.
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (0.45 - 0.3 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A model bot's avatar, made here so no page loads a vendor's logo from elsewhere: a disc in
 * the vendor's colour with a white ring, as a PNG.
 */
export function vendorAvatarPng(providerId: string): Uint8Array {
  const [r, g, b] = colourOf(providerId);
  const rows: Buffer[] = [];
  const centre = (SIZE - 1) / 2;
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x++) {
      const distance = Math.hypot(x - centre, y - centre) / (SIZE / 2);
      const ring = distance > 0.42 && distance < 0.56;
      const inside = distance <= 1;
      const offset = 1 + x * 4;
      row[offset] = ring ? 255 : r;
      row[offset + 1] = ring ? 255 : g;
      row[offset + 2] = ring ? 255 : b;
      row[offset + 3] = inside ? 255 : 0;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
