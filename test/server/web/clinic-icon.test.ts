import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  contrastingForeground,
  renderClinicIconPng,
  renderClinicIconSvg,
  type ClinicIconOptions,
} from '../../../server/web/clinic-icon.ts';

const CLINIC_GREEN = '#1b6b5f';
const WHITE = '#ffffff';
const TRANSPARENT = [0, 0, 0, 0];

type Rgba = [number, number, number, number];

interface Chunk {
  type: string;
  data: Buffer;
  hasValidCrc: boolean;
}

interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  chunks: Chunk[];
  pixel(x: number, y: number): Rgba;
}

// A table CRC of our own, so the encoder's CRCs are checked against an independent implementation.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Just enough PNG to read what the encoder writes: 8-bit RGBA, no interlace, filter 0. */
function decodePng(png: Buffer): DecodedPng {
  expect(png.subarray(0, 8)).toEqual(SIGNATURE);
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const stored = png.readUInt32BE(offset + 8 + length);
    chunks.push({
      type,
      data,
      hasValidCrc: crc(png.subarray(offset + 4, offset + 8 + length)) === stored,
    });
    offset += 12 + length;
  }
  const header = chunks[0];
  if (header?.type !== 'IHDR') throw new Error('The first chunk is not IHDR.');
  const width = header.data.readUInt32BE(0);
  const height = header.data.readUInt32BE(4);
  const bitDepth = header.data[8]!;
  const colourType = header.data[9]!;
  expect([header.data[10], header.data[11], header.data[12]]).toEqual([0, 0, 0]);

  const raw = inflateSync(
    Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)),
  );
  const stride = width * 4;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    // Filter type 0 (None): the row's bytes are the pixels as they are.
    expect(raw[row]).toBe(0);
    raw.copy(pixels, y * stride, row + 1, row + 1 + stride);
  }
  return {
    width,
    height,
    bitDepth,
    colourType,
    chunks,
    pixel(x, y) {
      const i = (y * width + x) * 4;
      return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
    },
  };
}

function render(options: Partial<ClinicIconOptions> = {}): DecodedPng {
  return decodePng(
    renderClinicIconPng({ size: 512, background: CLINIC_GREEN, purpose: 'any', ...options }),
  );
}

function rgba(hex: string, alpha = 255): Rgba {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, alpha];
}

function allPixels(png: DecodedPng): { x: number; y: number; colour: Rgba }[] {
  const out: { x: number; y: number; colour: Rgba }[] = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) out.push({ x, y, colour: png.pixel(x, y) });
  }
  return out;
}

interface SvgEllipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  rotation: number;
}

