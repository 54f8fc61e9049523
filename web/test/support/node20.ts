// Vitest 5 wants Node 22 and calls Map.groupBy (Node 21+) when it prints failures; this machine and CI
// run Node 20, where a failing test would otherwise crash the reporter instead of being reported.
const withGroupBy = Map as unknown as { groupBy?: unknown };
if (typeof withGroupBy.groupBy !== 'function') {
  withGroupBy.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
    const groups = new Map<K, T[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}
export {};
