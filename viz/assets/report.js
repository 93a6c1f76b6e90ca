// The report's interactive charts, drawn from the JSON inlined in the page (viz/report.py writes it).
(function () {
  "use strict";
  const C = window.RevolveCharts;
  const D = JSON.parse(document.getElementById("report-data").textContent);
  const colour = Object.fromEntries(D.scenarios.map((s) => [s.name, s.colour]));
  const alternatives = D.scenarios.slice(1).map((s) => s.name);
  const charts = {};
  window.revolveCharts = charts; // for the browser tests: every chart the page drew

  function fill(select, entries) {
    entries.forEach(([value, text]) => select.add(new Option(text, value)));
  }

  function direction(b) {
    return b < 0 ? " (fewer is better)" : b > 0 ? " (more is better)" : "";
  }

  // People's outcomes: % change with 90% ranges; the scale is cut at 100% so small counts don't hide the rest.
  function outcomes() {
    const limit = C.percentLimit(D.outcomes.flatMap((o) => Object.values(o.changes).flatMap((c) => c.slice(3, 6))));
    charts.outcomes = C.ranges(document.getElementById("chart-outcomes"), {
      categories: D.outcomes.map((o) => [o.label + direction(o.better)]),
      horizontal: true, limit, suffix: "%",
      title: `change from the baseline over ${D.horizon} years, %`,
      series: alternatives.map((s) => ({ name: s, colour: colour[s],
        values: D.outcomes.map((o) => (o.changes[s] ? o.changes[s].slice(3) : [null, null, null])) })),
    });
  }

  function series() {
    const select = document.getElementById("series-measure");
    fill(select, Object.entries(D.series.measures).map(([m, s]) => [m, s.label]));
    const shown = new Set([D.baseline, alternatives[alternatives.length - 1]]);
    const toggles = document.getElementById("series-toggles");
    D.scenarios.forEach((s) => {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox"; box.checked = shown.has(s.name); box.dataset.scenario = s.name;
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
        time: D.series.time, unit: m.unit, legend: false,
        scenarios: D.scenarios.map((s) => ({ name: s.name, colour: s.colour, q: m.scenarios[s.name], hidden: !shown.has(s.name) })),
      });
    };
    select.addEventListener("change", draw);
    draw();
  }

  function yearly() {
    const select = document.getElementById("yearly-measure");
    fill(select, Object.entries(D.yearly).map(([m, y]) => [m, y.label + direction(y.better)]));
    const draw = () => {
      const y = D.yearly[select.value];
      if (charts.yearly) charts.yearly.destroy();
      charts.yearly = C.yearly(document.getElementById("chart-yearly"), {
        periods: y.periods, unit: y.unit,
        series: alternatives.map((s) => ({ name: s, colour: colour[s], values: y.scenarios[s] })),
      });
    };
    select.addEventListener("change", draw);
    draw();
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
  }

  function groups() {
    const select = document.getElementById("groups-measure");
    fill(select, Object.entries(D.groups.measures).map(([m, g]) => [m, g.label + direction(g.better)]));
    const draw = () => {
      const g = D.groups.measures[select.value];
      if (charts.groups) charts.groups.destroy();
      charts.groups = C.ranges(document.getElementById("chart-groups"), {
        categories: D.groups.names, suffix: "%", title: "change from the baseline, %",
        series: alternatives.map((s) => ({ name: s, colour: colour[s], values: g.scenarios[s] })),
      });
    };
    select.addEventListener("change", draw);
    draw();
  }

  function payers() {
    const select = document.getElementById("payers-scenario");
    fill(select, alternatives.map((s) => [s, s]));
    select.value = alternatives[alternatives.length - 1];
    const draw = () => {
      if (charts.payers) charts.payers.destroy();
      const p = D.payers.scenarios[select.value];
      charts.payers = C.payers(document.getElementById("chart-payers"), { names: D.payers.names, change: p.change, spent: p.spent });
    };
    select.addEventListener("change", draw);
    draw();
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
        categories: alternatives, horizontal: true, title: `change from the baseline, ${o.unit}`,
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
  }

  outcomes(); uncertainty(); series(); yearly(); states(); groups(); payers(); assumptions();
})();
