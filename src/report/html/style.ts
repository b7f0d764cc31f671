// The one stylesheet of report.html, inline (the Content-Security-Policy allows exactly this text by its
// hash). Screen first, a card layout for tables on a phone, and print on A4 with the controls hidden.
/** Table rows as cards, each cell a line with its column's name: for a table wider than the page or screen. */
const cards = (table: string) => `  ${table} thead{display:none}
  ${table},${table} tbody,${table} tr,${table} td{display:block;width:100%}
  ${table} tr{border:1px solid var(--line);border-radius:6px;margin:.5em 0;padding:.2em .4em;break-inside:avoid-page}
  ${table} td{border:0;padding:.15em .2em;text-align:left;min-width:0}
  ${table} td::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85em}
  ${table} td:empty{display:none}`;

export const STYLE = `
:root{--ink:#1b1b1b;--muted:#5f6368;--line:#d0d4d9;--bg:#fff;--soft:#f4f6f8;--hoog:#b3261e;--midden:#b26a00;--laag:#44617b;--link:#0b57d0}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;overflow-wrap:break-word}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:2px solid var(--line)}
h3{font-size:1.08em;margin:1.2em 0 .4em}
a{color:var(--link)}
.meta{color:var(--muted);margin:0}
.caveat{border-left:4px solid var(--hoog);background:var(--soft);padding:.6em .9em;margin:1em 0}
nav ol{columns:2;margin:.3em 0;padding-left:1.4em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.92em}
th,td{border-bottom:1px solid var(--line);padding:.35em .5em;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
/* Text from the inputs may be one long word: it may break anywhere, but a cell keeps room for a short one. */
td.text{overflow-wrap:anywhere;min-width:8ch}
td.name{min-width:14ch}
td.state{min-width:0}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
th button::after{content:" \\2195";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" \\2191";color:var(--ink)}
th[aria-sort=descending] button::after{content:" \\2193";color:var(--ink)}
.tier{display:inline-block;padding:0 .45em;border-radius:.6em;color:#fff;font-size:.85em;white-space:nowrap}
.tier-hoog{background:var(--hoog)}.tier-midden{background:var(--midden)}.tier-laag{background:var(--laag)}
.badge{display:inline-block;padding:0 .45em;border-radius:.6em;border:1px solid var(--line);font-size:.85em;white-space:nowrap}
.badge-nieuw{border-color:var(--hoog);color:var(--hoog);font-weight:600}.badge-gewijzigd{border-color:var(--midden);color:var(--midden)}.badge-verdwenen{color:var(--muted)}
.changes{padding-left:1.2em}
.changes li{margin:.3em 0}
.decision,.reopened{display:block;font-size:.9em}
.decision{color:var(--muted)}
.reopened{border-left:3px solid var(--midden);padding-left:.5em;margin-top:.2em}
.reviewed{background:var(--soft)}
.controls{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:end;margin:.5em 0}
.controls label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}
.controls input,.controls select{font:inherit;font-size:1rem;padding:.25em .4em;border:1px solid var(--line);border-radius:4px;max-width:100%}
.count{color:var(--muted);font-size:.9em;margin:.2em 0}
.provider{border:1px solid var(--line);border-radius:6px;padding:.2em 1em .6em;margin:1em 0;break-inside:avoid-page}
.provider h3{margin-top:.6em}
.reasons{padding-left:1.2em}
.reasons li{margin:.4em 0}
.evidence{color:var(--muted);font-size:.9em;display:block}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em}
figure{margin:.8em 0}
figcaption{color:var(--muted);font-size:.9em}
svg{display:block;width:100%;height:auto;max-width:760px}
svg text{font-family:system-ui,"Liberation Sans",Arial,sans-serif;fill:var(--ink)}
svg .label{font-size:12px}
svg .small{font-size:10px;fill:var(--muted)}
svg .edge-label{font-size:10px;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .axis{stroke:var(--line)}
@media (max-width:640px){
  main{padding:10px}
  nav ol{columns:1}
}
/* Paper is narrow too, but there the provider table stays a table: its print font is smaller. */
@media screen and (max-width:900px){
${cards('table.cards')}
}
/* With the columns of --previous and --beoordelingen the provider table needs the full width of a desktop. */
@media screen and (max-width:1100px){
${cards('table.many')}
}
@media print,(max-width:1100px){
${cards('table.wide')}
}
@page{size:A4;margin:12mm}
@media print{
  body{font-size:9.5pt}
  main{max-width:none;padding:0}
  .controls,.count,nav,.no-print{display:none}
  a{color:inherit;text-decoration:none}
  h2{break-after:avoid-page}
  h3{break-after:avoid-page}
  tr{break-inside:avoid-page}
  figure{break-inside:avoid-page}
  .tier,.badge{color:#000;border:1px solid #000;background:none}
  th button::after{content:none}
  table{font-size:.85em}
  table.many{font-size:.76em}
}
`;
