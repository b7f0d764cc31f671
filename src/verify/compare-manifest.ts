/**
 * How a replay's manifest may differ from the run's: the recorded command (the replay is run by
 * verify, with --as-of) and the inputs' paths as given (the replay reads them from --inputs).
 */
export function withoutCommandAndPaths(manifest: unknown): unknown {
  if (manifest === null || typeof manifest !== 'object') return manifest;
  const m = { ...(manifest as Record<string, unknown>) };
  delete m.command;
  if (Array.isArray(m.inputs))
    m.inputs = m.inputs.map((i: unknown) => {
      if (i === null || typeof i !== 'object') return i;
      const { name: _path, ...rest } = i as Record<string, unknown>;
      return rest;
    });
  return m;
}

/** JSON paths (`tool.node`, `inputs.2.sha256`) where a and b differ, in document order. */
export function differingFields(a: unknown, b: unknown, path = ''): string[] {
  const here = path === '' ? '(root)' : path;
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...differingFields(a[i], b[i], path === '' ? String(i) : `${path}.${i}`));
    return out;
  }
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
    return keys.flatMap((k) => differingFields(ra[k], rb[k], path === '' ? k : `${path}.${k}`));
  }
  return Object.is(a, b) ? [] : [here];
}
