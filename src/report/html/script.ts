// The one script of report.html, inline (allowed by its hash): sorting and filtering of the provider
// table. It reads only the page, writes only the page, and loads nothing; without it the table is
// complete and in rank order.
export const SCRIPT = `
(function () {
  'use strict';
  var table = document.getElementById('zv-tabel');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById('zv-zoek');
  // Filters that match one attribute of a row exactly (tier, and since the previous scan or review when shown).
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-attr]'));
  var indicator = document.getElementById('zv-indicator');
  var count = document.getElementById('zv-aantal');
  var template = count.getAttribute('data-template');
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  var lang = document.documentElement.lang;
  // What the search looks in: name and id, lower case, read once.
  var haystack = rows.map(function (row) { return (row.cells[1].textContent + ' ' + row.cells[2].textContent).toLowerCase(); });

  function value(row, col, numeric) {
    return numeric ? Number(row.cells[col].getAttribute('data-v')) : row.cells[col].textContent;
  }

  function sortBy(col, numeric, descending) {
    var sorted = rows.slice().sort(function (a, b) {
      var x = value(a, col, numeric);
      var y = value(b, col, numeric);
      var c = numeric ? x - y : x.localeCompare(y, lang);
      if (descending) c = -c;
      return c !== 0 ? c : Number(a.getAttribute('data-rank')) - Number(b.getAttribute('data-rank'));
    });
    for (var i = 0; i < sorted.length; i++) body.appendChild(sorted[i]);
  }

  headers.forEach(function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var numeric = th.getAttribute('data-type') === 'num';
      var descending = th.getAttribute('aria-sort') === 'ascending';
      headers.forEach(function (h) { if (h.querySelector('button')) h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      sortBy(col, numeric, descending);
    });
  });

  function filter() {
    var q = search.value.trim().toLowerCase();
    var ind = indicator.value;
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = (q === '' || haystack[i].indexOf(q) >= 0) &&
        (ind === '' || (' ' + row.getAttribute('data-ind') + ' ').indexOf(' ' + ind + ' ') >= 0) &&
        selects.every(function (s) { return s.value === '' || row.getAttribute(s.getAttribute('data-attr')) === s.value; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = template.replace('{n}', String(shown)).replace('{t}', String(rows.length));
  }

  search.addEventListener('input', filter);
  selects.forEach(function (s) { s.addEventListener('change', filter); });
  indicator.addEventListener('change', filter);
})();
`;
