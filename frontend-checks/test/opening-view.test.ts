import { describe, expect, it } from 'vitest';
import type { Node } from '@xyflow/react';
import { inView, openingView } from '../../frontend/canvas/layout';
import { readFlag } from '../../frontend/canvas/stored-flag';

describe('the opening view', () => {
  it('shows a flow that fits at 100 %, centred', () => {
    const view = openingView({ x: 40, y: 80, width: 1000, height: 100 }, 1200, 600);

    expect(view.zoom).toBe(1);
    expect(view.x + (40 + 500) * view.zoom).toBe(600);
    expect(view.y + (80 + 50) * view.zoom).toBe(300);
  });

  it('zooms out just enough for a wider flow, staying at 75 % or more when that fits', () => {
    const view = openingView({ x: 0, y: 0, width: 1400, height: 100 }, 1200, 600);

    expect(view.zoom).toBeGreaterThanOrEqual(0.75);
    expect(view.zoom).toBeLessThan(1);
    expect(1400 * view.zoom).toBeLessThanOrEqual(1200 - 80);
  });

  it('shows a flow too large for 75 % at 100 %, from its sources at the left edge, centred in height', () => {
    const view = openingView({ x: 40, y: 80, width: 6000, height: 300 }, 1200, 600);

    expect(view.zoom).toBe(1);
    expect(view.x + 40).toBe(40);
    expect(view.y + 80 + 150).toBe(300);
  });

  it('never zooms in on a small flow', () => {
    expect(openingView({ x: 0, y: 0, width: 200, height: 60 }, 1200, 600).zoom).toBe(1);
  });

  it('keeps the top of a flow taller than the view in sight', () => {
    const view = openingView({ x: 0, y: 0, width: 400, height: 2000 }, 1200, 600);

    expect(view.zoom).toBe(1);
    expect(view.y).toBe(40);
  });
});

describe('a node in view', () => {
  const node = (x: number, y: number): Node => ({ id: 'n', position: { x, y }, data: {}, measured: { width: 200, height: 64 } });

  it('is one wholly on screen at the view\'s zoom and pan', () => {
    expect(inView(node(40, 80), { x: 0, y: 0, zoom: 1 }, 700, 500)).toBe(true);
    expect(inView(node(600, 80), { x: 0, y: 0, zoom: 1 }, 700, 500)).toBe(false);
    expect(inView(node(600, 80), { x: 0, y: 0, zoom: 0.5 }, 700, 500)).toBe(true);
    expect(inView(node(600, 80), { x: -200, y: 0, zoom: 1 }, 700, 500)).toBe(true);
  });
});

describe('a remembered flag', () => {
  const store = (value: string | null) => ({ getItem: () => value, setItem: () => undefined });

  it('reads what was stored, or the fallback when nothing readable was', () => {
    expect(readFlag(store('true'), 'k', false)).toBe(true);
    expect(readFlag(store('false'), 'k', true)).toBe(false);
    expect(readFlag(store(null), 'k', true)).toBe(true);
    expect(readFlag(store('maybe'), 'k', false)).toBe(false);
    expect(readFlag(undefined, 'k', true)).toBe(true);
  });
});
