import { expect, test } from 'vitest';
import { clinicPalette, contrastRatio, surfaces } from '../../src/lib/color.ts';

test('contrast ratios match the WCAG formula', () => {
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
});

test('a pale clinic colour is darkened until links pass AA in light mode and lightened in dark mode', () => {
  const palette = clinicPalette('#8fd3c8', '#ffffff');
  for (const bg of [palette.pageLight, surfaces.light.card, surfaces.light.notice]) {
    expect(contrastRatio(palette.accentLight, bg)).toBeGreaterThanOrEqual(4.5);
  }
  for (const bg of Object.values(surfaces.dark)) {
    expect(contrastRatio(palette.accentDark, bg)).toBeGreaterThanOrEqual(4.5);
  }
  expect(contrastRatio(palette.onAccentLight, palette.accentLight)).toBeGreaterThanOrEqual(4.5);
  expect(contrastRatio(palette.onAccentDark, palette.accentDark)).toBeGreaterThanOrEqual(4.5);
});

test('a clinic colour that already passes is used as it is', () => {
  expect(clinicPalette('#1b6b5f', '#f7faf9').accentLight).toBe('#1b6b5f');
});

test('a dark clinic background is not used behind body text', () => {
  expect(clinicPalette('#1b6b5f', '#203040').pageLight).toBe(surfaces.light.page);
});
