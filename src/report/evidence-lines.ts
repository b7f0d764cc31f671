import type { Evidence } from '../indicators/define.js';

/** Lines cited per file in a summary: enough to start checking; signals.ndjson has them all. */
const LINES_SHOWN = 12;

export interface FileLines {
  file: string;
  /** "12, 15-18": the first lines cited, runs of consecutive lines joined. */
  ranges: string;
  /** Lines cited beyond those shown. */
  more: number;
}

/** The evidence of one reason grouped per file in citation order, for every report format to escape its own way. */
export function evidenceLines(evidence: Evidence[]): FileLines[] {
  const byFile = new Map<string, number[]>();
  for (const e of evidence) {
    const list = byFile.get(e.file) ?? [];
    list.push(e.line);
    byFile.set(e.file, list);
  }
  const out: FileLines[] = [];
  for (const [file, lines] of byFile) {
    const shown = lines.slice(0, LINES_SHOWN);
    const ranges: string[] = [];
    let start = shown[0];
    let prev = shown[0];
    for (let i = 1; i <= shown.length; i++) {
      const v = shown[i];
      if (v === prev + 1) {
        prev = v;
        continue;
      }
      ranges.push(start === prev ? `${start}` : `${start}-${prev}`);
      start = v;
      prev = v;
    }
    out.push({ file, ranges: ranges.join(', '), more: lines.length - shown.length });
  }
  return out;
}
