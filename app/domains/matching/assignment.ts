/**
 * Batch matching: assign many open needs at once, each to at most one eligible provider, within the
 * providers' open capacities, maximizing the total fit. Solved exactly as a min-cost flow
 * (need [1] → provider [−weight] → sink [open capacity], and need → sink [0] for "none") by
 * successive shortest paths, one need at a time as in the Hungarian method: each need's Dijkstra on
 * reduced costs stops at the sink, and only the nodes it settled move their potentials, so a search
 * touches little of the network. The edges are only the pairs that pass the hard constraints, so
 * the network stays sparse.
 * Pure; checked against brute force and the HiGHS solver in the tests.
 */
export interface AssignmentEdge {
  need: number;
  provider: number;
  /** Positive integer weight (the score in tenths of a point). */
  weight: number;
}

export interface AssignmentProblem {
  needCount: number;
  /** Open capacity of each provider. */
  capacities: readonly number[];
  edges: readonly AssignmentEdge[];
}

export interface Assignment {
  /** For each need, the provider index, or -1 when unassigned. */
  providerOfNeed: number[];
  total: number;
}

class FlowNetwork {
  readonly head: Int32Array;
  to: number[] = [];
  next: number[] = [];
  cap: number[] = [];
  cost: number[] = [];

  constructor(readonly size: number) {
    this.head = new Int32Array(size).fill(-1);
  }

  add(from: number, to: number, capacity: number, cost: number): number {
    const id = this.to.length;
    this.push(from, to, capacity, cost);
    this.push(to, from, 0, -cost);
    return id;
  }

  private push(from: number, to: number, capacity: number, cost: number) {
    this.to.push(to);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[from]!);
    this.head[from] = this.to.length - 1;
  }
}

/** A binary heap of (key, node) pairs for Dijkstra. */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size() {
    return this.keys.length;
  }
  push(key: number, node: number) {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  pop(): [number, number] {
    const { keys, nodes } = this;
    const top: [number, number] = [keys[0]!, nodes[0]!];
    const lastKey = keys.pop()!;
    const lastNode = nodes.pop()!;
    if (keys.length > 0) {
      let i = 0;
      const n = keys.length;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1]! < keys[child]!) child += 1;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        nodes[i] = nodes[child]!;
        i = child;
      }
      keys[i] = lastKey;
      nodes[i] = lastNode;
    }
    return top;
  }
}

export function optimalAssignment(problem: AssignmentProblem): Assignment {
  const { needCount, capacities, edges } = problem;
  const providerCount = capacities.length;
  const providerNode = (provider: number) => needCount + provider;
  const sink = needCount + providerCount;
  const size = sink + 1;
  const network = new FlowNetwork(size);
  const pairEdges: { id: number; need: number; provider: number; weight: number }[] = [];
  for (const edge of edges) {
    if (edge.weight <= 0 || capacities[edge.provider]! <= 0) continue;
    const id = network.add(edge.need, providerNode(edge.provider), 1, -edge.weight);
    pairEdges.push({ id, need: edge.need, provider: edge.provider, weight: edge.weight });
  }
  // "Left without a provider" is each need's own edge to the sink, of cost 0.
  for (let need = 0; need < needCount; need++) network.add(need, sink, 1, 0);
  for (let provider = 0; provider < providerCount; provider++)
    if (capacities[provider]! > 0) network.add(providerNode(provider), sink, capacities[provider]!, 0);

  const { head, to, next, cap, cost } = network;
  const potential = new Float64Array(size);
  const dist = new Float64Array(size).fill(Infinity);
  const parentEdge = new Int32Array(size).fill(-1);
  const done = new Uint8Array(size);
  const touched: number[] = [];

  for (let source = 0; source < needCount; source++) {
    // The new need's potential keeps every reduced cost of its edges non-negative.
    let start = potential[sink]!;
    for (let e = head[source]!; e !== -1; e = next[e]!)
      if (cap[e]! > 0) start = Math.max(start, potential[to[e]!]! - cost[e]!);
    potential[source] = start;

    const heap = new MinHeap();
    dist[source] = 0;
    touched.push(source);
    heap.push(0, source);
    const finished: number[] = [];
    let reach = Infinity;
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (done[u] || d > dist[u]!) continue;
      done[u] = 1;
      if (u === sink) {
        reach = d;
        break;
      }
      finished.push(u);
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        if (cap[e]! <= 0) continue;
        const v = to[e]!;
        if (done[v]) continue;
        const nd = d + cost[e]! + potential[u]! - potential[v]!;
        if (nd < dist[v]!) {
          if (dist[v] === Infinity) touched.push(v);
          dist[v] = nd;
          parentEdge[v] = e;
          heap.push(nd, v);
        }
      }
    }
    // The sink is always reachable (the need's own edge to it), so `reach` is finite.
    for (let v = sink; v !== source;) {
      const e = parentEdge[v]!;
      cap[e] = cap[e]! - 1;
      cap[e ^ 1] = cap[e ^ 1]! + 1;
      v = to[e ^ 1]!;
    }
    // Shortest-path potentials, capped at the sink's distance: only the nodes settled before it move.
    for (const v of finished) potential[v] = potential[v]! + dist[v]! - reach;
    for (const v of touched) {
      dist[v] = Infinity;
      parentEdge[v] = -1;
      done[v] = 0;
    }
    done[sink] = 0;
    touched.length = 0;
  }

  const providerOfNeed = new Array<number>(needCount).fill(-1);
  let total = 0;
  for (const pair of pairEdges) {
    if (cap[pair.id] === 0) {
      providerOfNeed[pair.need] = pair.provider;
      total += pair.weight;
    }
  }
  return { providerOfNeed, total };
}

/** The obvious alternative: best pairs first while capacity lasts. Used to report the gap. */
export function greedyAssignment(problem: AssignmentProblem): Assignment {
  const remaining = [...problem.capacities];
  const providerOfNeed = new Array<number>(problem.needCount).fill(-1);
  let total = 0;
  const sorted = [...problem.edges].sort(
    (a, b) => b.weight - a.weight || a.need - b.need || a.provider - b.provider,
  );
  for (const edge of sorted) {
    if (edge.weight <= 0 || providerOfNeed[edge.need] !== -1 || remaining[edge.provider]! <= 0) continue;
    providerOfNeed[edge.need] = edge.provider;
    remaining[edge.provider] = remaining[edge.provider]! - 1;
    total += edge.weight;
  }
  return { providerOfNeed, total };
}

/** How far greedy falls short of the optimum, as a fraction of the optimum (0 when equal). */
export function optimalityGap(optimal: number, other: number): number {
  return optimal === 0 ? 0 : (optimal - other) / optimal;
}
