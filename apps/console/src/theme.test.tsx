import { describe, expect, it } from 'vitest';
import { consoleTheme } from './theme';

// What the token does to a dialog shows only in a browser (jsdom has no CSS animations): the browser journeys run
// with prefers-reduced-motion (e2e/support.ts launchBrowser), and their console dialogs open without zooming.
describe('consoleTheme', () => {
  it('turns antd motion off for prefers-reduced-motion, on otherwise', () => {
    expect(consoleTheme(true).token?.motion).toBe(false);
    expect(consoleTheme(false).token?.motion).toBe(true);
  });

  it('keeps the contrast colours either way', () => {
    expect(consoleTheme(true).token?.colorPrimary).toBe('#1763d6');
    expect(consoleTheme(false).token?.colorPrimary).toBe('#1763d6');
  });
});
