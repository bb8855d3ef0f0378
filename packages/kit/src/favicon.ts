import { crc32, deflateSync } from 'node:zlib';

/**
 * The one icon of both servers (issue 13 item 8: `/favicon.ico` was a 404 on both): two linked rings on a
 * blue square, for "account access". Pages name the SVG (`<link rel="icon">`); `/favicon.ico`, which
 * browsers and tools ask for on their own, is the same drawing as a 32×32 PNG inside an ICO container.
 * Drawn in code rather than kept as opaque bytes, so what it shows can be read here.
 */
export const FAVICON_SVG_PATH = '/favicon.svg';
export const FAVICON_ICO_PATH = '/favicon.ico';

const SIZE = 32;
const BLUE = [0x0b, 0x5c, 0xad] as const;
/** The two rings: centres, outer and inner radius, in the 32×32 grid. */
const RINGS = [
  { x: 12, y: 16, outer: 7.5, inner: 4.5 },
  { x: 20, y: 16, outer: 7.5, inner: 4.5 },
] as const;
const CORNER = 6;

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">
<rect width="${SIZE}" height="${SIZE}" rx="${CORNER}" fill="rgb(${BLUE.join(',')})"/>
${RINGS.map((r) => `<circle cx="${r.x}" cy="${r.y}" r="${(r.outer + r.inner) / 2}" fill="none" stroke="#fff" stroke-width="${r.outer - r.inner}"/>`).join('\n')}
</svg>
`;

/** Whether the pixel centre (x + ½, y + ½) lies inside the rounded square. */
function inSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x + 0.5, CORNER), SIZE - CORNER);
  const cy = Math.min(Math.max(y + 0.5, CORNER), SIZE - CORNER);
  return Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= CORNER;
}

function onRing(x: number, y: number): boolean {
  return RINGS.some((r) => {
    const d = Math.hypot(x + 0.5 - r.x, y + 0.5 - r.y);
    return d >= r.inner && d <= r.outer;
  });
}

/** The PNG chunk `type` with `data` (PNG spec §5.3: length, type, data, CRC of type and data). */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** The drawing as an RGBA PNG (8 bits per channel, no filter). */
function png(): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < SIZE; y++) {
    rows.push(0);
    for (let x = 0; x < SIZE; x++) {
      if (!inSquare(x, y)) rows.push(0, 0, 0, 0);
      else if (onRing(x, y)) rows.push(0xff, 0xff, 0xff, 0xff);
      else rows.push(...BLUE, 0xff);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO holding one PNG image (the ICONDIR and ICONDIRENTRY layout; PNG entries since Windows Vista). */
function ico(image: Buffer): Buffer {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(SIZE, 6);
  head.writeUInt8(SIZE, 7);
  head.writeUInt16LE(1, 10); // colour planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(image.length, 14);
  head.writeUInt32LE(head.length, 18);
  return Buffer.concat([head, image]);
}

export const FAVICON_ICO: Buffer = ico(png());

/** How a server answers for either file: the bytes, their type, cached for a day. */
export const FAVICONS: Readonly<Record<string, { type: string; body: string | Buffer }>> = {
  [FAVICON_SVG_PATH]: { type: 'image/svg+xml', body: FAVICON_SVG },
  [FAVICON_ICO_PATH]: { type: 'image/x-icon', body: FAVICON_ICO },
};
export const FAVICON_CACHE_CONTROL = 'public, max-age=86400';
