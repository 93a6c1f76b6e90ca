// The report's interactive charts, drawn from the JSON inlined in the page (viz/report.py writes it). One option is
// highlighted in every chart, the others muted; each chart's title states what it shows for that option (worked out
// from the ranges by viz/findings.py), and a link under it downloads its numbers as CSV.
(function () {
  "use strict";
  const C = window.RevolveCharts;
  const D = JSON.parse(document.getElementById("report-data").textContent);
  const colour = Object.fromEntries(D.scenarios.map((s) => [s.name, s.colour]));
  const alternatives = D.scenarios.slice(1).map((s) => s.name);
  const charts = {};
  const redraw = [];  // what to draw again when the highlighted option changes
  const tables = {};  // chart -> () => [header, ...rows], the numbers its download gives
  window.revolveCharts = charts; // for the browser tests: every chart the page drew
  const highlight = document.getElementById("highlight");
  const picked = () => highlight.value;

  function fill(select, entries) {
    entries.forEach(([value, text]) => select.add(new Option(text, value)));
  }

  function direction(b) {
    return b < 0 ? " (fewer is better)" : b > 0 ? " (more is better)" : "";
  }

  // A chart's title: the finding for the highlighted option.
  function title(id, text) {
    const element = document.getElementById(id);
    if (element && text) element.textContent = text;
  }
  const findings = () => D.board.titles[picked()];

  // Each alternative as a series of a chart, muted unless highlighted.
  function options(values) {
    return alternatives.map((s) => ({ name: s, colour: colour[s], values: values(s), muted: s !== picked() }));
  }

  // People's outcomes: % change with 90% ranges; the scale is cut at 100% so small counts don't hide the rest.
  function outcomes() {
    const limit = C.percentLimit(D.outcomes.flatMap((o) => Object.values(o.changes).flatMap((c) => c.slice(3, 6))));
    if (charts.outcomes) charts.outcomes.destroy();
    charts.outcomes = C.ranges(document.getElementById("chart-outcomes"), {
      categories: D.outcomes.map((o) => [o.label + direction(o.better)]),
      horizontal: true, limit, kind: "percent",
      title: `change from the baseline over ${D.horizon} years, %`,
      series: options((s) => D.outcomes.map((o) => (o.changes[s] ? o.changes[s].slice(3) : [null, null, null]))),
    });
    title("title-outcomes", findings().outcomes);
  }
  tables.outcomes = () => [["option", "outcome", "unit", "change", "change_low", "change_high", "change_percent",
    "change_percent_low", "change_percent_high"],
  ...alternatives.flatMap((s) => D.outcomes.map((o) => [s, o.label, o.unit, ...(o.changes[s] || [])]))];

  function series() {
    const select = document.getElementById("series-measure");
    fill(select, Object.entries(D.series.measures).map(([m, s]) => [m, s.label]));
    const shown = new Set(D.scenarios.map((s) => s.name));
    const toggles = document.getElementById("series-toggles");
    D.scenarios.forEach((s) => {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox"; box.checked = true; box.dataset.scenario = s.name;
      box.addEventListener("change", () => {
        box.checked ? shown.add(s.name) : shown.delete(s.name);
        C.toggleScenario(charts.series, s.name, box.checked);
      });
      label.append(box, Object.assign(document.createElement("span"), { className: "swatch", style: `background:${s.colour}` }), s.name);
      toggles.append(label);
    });
    const draw = () => {
      const m = D.series.measures[select.value];
      if (charts.series) charts.series.destroy();
      charts.series = C.fan(document.getElementById("chart-series"), {
        time: D.series.time, unit: m.unit,
        scenarios: D.scenarios.map((s) => ({ name: s.name, colour: s.colour, q: m.scenarios[s.name], hidden: !shown.has(s.name),
          muted: s.name !== D.baseline && s.name !== picked() })),
      });
      title("title-series", findings().series[select.value]);
    };
    select.addEventListener("change", draw);
    redraw.push(draw);
    draw();
    tables.series = () => {
      const m = D.series.measures[select.value];
      return [["scenario", "measure", "unit", "years_from_start", "p05", "p25", "p50", "p75", "p95"],
        ...D.scenarios.flatMap((s) => D.series.time.map((t, i) => [s.name, m.label, m.unit, t,
          ...["p05", "p25", "p50", "p75", "p95"].map((q) => m.scenarios[s.name][q][i])]))];
    };
  }

  function yearly() {
    const select = document.getElementById("yearly-measure");
    fill(select, Object.entries(D.yearly).map(([m, y]) => [m, y.label + direction(y.better)]));
    select.value = D.board.yearly;
    const draw = () => {
      const y = D.yearly[select.value];
      if (charts.yearly) charts.yearly.destroy();
      charts.yearly = C.yearly(document.getElementById("chart-yearly"), {
        periods: y.periods, unit: y.unit, series: options((s) => y.scenarios[s]),
      });
      title("title-yearly", findings().yearly[select.value]);
    };
    select.addEventListener("change", draw);
    redraw.push(draw);
    draw();
    tables.yearly = () => {
      const y = D.yearly[select.value];
      return [["option", "measure", "unit", "period", "change", "change_low", "change_high"],
        ...alternatives.flatMap((s) => y.periods.map((p, i) => [s, y.label, y.unit, p, ...y.scenarios[s][i]]))];
    };
  }

  function states() {
    const select = document.getElementById("states-scenario");
    fill(select, D.scenarios.map((s) => [s.name, s.name]));
    const holder = document.getElementById("states-charts");
    const draw = () => {
      Object.keys(D.states).forEach((domain, i) => {
        const key = `states${i}`;
        if (charts[key]) charts[key].destroy();
        let canvas = document.getElementById(`chart-${key}`);
        if (!canvas) {
          const div = Object.assign(document.createElement("div"), { className: "chart" });
          canvas = Object.assign(document.createElement("canvas"), { id: `chart-${key}`, role: "img" });
          canvas.dataset.chart = key;
          canvas.setAttribute("aria-label", `${domain}: people in each state over time`);
          div.append(canvas); holder.append(div);
        }
        const d = D.states[domain];
        charts[key] = C.stacked(canvas, { time: D.series.time, title: domain, states: d.states, values: d.scenarios[select.value] });
      });
    };
    select.addEventListener("change", draw);
    draw();
    tables.states = () => [["scenario", "domain", "state", "years_from_start", "people_mean"],
      ...Object.entries(D.states).flatMap(([domain, d]) => d.states.flatMap(([m, label]) =>
        D.series.time.map((t, i) => [select.value, domain, label, t, d.scenarios[select.value][m][i]])))];
  }

  function groups() {
    const select = document.getElementById("groups-measure");
    fill(select, Object.entries(D.groups.measures).map(([m, g]) => [m, g.label + direction(g.better)]));
    const draw = () => {
      const g = D.groups.measures[select.value];
      if (charts.groups) charts.groups.destroy();
      charts.groups = C.ranges(document.getElementById("chart-groups"), {
        categories: D.groups.names, kind: "percent", title: "change from the baseline, %",
        series: options((s) => g.scenarios[s]),
      });
      title("title-groups", findings().groups[select.value]);
    };
    select.addEventListener("change", draw);
    redraw.push(draw);
    draw();
    tables.groups = () => {
      const g = D.groups.measures[select.value];
      return [["option", "outcome", "group", "change_percent", "change_percent_low", "change_percent_high"],
        ...alternatives.flatMap((s) => D.groups.names.map((n, i) => [s, g.label, n.join(" "), ...g.scenarios[s][i]]))];
    };
  }

  function payers() {
    const draw = () => {
      if (charts.payers) charts.payers.destroy();
      const p = D.payers.scenarios[picked()];
      charts.payers = C.payers(document.getElementById("chart-payers"), { names: D.payers.names, change: p.change, spent: p.spent });
      title("title-payers", findings().payers);
    };
    redraw.push(draw);
    draw();
    tables.payers = () => [["option", "payer", "change_gbp", "change_low_gbp", "change_high_gbp", "own_cost_gbp"],
      ...alternatives.flatMap((s) => D.payers.names.map((n, i) => [s, n, ...D.payers.scenarios[s].change[i],
        D.payers.scenarios[s].spent[i]]))];
  }

  function assumptions() {
    const text = document.getElementById("param-filter");
    const status = document.getElementById("param-status");
    const rows = Array.from(document.querySelectorAll("#assumptions-table tbody tr"));
    const apply = () => {
      const words = text.value.trim().toLowerCase();
      rows.forEach((r) => {
        const ok = (!status.value || r.dataset.status === status.value) && (!words || r.textContent.toLowerCase().includes(words));
        r.hidden = !ok;
      });
    };
    text.addEventListener("input", apply);
    status.addEventListener("change", apply);
  }

  // A PSA's two kinds of range side by side, and its acceptability curves (viz/uncertainty.py says what they are).
  function uncertainty() {
    if (!D.psa) return;
    const select = document.getElementById("psa-measure");
    fill(select, D.psa.outcomes.map((o, i) => [i, o.label + direction(o.better)]));
    const draw = () => {
      const o = D.psa.outcomes[select.value];
      if (charts.psaRanges) charts.psaRanges.destroy();
      charts.psaRanges = C.ranges(document.getElementById("chart-psa-ranges"), {
        categories: alternatives, horizontal: true, title: `change from the baseline, ${C.unitText(o.unit)}`, kind: C.kindOf(o.unit),
        series: [["chance only", "#0072B2", "chance"], ["chance and parameters", "#D55E00", "both"]].map(([name, c, key]) => ({
          name, colour: c, values: alternatives.map((s) => (o.changes[s] ? o.changes[s][key] : [null, null, null])) })),
      });
    };
    select.addEventListener("change", draw);
    draw();
    const a = D.psa.ceac;
    charts.ceac = C.curves(document.getElementById("chart-ceac"), {
      x: a.wtp, xTitle: `willingness to pay, £ ${a.unit}`, xUnit: a.unit, yTitle: "chance of being best value, %",
      series: D.scenarios.map((s) => ({ name: s.name, colour: s.colour, values: a.best[s.name], dash: s.name === D.baseline ? [8, 6] : [] })),
    });
    tables["psa-ranges"] = () => {
      const o = D.psa.outcomes[select.value];
      return [["option", "outcome", "unit", "range", "change", "change_low", "change_high"],
        ...alternatives.flatMap((s) => ["chance", "both"].map((k) => [s, o.label, o.unit,
          k === "chance" ? "chance only" : "chance and parameters", ...((o.changes[s] || {})[k] || [])]))];
    };
    tables.ceac = () => [["option", `willingness_to_pay_gbp ${a.unit}`, "chance_best_value"],
      ...D.scenarios.flatMap((s) => a.wtp.map((w, i) => [s.name, w, a.best[s.name][i]]))];
  }

  // The numbers of a chart as CSV: quoted where needed, empty for a missing number.
  function csv(rows) {
    const cell = (v) => (v === null || v === undefined ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    return rows.map((r) => r.map(cell).join(",")).join("\n") + "\n";
  }

  // Each link under a chart downloads what the chart shows (the whole data of its current measure), built when clicked.
  function downloads() {
    document.querySelectorAll("a[data-download]").forEach((link) => {
      const key = link.dataset.download;
      if (!tables[key]) { link.parentElement.hidden = true; return; }
      link.addEventListener("click", () => {
        const blob = new Blob([csv(tables[key]())], { type: "text/csv;charset=utf-8" });
        if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
        link.href = URL.createObjectURL(blob);
        link.download = `${key}.csv`;
      });
    });
  }

  fill(highlight, alternatives.map((s) => [s, s]));
  highlight.value = D.board.highlight;
  highlight.addEventListener("change", () => {
    outcomes();
    redraw.forEach((draw) => draw());
    if (window.RevolveLives) window.RevolveLives.show(picked());
  });
  outcomes(); uncertainty(); series(); yearly(); states(); groups(); payers(); assumptions(); downloads();
  if (window.RevolveLives) window.RevolveLives.start(D, picked());
})();
