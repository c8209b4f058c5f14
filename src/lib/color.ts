/**
 * Colour arithmetic for clinic themes. A clinic picks any brand colour; links and buttons
 * must still reach WCAG 2.2 AA (4.5:1 for text) in light and dark mode, so we derive
 * readable variants instead of trusting the brand colour as is.
 */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export const AA_TEXT = 4.5;

export function parseHex(hex: string): Rgb {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const [, r = '00', g = '00', b = '00'] = match;
  return { r: parseInt(r, 16), g: parseInt(g, 16), b: parseInt(b, 16) };
}

export function toHex({ r, g, b }: Rgb): string {
  const part = (n: number) =>
    Math.round(Math.min(255, Math.max(0, n)))
      .toString(16)
      .padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

/** WCAG 2.x relative luminance. */
export function luminance(hex: string): number {
  const { r, g, b } = parseHex(hex);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `amount` 0 gives `from`, 1 gives `to`. */
export function mix(from: string, to: string, amount: number): string {
  const a = parseHex(from);
  const b = parseHex(to);
  return toHex({
    r: a.r + (b.r - a.r) * amount,
    g: a.g + (b.g - a.g) * amount,
    b: a.b + (b.b - a.b) * amount,
  });
}

/**
 * Darkens (on light backgrounds) or lightens (on dark ones) `color` in small steps until it
 * reaches `target` contrast against every background; a colour that already passes is kept.
 */
export function readableOn(
  color: string,
  backgrounds: readonly string[],
  target = AA_TEXT,
): string {
  const passes = (c: string) => backgrounds.every((bg) => contrastRatio(c, bg) >= target);
  if (passes(color)) return color;
  const isLightBackground = backgrounds.every((bg) => luminance(bg) > 0.18);
  const toward = isLightBackground ? '#000000' : '#ffffff';
  for (let step = 1; step <= 20; step += 1) {
    const candidate = mix(color, toward, step / 20);
    if (passes(candidate)) return candidate;
  }
  return toward;
}

/** Surfaces drawn by src/styles/base.css; keep these in step with its custom properties. */
export const surfaces = {
  light: { page: '#f6f7f6', card: '#ffffff', notice: '#fdf3d7' },
  dark: { page: '#121514', card: '#1b1f1e', notice: '#2e2816' },
} as const;

export interface ClinicPalette {
  pageLight: string;
  headerLight: string;
  headerDark: string;
  accentLight: string;
  onAccentLight: string;
  accentDark: string;
  onAccentDark: string;
}

export function clinicPalette(themeColor: string, backgroundColor: string): ClinicPalette {
  // A clinic's own background colour is used only when it is pale enough for body text.
  const pageLight = luminance(backgroundColor) >= 0.8 ? backgroundColor : surfaces.light.page;
  const accentLight = readableOn(themeColor, [
    pageLight,
    surfaces.light.card,
    surfaces.light.notice,
  ]);
  const accentDark = readableOn(themeColor, [
    surfaces.dark.page,
    surfaces.dark.card,
    surfaces.dark.notice,
  ]);
  return {
    pageLight,
    headerLight: mix(themeColor, '#ffffff', 0.88),
    headerDark: mix(themeColor, surfaces.dark.page, 0.82),
    accentLight,
    onAccentLight: contrastRatio('#ffffff', accentLight) >= AA_TEXT ? '#ffffff' : '#111111',
    accentDark,
    onAccentDark:
      contrastRatio(surfaces.dark.page, accentDark) >= AA_TEXT ? surfaces.dark.page : '#000000',
  };
}