function svgEllipses(svg: string): SvgEllipse[] {
  return [...svg.matchAll(/<ellipse([^>]*)\/>/g)].map(([, attributes = '']) => {
    const attribute = (name: string): number => {
      const match = new RegExp(`\\b${name}="([^"]+)"`).exec(attributes);
      if (!match?.[1]) throw new Error(`The ellipse has no ${name}.`);
      return Number(match[1]);
    };
    const rotation = /rotate\(([-\d.]+)/.exec(attributes)?.[1];
    return {
      cx: attribute('cx'),
      cy: attribute('cy'),
      rx: attribute('rx'),
      ry: attribute('ry'),
      rotation: rotation === undefined ? 0 : Number(rotation),
    };
  });
}

/** The point at (u, v) in the ellipse's own axes, in the 512 design space, as SVG places it. */
function pointOn(e: SvgEllipse, u: number, v: number): { x: number; y: number } {
  const angle = (e.rotation * Math.PI) / 180;
  return {
    x: e.cx + u * Math.cos(angle) - v * Math.sin(angle),
    y: e.cy + u * Math.sin(angle) + v * Math.cos(angle),
  };
}

const BIG_PAD = svgEllipses(renderClinicIconSvg({ background: CLINIC_GREEN, purpose: 'any' }))[0]!;

function padCentre(size: number): { x: number; y: number } {
  return { x: Math.floor((BIG_PAD.cx * size) / 512), y: Math.floor((BIG_PAD.cy * size) / 512) };
}

/**
 * No XML parser ships with Node, so a strict little checker: one root, tags nested and closed,
 * attributes quoted and not repeated, nothing but whitespace between tags.
 */
function expectWellFormedXml(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  let rest = xml.trim();
  while (rest.length > 0) {
    const tag = /^<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*")*)\s*(\/?)>/.exec(rest);
    if (!tag) throw new Error(`Not well-formed XML near: ${rest.slice(0, 40)}`);
    const [whole, closing, name = '', attributes = '', selfClosing] = tag;
    const names = [...attributes.matchAll(/([\w:-]+)=/g)].map((m) => m[1]);
    expect(new Set(names).size, `repeated attribute in <${name}>`).toBe(names.length);
    if (closing) {
      expect(stack.pop(), `</${name}> closes the wrong element`).toBe(name);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
    rest = rest.slice(whole.length).trimStart();
    if (rest.length > 0 && !rest.startsWith('<'))
      throw new Error(`Stray text: ${rest.slice(0, 40)}`);
  }
  expect(stack, 'unclosed elements').toEqual([]);
  expect(roots).toBe(1);
}

describe('PNG encoding', () => {
  test('a 512 icon is an 8-bit RGBA PNG of 512 by 512 pixels', () => {
    const png = render();
    expect(png.chunks[0]?.type).toBe('IHDR');
    expect(png.chunks[0]?.data.length).toBe(13);
    expect({ width: png.width, height: png.height, bitDepth: png.bitDepth }).toEqual({
      width: 512,
      height: 512,
      bitDepth: 8,
    });
    expect(png.colourType).toBe(6);
  });

  test('every chunk carries a valid CRC and the image ends with IEND', () => {
    for (const purpose of ['any', 'maskable', 'monochrome'] as const) {
      for (const size of [16, 48, 192, 512]) {
        const png = render({ purpose, size });
        expect(png.chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
        expect(png.chunks.every((c) => c.hasValidCrc)).toBe(true);
        expect(png.chunks.at(-1)?.data.length).toBe(0);
      }
    }
  });

  test('icons of the smallest and largest sizes render at exactly that size', () => {
    for (const size of [16, 1024]) {
      const png = render({ size, purpose: 'maskable' });
      expect([png.width, png.height]).toEqual([size, size]);
    }
  });
});

describe('the picture', () => {
  test('the centre of the big pad is painted in the foreground colour', () => {
    for (const purpose of ['any', 'maskable'] as const) {
      for (const size of [16, 192, 512]) {
        const { x, y } = padCentre(size);
        const png = render({ purpose, size, foreground: '#f4d35e' });
        expect(png.pixel(x, y), `${purpose} at ${size}`).toEqual(rgba('#f4d35e'));
      }
    }
  });

  test('an any-purpose icon leaves its corners transparent around an opaque rounded square', () => {
    const png = render({ purpose: 'any' });
    for (const [x, y] of [
      [0, 0],
      [511, 0],
      [0, 511],
      [511, 511],
    ] as const) {
      expect(png.pixel(x, y)).toEqual(TRANSPARENT);
    }
    // Mid-edge the square reaches the canvas border.
    expect(png.pixel(256, 0)).toEqual(rgba(CLINIC_GREEN));
    expect(png.pixel(0, 256)).toEqual(rgba(CLINIC_GREEN));
  });

  test('the any-purpose square has its corners rounded at about 22% of the edge', () => {
    const png = render({ purpose: 'any' });
    // The arc's centre is at (112.6, 112.6): (28, 28) lies outside the arc, (40, 40) inside.
    expect(png.pixel(28, 28)).toEqual(TRANSPARENT);
    expect(png.pixel(40, 40)).toEqual(rgba(CLINIC_GREEN));
  });

  test('a maskable icon fills its corners with the background colour', () => {
    const png = render({ purpose: 'maskable' });
    for (const [x, y] of [
      [0, 0],
      [511, 0],
      [0, 511],
      [511, 511],
    ] as const) {
      expect(png.pixel(x, y)).toEqual(rgba(CLINIC_GREEN));
    }
    expect(allPixels(png).every(({ colour }) => colour[3] === 255)).toBe(true);
  });

  test('a maskable icon keeps the paw inside the safe zone', () => {
    for (const size of [48, 192, 512]) {
      const png = render({ purpose: 'maskable', size, foreground: WHITE });
      const background = rgba(CLINIC_GREEN);
      // Any pixel the paw touches at all differs from the plain background.
      const paw = allPixels(png).filter(({ colour }) =>
        colour.some((channel, i) => channel !== background[i]),
      );
      expect(paw.length).toBeGreaterThan(0);
      // W3C manifest spec: the safe zone is a circle of radius 40% of the icon, centred.
      const safeRadius = 0.4 * size;
      const farthest = Math.max(
        ...paw.map(({ x, y }) => Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2)),
      );
      expect(farthest, `at ${size}`).toBeLessThanOrEqual(safeRadius);
    }
  });

  test('edges are anti-aliased with partly covered pixels', () => {
    const any = allPixels(render({ purpose: 'any', foreground: WHITE }));
    const [bgR] = rgba(CLINIC_GREEN);
    // The rounded corners fade out through partial alpha.
    expect(any.filter(({ colour }) => colour[3] > 0 && colour[3] < 255).length).toBeGreaterThan(
      100,
    );
    // The paw's edge blends foreground into background.
    const blended = allPixels(render({ purpose: 'maskable', foreground: WHITE })).filter(
      ({ colour }) => colour[0] > bgR && colour[0] < 255,
    );
    expect(blended.length).toBeGreaterThan(100);
  });

  test('a monochrome icon draws a white paw on a transparent canvas', () => {
    const png = render({ purpose: 'monochrome', foreground: '#000000' });
    const { x, y } = padCentre(512);
    expect(png.pixel(x, y)).toEqual([255, 255, 255, 255]);
    expect(png.pixel(0, 0)).toEqual(TRANSPARENT);
    expect(png.pixel(256, 500)).toEqual(TRANSPARENT);
    const painted = allPixels(png).filter(({ colour }) => colour[3] > 0);
    expect(painted.every(({ colour }) => colour[0] + colour[1] + colour[2] === 765)).toBe(true);
    expect(painted.some(({ colour }) => colour[3] < 255)).toBe(true);
  });

  test('without a foreground the paw takes the colour that contrasts with the background', () => {
    const { x, y } = padCentre(192);
    expect(render({ size: 192, background: '#0b2545' }).pixel(x, y)).toEqual(rgba(WHITE));
    const onYellow = render({ size: 192, background: '#f4d35e' }).pixel(x, y);
    expect(onYellow).toEqual(rgba(contrastingForeground('#f4d35e')));
  });

  test('upper-case hex colours are accepted', () => {
    const png = render({ purpose: 'maskable', background: '#1B6B5F', foreground: '#F4D35E' });
    expect(png.pixel(0, 0)).toEqual(rgba(CLINIC_GREEN));
  });
});

describe('contrasting foreground', () => {
  test('a dark background gets white and a light one gets near-black', () => {
    expect(contrastingForeground('#1b6b5f')).toBe(WHITE);
    expect(contrastingForeground('#000000')).toBe(WHITE);
    for (const light of ['#ffffff', '#f4d35e', '#bde0fe']) {
      const dark = rgba(contrastingForeground(light));
      expect(
        dark.slice(0, 3).every((channel) => channel < 0x30),
        light,
      ).toBe(true);
    }
  });

  test('between mid greys the choice flips where WCAG contrast ratios cross', () => {
    // #777777 gives 4.48:1 with white but under 4:1 with near-black; #888888 the other way round.
    expect(contrastingForeground('#777777')).toBe(WHITE);
    expect(contrastingForeground('#888888')).not.toBe(WHITE);
  });
});

describe('input validation', () => {
  test('sizes that are not whole numbers from 16 to 1024 are refused', () => {
    for (const size of [15, 1025, 0, -512, 64.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => render({ size }), String(size)).toThrow(RangeError);
    }
    expect(() => render({ size: 15 })).toThrow(/size must be .* from 16 to 1024; got 15/);
  });

  test('colours not written as #rrggbb are refused', () => {
    for (const colour of ['red', '#fff', '1b6b5f', '#1b6b5g', '#1b6b5f00', ' #1b6b5f', '']) {
      expect(() => render({ background: colour }), colour).toThrow(RangeError);
      expect(() => render({ foreground: colour }), colour).toThrow(RangeError);
      expect(() => renderClinicIconSvg({ background: colour, purpose: 'any' })).toThrow(RangeError);
      expect(() => contrastingForeground(colour), colour).toThrow(RangeError);
    }
    expect(() => render({ background: 'red' })).toThrow(/background must be .*#rrggbb.*"red"/);
  });

  test('an unknown purpose is refused', () => {
    expect(() => render({ purpose: 'badge' as never })).toThrow(RangeError);
    expect(() =>
      renderClinicIconSvg({ background: CLINIC_GREEN, purpose: 'badge' as never }),
    ).toThrow(/purpose must be one of any, maskable, monochrome/);
  });
});

describe('SVG', () => {
  test('the SVG is well-formed and carries the colours', () => {
    const svg = renderClinicIconSvg({
      background: CLINIC_GREEN,
      foreground: '#F4D35E',
      purpose: 'any',
    });
    expectWellFormedXml(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 512 512"/);
    expect(svg).toMatch(/<rect [^>]*rx="[\d.]+"[^>]*fill="#1b6b5f"/);
    expect(svg).toContain('fill="#f4d35e"');
    expect(svgEllipses(svg)).toHaveLength(5);
  });

  test('each purpose gets its own backdrop in the SVG', () => {
    const maskable = renderClinicIconSvg({ background: CLINIC_GREEN, purpose: 'maskable' });
    expectWellFormedXml(maskable);
    expect(maskable).toMatch(/<rect width="512" height="512" fill="#1b6b5f"\/>/);
    expect(maskable).toContain(`fill="${contrastingForeground(CLINIC_GREEN)}"`);

    const monochrome = renderClinicIconSvg({ background: CLINIC_GREEN, purpose: 'monochrome' });
    expectWellFormedXml(monochrome);
    expect(monochrome).not.toContain('<rect');
    expect(monochrome).toContain('fill="#ffffff"');
  });

  test('the SVG draws the same paw as the PNG', () => {
    const png = render({ purpose: 'maskable', foreground: WHITE });
    const ellipses = svgEllipses(renderClinicIconSvg({ background: CLINIC_GREEN, purpose: 'any' }));
    const at = ({ x, y }: { x: number; y: number }) => png.pixel(Math.floor(x), Math.floor(y));
    for (const e of ellipses) {
      // A little inside each end of both axes is paw; a little beyond is background.
      for (const [u, v] of [
        [e.rx, 0],
        [-e.rx, 0],
        [0, e.ry],
        [0, -e.ry],
      ] as const) {
        expect(at(pointOn(e, u * 0.9, v * 0.9))).toEqual(rgba(WHITE));
        expect(at(pointOn(e, u * 1.1, v * 1.1))).toEqual(rgba(CLINIC_GREEN));
      }
    }
  });
});
