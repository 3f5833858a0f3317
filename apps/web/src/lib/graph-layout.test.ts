import { describe, expect, it } from 'vitest';
import { layoutGraph } from './graph-layout';

const edges = [
  {
    source: { id: 'macron', name: 'Macron' },
    target: { id: 'starmer', name: 'Starmer' },
    weight: 3,
  },
  { source: { id: 'putin', name: 'Putin' }, target: { id: 'trump', name: 'Trump' }, weight: 2 },
  { source: { id: 'macron', name: 'Macron' }, target: { id: 'trump', name: 'Trump' }, weight: 1 },
];

describe('layoutGraph', () => {
  it('places every actor once, inside the drawing', () => {
    const layout = layoutGraph(edges, 800, 500);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(['macron', 'putin', 'starmer', 'trump']);
    for (const node of layout.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.x).toBeLessThanOrEqual(800);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeLessThanOrEqual(500);
    }
    expect(layout.edges).toHaveLength(3);
    expect(layout.nodes.find((n) => n.id === 'macron')?.degree).toBe(4);
  });

  it('is deterministic, so the page does not jump between loads', () => {
    expect(layoutGraph(edges)).toEqual(layoutGraph(edges));
  });

  it('draws nothing for no edges', () => {
    expect(layoutGraph([]).nodes).toEqual([]);
  });
});
