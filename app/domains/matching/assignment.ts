/**
 * Batch matching: assign many open needs at once, each to at most one eligible provider, within the
 * providers' open capacities, maximizing the total fit. Solved exactly as a min-cost flow
 * (source → need [1] → provider [−weight] → sink [open capacity]) by the primal–dual method:
 * Dijkstra on reduced costs moves the potentials, then a blocking flow (Dinic) pushes every
 * shortest augmenting path of that length at once; it stops when the next path would not raise the
 * total. The edges are only the pairs that pass the hard constraints, so the network stays sparse.
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
  const source = 0;
  const needNode = (need: number) => 1 + need;
  const providerNode = (provider: number) => 1 + needCount + provider;
  const sink = 1 + needCount + providerCount;
  const network = new FlowNetwork(sink + 1);
  const potential = new Float64Array(sink + 1);

  const needHasEdge = new Uint8Array(needCount);
  for (const edge of edges) {
    if (edge.weight <= 0 || capacities[edge.provider]! <= 0) continue;
    needHasEdge[edge.need] = 1;
  }
  for (let need = 0; need < needCount; need++)
    if (needHasEdge[need]) network.add(source, needNode(need), 1, 0);
  const pairEdges: { id: number; need: number; provider: number }[] = [];
  for (const edge of edges) {
    if (edge.weight <= 0 || capacities[edge.provider]! <= 0) continue;
    const id = network.add(needNode(edge.need), providerNode(edge.provider), 1, -edge.weight);
    pairEdges.push({ id, need: edge.need, provider: edge.provider });
    // Initial potentials: exact shortest distances in the acyclic starting network.
    const node = providerNode(edge.provider);
    potential[node] = Math.min(potential[node]!, -edge.weight);
  }
  let sinkPotential = 0;
  for (let provider = 0; provider < providerCount; provider++) {
    if (capacities[provider]! <= 0) continue;
    network.add(providerNode(provider), sink, capacities[provider]!, 0);
    sinkPotential = Math.min(sinkPotential, potential[providerNode(provider)]!);
  }
  potential[sink] = sinkPotential;

  const size = sink + 1;
  const dist = new Float64Array(size);
  const level = new Int32Array(size);
  const cursor = new Int32Array(size);
  const queue = new Int32Array(size);
  const { head, to, next, cap, cost } = network;
  const reduced = (edge: number, from: number) => cost[edge]! + potential[from]! - potential[to[edge]!]!;

  for (;;) {
    // 1. Shortest distances on reduced costs (all non-negative).
    dist.fill(Infinity);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(0, source);
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (d > dist[u]!) continue;
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        if (cap[e]! <= 0) continue;
        const v = to[e]!;
        const nd = d + reduced(e, u);
        if (nd < dist[v]!) {
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    if (dist[sink] === Infinity) break;
    for (let v = 0; v < size; v++) if (dist[v] !== Infinity) potential[v] = potential[v]! + dist[v]!;
    // The cost of a shortest path in real costs; a path of cost ≥ 0 would not raise the total fit.
    if (potential[sink]! - potential[source]! >= 0) break;

    // 2. Blocking flows on the admissible subnetwork (residual edges of reduced cost 0).
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      let qHead = 0;
      let qTail = 0;
      queue[qTail++] = source;
      while (qHead < qTail) {
        const u = queue[qHead++]!;
        for (let e = head[u]!; e !== -1; e = next[e]!) {
          const v = to[e]!;
          if (cap[e]! > 0 && level[v] === -1 && reduced(e, u) === 0) {
            level[v] = level[u]! + 1;
            queue[qTail++] = v;
          }
        }
      }
      if (level[sink] === -1) break;
      cursor.set(head);
      const push = (u: number, limit: number): number => {
        if (u === sink) return limit;
        for (let e = cursor[u]!; e !== -1; e = next[e]!, cursor[u] = e) {
          const v = to[e]!;
          if (cap[e]! > 0 && level[v] === level[u]! + 1 && reduced(e, u) === 0) {
            const pushed = push(v, Math.min(limit, cap[e]!));
            if (pushed > 0) {
              cap[e] = cap[e]! - pushed;
              cap[e ^ 1] = cap[e ^ 1]! + pushed;
              return pushed;
            }
          }
        }
        cursor[u] = -1;
        return 0;
      };
      while (push(source, Infinity) > 0);
    }
  }

  const providerOfNeed = new Array<number>(needCount).fill(-1);
  let total = 0;
  const weightOf = new Map<number, number>();
  for (const edge of edges) weightOf.set(edge.need * (providerCount + 1) + edge.provider, edge.weight);
  for (const pair of pairEdges) {
    if (cap[pair.id] === 0) {
      providerOfNeed[pair.need] = pair.provider;
      total += weightOf.get(pair.need * (providerCount + 1) + pair.provider)!;
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
