import { crc32, deflateSync } from 'node:zlib';

/**
 * Per-clinic app icons. Each clinic installs as its own PWA in its own colours, so the
 * server draws the icons on request. No image library is available on the server, hence a
 * tiny rasteriser (analytic shape tests, supersampled) and a PNG encoder on node:zlib.
 * Nothing is memoised here: the caller caches the bytes per clinic and size.
 */

export interface ClinicIconOptions {
  /** Edge length in pixels, an integer from 16 to 1024. */
  size: number;
  /** '#rrggbb'. */
  background: string;
  /** '#rrggbb'. Defaults to white or near-black, whichever contrasts more with the background. */
  foreground?: string;
  /**
   * 'any': rounded square on a transparent canvas. 'maskable': full-bleed square with the paw
   * inside the safe zone, so launchers may crop to any shape. 'monochrome': a white paw on a
   * transparent canvas, which Android uses as a notification badge (only alpha counts there).
   */
  purpose: 'any' | 'maskable' | 'monochrome';
}

const MIN_SIZE = 16;
const MAX_SIZE = 1024;
const COLOUR = /^#[0-9a-fA-F]{6}$/;
const PURPOSES: readonly ClinicIconOptions['purpose'][] = ['any', 'maskable', 'monochrome'];

const WHITE = '#ffffff';
// Near-black rather than pure black, which looks harsh on saturated clinic colours.
const NEAR_BLACK = '#1a1a1a';

/** Geometry lives in a 512 × 512 design space, shared by the PNG and the SVG. */
const DESIGN = 512;
// Close to the rounded square of Android's adaptive icons and of iOS home-screen icons.
const CORNER_RADIUS = 0.22 * DESIGN;

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** Degrees clockwise, as SVG's rotate(). */
  rotation: number;
}

/**
 * One large pad and four toes on an arc; the outer toes sit lower and lean outwards as on a
 * real paw. Every point lies within 172 units of the centre, inside the maskable safe zone
 * (a circle of radius 0.4 × 512 ≈ 205, https://www.w3.org/TR/appmanifest/#icon-masks) with
 * room to spare so no launcher mask clips a toe.
 */
const PAW: readonly Ellipse[] = [
  { cx: 256, cy: 328, rx: 100, ry: 80, rotation: 0 },
  { cx: 128, cy: 232, rx: 36, ry: 46, rotation: -30 },
  { cx: 204, cy: 158, rx: 38, ry: 50, rotation: -12 },
  { cx: 308, cy: 158, rx: 38, ry: 50, rotation: 12 },
  { cx: 384, cy: 232, rx: 36, ry: 46, rotation: 30 },
];

// 4 × 4 samples per pixel give 17 coverage levels, plenty for icon edges.
const SAMPLES_PER_AXIS = 4;

export function contrastingForeground(background: string): string {
  assertColour('background', background);
  const bg = relativeLuminance(parseColour(background));
  const ratioWithWhite = contrastRatio(bg, relativeLuminance(parseColour(WHITE)));
  const ratioWithDark = contrastRatio(bg, relativeLuminance(parseColour(NEAR_BLACK)));
  return ratioWithWhite >= ratioWithDark ? WHITE : NEAR_BLACK;
}

export function renderClinicIconPng(options: ClinicIconOptions): Buffer {
  const { size } = options;
  if (!Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE) {
    throw new RangeError(
      `Icon size must be a whole number of pixels from ${MIN_SIZE} to ${MAX_SIZE}; got ${String(size)}.`,
    );
  }
  const colours = resolveColours(options);
  return encodePng(size, size, rasterise(size, options.purpose, colours));
}

export function renderClinicIconSvg(options: Omit<ClinicIconOptions, 'size'>): string {
  const { purpose } = options;
  const colours = resolveColours(options);
  const backdrop =
    purpose === 'any'
      ? `<rect width="${DESIGN}" height="${DESIGN}" rx="${num(CORNER_RADIUS)}" fill="${colours.background}"/>`
      : purpose === 'maskable'
        ? `<rect width="${DESIGN}" height="${DESIGN}" fill="${colours.background}"/>`
        : '';
  const paw = PAW.map(({ cx, cy, rx, ry, rotation }) => {
    const transform =
      rotation === 0 ? '' : ` transform="rotate(${num(rotation)} ${num(cx)} ${num(cy)})"`;
    return `<ellipse cx="${num(cx)}" cy="${num(cy)}" rx="${num(rx)}" ry="${num(ry)}"${transform}/>`;
  }).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${DESIGN} ${DESIGN}">` +
    `${backdrop}<g fill="${colours.foreground}">${paw}</g></svg>`
  );
}

