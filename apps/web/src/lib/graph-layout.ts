import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';

export interface GraphActor {
  id: string;
  name: string;
  /** A group for colouring the node (person, state, organisation, source). */
  group?: string;
}

export interface GraphEdgeInput {
  source: GraphActor;
  target: GraphActor;
  weight: number;
}

export interface PlacedNode {
  id: string;
  name: string;
  group: string | undefined;
  x: number;
  y: number;
  /** Number of facts across all its edges. */
  degree: number;
  r: number;
}

export interface PlacedEdge {
  source: PlacedNode;
  target: PlacedNode;
  weight: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  name: string;
  group: string | undefined;
  degree: number;
  r: number;
}

/**
 * Lays the actor network out on the server. d3-force seeds its own random source, so the same
 * edges always give the same picture (and the same screenshot).
 */
export function layoutGraph(
  edges: readonly GraphEdgeInput[],
  width = 960,
  height = 640,
): GraphLayout {
  const byId = new Map<string, SimNode>();
  for (const edge of edges) {
    for (const end of [edge.source, edge.target]) {
      const node = byId.get(end.id) ?? {
        id: end.id,
        name: end.name,
        group: end.group,
        degree: 0,
        r: 0,
      };
      node.degree += edge.weight;
      byId.set(end.id, node);
    }
  }
  const nodes = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  for (const node of nodes) node.r = 6 + Math.min(14, Math.sqrt(node.degree) * 3);
  const links: (SimulationLinkDatum<SimNode> & { weight: number })[] = edges.map((e) => ({
    source: e.source.id,
    target: e.target.id,
    weight: e.weight,
  }));

  const simulation = forceSimulation(nodes)
    .force(
      'link',
      forceLink<SimNode, (typeof links)[number]>(links)
        .id((d) => d.id)
        .distance(130),
    )
    .force('charge', forceManyBody().strength(-420))
    .force(
      'collide',
      forceCollide<SimNode>((d) => d.r + 34),
    )
    .force('x', forceX(width / 2).strength(0.06))
    .force('y', forceY(height / 2).strength(0.09))
    .force('center', forceCenter(width / 2, height / 2))
    .stop();
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  simulation.tick(ticks);

  // Keep every node (and most of its label) inside the drawing.
  const margin = 70;
  const placed = new Map<string, PlacedNode>();
  for (const node of nodes) {
    placed.set(node.id, {
      id: node.id,
      name: node.name,
      group: node.group,
      degree: node.degree,
      r: node.r,
      x: clamp(node.x ?? width / 2, margin, width - margin),
      // Room for the label under the node.
      y: clamp(node.y ?? height / 2, node.r + 8, height - node.r - 24),
    });
  }
  return {
    width,
    height,
    nodes: [...placed.values()],
    edges: edges.map((e) => ({
      source: placed.get(e.source.id)!,
      target: placed.get(e.target.id)!,
      weight: e.weight,
    })),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, value)) * 10) / 10;
}
