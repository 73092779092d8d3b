/* The WSIS team's vote charts (Chart.js, served from this site). Each chart is drawn from the
   table that is its text alternative, so the two never differ; on the live page the figures
   are fetched again from live.json every few seconds and both are updated. Without JavaScript
   the tables alone are shown. No inline script: the data travels in the tables' cells. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;

  // Okabe-Ito: told apart with the common colour-vision deficiencies; lines also differ by dash.
  var COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D00"];
  var DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3]];
  var rtl = document.documentElement.dir === "rtl";

  function number(text) { return parseInt((text || "").replace(/[^0-9]/g, ""), 10) || 0; }

  function countsFromTable(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    return {
      labels: rows.map(function (r) { return r.querySelector("[data-cell=title]").textContent.trim(); }),
      values: rows.map(function (r) { return number(r.querySelector("[data-cell=votes]").textContent); })
    };
  }

  function timelineFromTable(table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead [data-series]"),
      function (th) { return th.getAttribute("data-series"); });
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr")).reverse(); // oldest first
    return {
      labels: rows.map(function (r) { return r.querySelector("[data-label]").textContent.trim(); }),
      series: names.map(function (name, i) {
        return { category: name, values: rows.map(function (r) { return number(r.querySelectorAll("td")[i].textContent); }) };
      })
    };
  }

  function base(indexAxis) {
    return {
      animation: { duration: 300 }, maintainAspectRatio: false, indexAxis: indexAxis || "x",
      plugins: { legend: { rtl: rtl } },
      scales: { x: { reverse: rtl && indexAxis !== "y", ticks: { precision: 0 } },
                y: { beginAtZero: true, ticks: { precision: 0 } } }
    };
  }

  function barChart(canvas, data, horizontal) {
    var options = base(horizontal ? "y" : "x");
    options.plugins.legend.display = false;
    return new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: canvas.getAttribute("aria-label"), data: data.values,
        backgroundColor: data.labels.map(function (_, i) { return COLOURS[i % COLOURS.length]; }) }] },
      options: options
    });
  }

  function lineDatasets(series) {
    return series.map(function (s, i) {
      return { label: s.category, data: s.values, borderColor: COLOURS[i % COLOURS.length],
               backgroundColor: COLOURS[i % COLOURS.length], borderDash: DASHES[i % DASHES.length],
               pointRadius: 2, tension: 0.1 };
    });
  }

  function lineChart(canvas, data) {
    return new Chart(canvas, { type: "line", data: { labels: data.labels, datasets: lineDatasets(data.series) },
                               options: base() });
  }

  // Percent with a decimal; an empty cell (share unknown) is a gap, not a zero.
  function percent(text) { return text === null || text === "" ? null : parseFloat(text); }

  // Each nominee's share of votes from new accounts beside the rest of its category's: one
  // pair of bars per row of the table, the series named by its column headers.
  function shareChart(canvas, table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var series = ["share", "rest"].map(function (name, i) {
      return { label: table.querySelector('thead [data-series="' + name + '"]').textContent.trim(),
               data: rows.map(function (r) { return percent(r.getAttribute("data-" + name)); }),
               backgroundColor: COLOURS[i === 0 ? 1 : 0] };
    });
    var options = base("y");
    options.scales.x.max = 100;
    return new Chart(canvas, { type: "bar", options: options,
      data: { labels: rows.map(function (r) { return r.getAttribute("data-bar-label"); }), datasets: series } });
  }

  var charts = { counts: {}, timeline: null };

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute("data-table"));
    if (!table) return;
    var kind = canvas.getAttribute("data-chart");
    if (kind === "counts") {
      charts.counts[canvas.getAttribute("data-category")] = barChart(canvas, countsFromTable(table), false);
    } else if (kind === "timeline") {
      charts.timeline = lineChart(canvas, timelineFromTable(table));
    } else if (kind === "bursts") {
      var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
      barChart(canvas, {
        labels: rows.map(function (r) { return r.getAttribute("data-bar-label"); }),
        values: rows.map(function (r) { return number(r.getAttribute("data-bar-value")); })
      }, true);
    } else if (kind === "new-accounts") {
      shareChart(canvas, table);
    }
  });

  // The live page: fetch the same figures again and redraw (the tables too).
  var live = document.getElementById("live");
  if (!live) return;
  var url = live.getAttribute("data-live-url");
  var every = Math.max(5, parseInt(live.getAttribute("data-refresh"), 10) || 15) * 1000;

  function update(found) {
    found.categories.forEach(function (category) {
      var chart = charts.counts[category.category];
      if (!chart) return;
      chart.data.labels = category.nominees.map(function (n) { return n.title; });
      chart.data.datasets[0].data = category.nominees.map(function (n) { return n.votes; });
      chart.update();
      var table = document.getElementById(chart.canvas.getAttribute("data-table"));
      category.nominees.forEach(function (n) {
        var row = table && table.querySelector('tr[data-nominee="' + CSS.escape(n.nominee) + '"]');
        if (!row) return;
        row.querySelector("[data-cell=votes]").textContent = n.votes;
        row.querySelector("[data-cell=rank]").textContent = n.rank;
        row.querySelector("[data-cell=share]").textContent = n.share.toFixed(1) + " %";
      });
    });
    if (charts.timeline) {
      charts.timeline.data.labels = found.timeline.labels;
      charts.timeline.data.datasets = lineDatasets(found.timeline.series);
      charts.timeline.update();
    }
    live.setAttribute("data-updated", found.as_of);
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (found) { if (found) update(found); })
      .catch(function () { /* the next poll tries again; the page still shows the last figures */ })
      .then(function () { window.setTimeout(poll, every); });
  }
  window.setTimeout(poll, every);
})();
