// For a mistyped provider id: the ids it most likely meant, by edit distance (case-insensitive).

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** The `n` ids nearest to `wanted`, nearest first, ties in id order. */
export function closestIds(wanted: string, ids: Iterable<string>, n = 3): string[] {
  const w = wanted.toLowerCase();
  return [...new Set(ids)]
    .map((id) => ({ id, d: distance(w, id.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, n)
    .map((x) => x.id);
}