interface Colours {
  background: string;
  foreground: string;
}

function resolveColours(options: Omit<ClinicIconOptions, 'size'>): Colours {
  if (!PURPOSES.includes(options.purpose)) {
    throw new RangeError(
      `Icon purpose must be one of ${PURPOSES.join(', ')}; got ${JSON.stringify(options.purpose)}.`,
    );
  }
  assertColour('background', options.background);
  if (options.foreground !== undefined) assertColour('foreground', options.foreground);
  const background = options.background.toLowerCase();
  // Badges are alpha-only to the platform, so the clinic's colours would be thrown away anyway.
  if (options.purpose === 'monochrome') return { background, foreground: WHITE };
  const foreground = options.foreground?.toLowerCase() ?? contrastingForeground(background);
  return { background, foreground };
}

function assertColour(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !COLOUR.test(value)) {
    throw new RangeError(
      `Icon ${name} must be a colour written as #rrggbb (for example #1b6b5f); got ${JSON.stringify(value)}.`,
    );
  }
}

type Rgb = readonly [number, number, number];

function parseColour(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

// WCAG 2.x relative luminance: https://www.w3.org/TR/WCAG21/#dfn-relative-luminance
function relativeLuminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** SVG numbers: at most two decimals, no trailing zeros. */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** An ellipse prepared for fast inside tests in pixel space. */
interface PixelEllipse {
  cx: number;
  cy: number;
  cos: number;
  sin: number;
  invRx2: number;
  invRy2: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function toPixelEllipse(shape: Ellipse, scale: number): PixelEllipse {
  const cx = shape.cx * scale;
  const cy = shape.cy * scale;
  const rx = shape.rx * scale;
  const ry = shape.ry * scale;
  const angle = (shape.rotation * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Half-extents of the rotated ellipse's bounding box.
  const halfWidth = Math.hypot(rx * cos, ry * sin);
  const halfHeight = Math.hypot(rx * sin, ry * cos);
  return {
    cx,
    cy,
    cos,
    sin,
    invRx2: 1 / (rx * rx),
    invRy2: 1 / (ry * ry),
    minX: Math.floor(cx - halfWidth),
    maxX: Math.ceil(cx + halfWidth),
    minY: Math.floor(cy - halfHeight),
    maxY: Math.ceil(cy + halfHeight),
  };
}

function insideEllipse(e: PixelEllipse, x: number, y: number): boolean {
  const dx = x - e.cx;
  const dy = y - e.cy;
  // Undo the clockwise rotation to test against the axis-aligned ellipse.
  const u = dx * e.cos + dy * e.sin;
  const v = dy * e.cos - dx * e.sin;
  return u * u * e.invRx2 + v * v * e.invRy2 <= 1;
}

/** Straight (non-premultiplied) RGBA, row-major. */
function rasterise(size: number, purpose: ClinicIconOptions['purpose'], colours: Colours): Buffer {
  const scale = size / DESIGN;
  const paw = PAW.map((shape) => toPixelEllipse(shape, scale));
  const backdrop: Backdrop =
    purpose === 'monochrome' ? 'none' : { radius: purpose === 'any' ? CORNER_RADIUS * scale : 0 };
  const [bgR, bgG, bgB] = parseColour(colours.background);
  const [fgR, fgG, fgB] = parseColour(colours.foreground);

  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    const rowShapes = paw.filter((e) => py + 1 > e.minY && py < e.maxY);
    for (let px = 0; px < size; px++) {
      const shapes = rowShapes.filter((e) => px + 1 > e.minX && px < e.maxX);
      const { pawHits, backdropHits } = coverage(size, backdrop, shapes, px, py);
      const covered = pawHits + backdropHits;
      if (covered === 0) continue;
      const i = (py * size + px) * 4;
      // Both colours are opaque, so the covered samples average straight into the colour and
      // the share of covered samples is the alpha.
      pixels[i] = Math.round((pawHits * fgR + backdropHits * bgR) / covered);
      pixels[i + 1] = Math.round((pawHits * fgG + backdropHits * bgG) / covered);
      pixels[i + 2] = Math.round((pawHits * fgB + backdropHits * bgB) / covered);
      pixels[i + 3] = Math.round((covered * 255) / SAMPLES);
    }
  }
  return pixels;
}

/** A full-canvas square with this corner radius (0 for square corners), or no backdrop at all. */
type Backdrop = { radius: number } | 'none';

const OFFSETS = Array.from({ length: SAMPLES_PER_AXIS }, (_, i) => (i + 0.5) / SAMPLES_PER_AXIS);
const SAMPLES = SAMPLES_PER_AXIS * SAMPLES_PER_AXIS;

/** How many of the pixel's samples land on the paw, and how many on the backdrop only. */
function coverage(
  size: number,
  backdrop: Backdrop,
  shapes: readonly PixelEllipse[],
  px: number,
  py: number,
): { pawHits: number; backdropHits: number } {
  // Every shape is convex, so a pixel whose four corners are inside one is wholly inside it.
  // That leaves supersampling to the edges: a 512 icon renders in tens of milliseconds.
  const isSolidPaw = shapes.some(
    (e) =>
      insideEllipse(e, px, py) &&
      insideEllipse(e, px + 1, py) &&
      insideEllipse(e, px, py + 1) &&
      insideEllipse(e, px + 1, py + 1),
  );
  if (isSolidPaw) return { pawHits: SAMPLES, backdropHits: 0 };
  const backdropCover = backdrop === 'none' ? 'empty' : squareCover(size, backdrop.radius, px, py);
  if (shapes.length === 0 && backdropCover !== 'partial') {
    return { pawHits: 0, backdropHits: backdropCover === 'full' ? SAMPLES : 0 };
  }

  let pawHits = 0;
  let backdropHits = 0;
  for (const oy of OFFSETS) {
    const y = py + oy;
    for (const ox of OFFSETS) {
      const x = px + ox;
      if (shapes.some((e) => insideEllipse(e, x, y))) pawHits++;
      else if (
        backdropCover === 'full' ||
        (backdropCover === 'partial' &&
          backdrop !== 'none' &&
          insideRoundedSquare(size, backdrop.radius, x, y))
      ) {
        backdropHits++;
      }
    }
  }
  return { pawHits, backdropHits };
}

/** Whether the rounded square covers all, none or part of the pixel at (px, py). */
function squareCover(
  size: number,
  radius: number,
  px: number,
  py: number,
): 'full' | 'empty' | 'partial' {
  // Distances from the pixel's sides into each corner's quarter circle; positive only in a corner.
  const beyondX = Math.max(radius - px, px + 1 - (size - radius), 0);
  const beyondY = Math.max(radius - py, py + 1 - (size - radius), 0);
  if (beyondX === 0 || beyondY === 0) return 'full';
  // The pixel's nearest and farthest points from the arc's centre bound its coverage.
  const farthest = Math.hypot(beyondX, beyondY);
  const nearest = Math.hypot(Math.max(beyondX - 1, 0), Math.max(beyondY - 1, 0));
  if (farthest <= radius) return 'full';
  if (nearest >= radius) return 'empty';
  return 'partial';
}

function insideRoundedSquare(size: number, radius: number, x: number, y: number): boolean {
  const qx = Math.max(radius - x, x - (size - radius), 0);
  const qy = Math.max(radius - y, y - (size - radius), 0);
  return qx * qx + qy * qy <= radius * radius;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// PNG §11.2.2: colour type 6 is truecolour with alpha.
const COLOUR_TYPE_RGBA = 6;

function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = COLOUR_TYPE_RGBA;
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace

  // Filter type 0 (None) on every row: flat icon colours deflate well without prediction.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }

  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  // The CRC covers the type and the data, not the length (PNG §5.3).
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
