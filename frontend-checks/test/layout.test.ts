import { describe, expect, it } from 'vitest';
import type { Node } from '@xyflow/react';
import { focusOn, layoutOf } from '../../frontend/canvas/layout';

const node = (id: string, x = 0, y = 0): Node => ({ id, position: { x, y }, data: {} });

describe('canvas layout', () => {
  it('puts each node in a column to the right of the nodes before it', () => {
    const laid = layoutOf([node('out'), node('mask'), node('in')], [
      { source: 'in', target: 'mask' },
      { source: 'mask', target: 'out' },
    ]);
    const x = Object.fromEntries(laid.map((n) => [n.id, n.position.x]));

    expect(x.in).toBeLessThan(x.mask!);
    expect(x.mask).toBeLessThan(x.out!);
  });

  it('stacks the branches after a node in the same column', () => {
    const laid = layoutOf([node('in'), node('a'), node('b')], [
      { source: 'in', target: 'a' },
      { source: 'in', target: 'b' },
    ]);
    const [, a, b] = laid;

    expect(a!.position.x).toBe(b!.position.x);
    expect(a!.position.y).not.toBe(b!.position.y);
  });

  it('keeps the nodes, their order and their data, on whole pixels', () => {
    const laid = layoutOf([node('in', 3.3, 4.4), node('out')], [{ source: 'in', target: 'out' }]);

    expect(laid.map((n) => n.id)).toEqual(['in', 'out']);
    laid.forEach((n) => {
      expect(Number.isInteger(n.position.x)).toBe(true);
      expect(Number.isInteger(n.position.y)).toBe(true);
    });
  });

  it('centres a focused node at the current zoom, or at 100 % when the view is smaller, never zooming further in', () => {
    const mask: Node = { id: 'mask', position: { x: 100, y: 40 }, data: {}, measured: { width: 200, height: 60 } };

    expect(focusOn(mask, 0.5)).toEqual({ x: 200, y: 70, zoom: 1 });
    expect(focusOn(mask, 1.25)).toEqual({ x: 200, y: 70, zoom: 1.25 });
  });
});
