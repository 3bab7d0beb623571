/**
 * The site icon (/favicon.ico): 公 in white on the red of government sites, drawn from a 16×16
 * mask and doubled to 32×32. Built once in code so there is no binary asset to keep: an ICO holding
 * one 32-bit BMP (rows bottom-up, BGRA, then an all-zero AND mask, as the format requires).
 */
const MASK = [
  '................',
  '................',
  '.....##...##....',
  '....##.....##...',
  '...##.......##..',
  '..##.........##.',
  '.##....##.....##',
  '......##........',
  '.....##.........',
  '....##....##....',
  '...##......##...',
  '..############..',
  '............##..',
  '................',
  '................',
  '................',
];

const RED = [0x1d, 0x16, 0xc8, 0xff]; // BGRA of #c8161d
const WHITE = [0xff, 0xff, 0xff, 0xff];

export function buildFavicon(): Buffer {
  const size = 32;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    const row = MASK[15 - (y >> 1)]!; // BMP rows run bottom-up
    for (let x = 0; x < size; x++) pixels.set(row[x >> 1] === '#' ? WHITE : RED, (y * size + x) * 4);
  }
  const andMask = Buffer.alloc(size * 4); // 32 px per row = 4 bytes, already 32-bit aligned
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // BITMAPINFOHEADER
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR and AND masks together
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const image = Buffer.concat([header, pixels, andMask]);
  const dir = Buffer.alloc(6 + 16);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(1, 4); // one image
  dir.writeUInt8(size, 6);
  dir.writeUInt8(size, 7);
  dir.writeUInt16LE(1, 10); // planes
  dir.writeUInt16LE(32, 12); // bits per pixel
  dir.writeUInt32LE(image.length, 14);
  dir.writeUInt32LE(dir.length, 18);
  return Buffer.concat([dir, image]);
}
