// Helpdesk Bridge ops console: the one script. It follows a replay while it runs, updating the
// table and the progress bar in place; without it the page still shows the state as of its load.
(function () {
  'use strict';
  var box = document.querySelector('[data-progress]');
  if (!box || !window.fetch) return;
  var url = box.getAttribute('data-progress');
  var bar = box.querySelector('progress');
  var summary = box.querySelector('[data-summary]');
  function cell(row, field) { return row.querySelector('[data-field="' + field + '"]'); }
  function set(row, field, text) { var c = cell(row, field); if (c) c.textContent = text == null ? '' : String(text); }
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (p) {
        p.rows.forEach(function (r) {
          var row = box.querySelector('tr[data-id="' + Number(r.id) + '"]');
          if (!row) return;
          var status = cell(row, 'status');
          if (status) { status.textContent = r.status; status.className = 'status status-' + r.status; }
          row.setAttribute('data-status', r.status);
          set(row, 'attempts', r.attempts);
          set(row, 'outcome', r.error || r.outcome || '');
        });
        if (bar) { bar.max = Math.max(1, p.total); bar.value = p.finished; }
        if (summary) summary.textContent = p.finished + ' of ' + p.total + ' finished, ' + p.dead + ' dead again';
        if (p.finished < p.total) setTimeout(poll, 1000); else box.setAttribute('data-done', 'true');
      })
      .catch(function (e) {
        if (summary) summary.textContent = 'Progress is not available (' + e.message + '); reload the page to see it.';
      });
  }
  poll();
})();
