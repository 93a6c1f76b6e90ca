// Chart builders shared by the report and the workshop (Chart.js 4, inlined). Each returns a Chart; every
// range is drawn as a band or a floating bar with its mean marked, and every value is in the tooltip.
(function () {
  "use strict";
  Chart.defaults.font.size = 17;
  Chart.defaults.font.family = '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.color = "#111";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.tooltip.titleFont = { size: 17 };
  Chart.defaults.plugins.tooltip.bodyFont = { size: 16 };

  // Numbers for people by the one rule of viz/assets/number_format.json, inlined in the page as #number-format; the
  // static figures (viz/numbers.py) and the command line follow the same file, and a test checks all three.
  const NUMBERS = JSON.parse(document.getElementById("number-format").textContent);
  const rounder = {};
  function text(x, kind = "count", signed = false) {
    if (x === null || x === undefined || !isFinite(x)) return "n/a";
    const rule = NUMBERS.kinds[kind];
    // Intl rounds the shortest decimal form, half away from zero, as the rule asks.
    rounder[kind] = rounder[kind] || [new Intl.NumberFormat("en-US", { maximumSignificantDigits: rule.significant, useGrouping: false }),
      new Intl.NumberFormat("en-GB", { maximumSignificantDigits: rule.significant })];
    const rounded = Number(rounder[kind][0].format(Math.abs(x)));
    if (rounded === 0) return `${rule.prefix}0${rule.suffix}`;
    const [scale, letters] = (kind === "money" && NUMBERS.scales.find(([s]) => rounded >= s)) || [1, ""];
    const sign = x < 0 ? NUMBERS.minus : signed ? "+" : "";
    return sign + rule.prefix + rounder[kind][1].format(rounded / scale) + letters + rule.suffix;
  }
  // The kind of number a unit holds, and how an axis names the unit.
  const kindOf = (unit) => ({ GBP: "money", "%": "percent" })[unit] || "count";
  const unitText = (unit) => (unit === "GBP" ? "£" : unit);

  // An option that is not highlighted: grey, so the highlighted one stands out (the baseline stays black).
  const MUTED = "#a6a6a6";

  function alpha(hex, a) {
    const n = parseInt(hex.slice(1), 16);
    return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
  }

  function hatch(colour) {
    const c = document.createElement("canvas");
    c.width = c.height = 10;
    const g = c.getContext("2d");
    g.fillStyle = "#fff"; g.fillRect(0, 0, 10, 10);
    g.strokeStyle = colour; g.lineWidth = 1.5;
    g.beginPath(); g.moveTo(0, 10); g.lineTo(10, 0); g.moveTo(-5, 5); g.lineTo(5, -5); g.moveTo(5, 15);
    g.lineTo(15, 5); g.stroke();
    return g.createPattern(c, "repeat");
  }

  const zeroLine = { color: (c) => (c.tick.value === 0 ? "#333" : "#ddd"), lineWidth: (c) => (c.tick.value === 0 ? 2 : 1) };

  // Marks each floating bar's mean (dataset.means) with a line across the bar. A mean beyond the scale (a
  // change of a small count, cut so it does not squash the rest) is an arrow at the edge with its value.
  const meanTicks = {
    id: "meanTicks",
    afterDatasetsDraw(chart) {
      const g = chart.ctx;
      chart.$beyondScale = []; // the labels of means drawn as arrows, for the browser tests
      chart.data.datasets.forEach((ds, i) => {
        if (!ds.means || !chart.isDatasetVisible(i)) return;
        const meta = chart.getDatasetMeta(i);
        const horizontal = chart.options.indexAxis === "y";
        const scale = horizontal ? chart.scales.x : chart.scales.y;
        meta.data.forEach((bar, k) => {
          const m = ds.means[k];
          if (m === null || m === undefined) return;
          const v = Math.max(scale.min, Math.min(scale.max, m));
          const p = scale.getPixelForValue(v);
          const { x, y, width, height } = bar.getProps(["x", "y", "width", "height"], true);
          g.save();
          g.strokeStyle = g.fillStyle = ds.muted ? "#777" : "#111"; g.lineWidth = ds.muted ? 2 : 3;
          g.beginPath();
          if (v !== m) {
            const label = text(m, ds.kind, true);
            beyondScale(g, horizontal, p, horizontal ? y : x, Math.sign(m), label);
            chart.$beyondScale.push(`${chart.data.labels[k]}: ${label}`);
          } else if (horizontal) { g.moveTo(p, y - height / 2 - 3); g.lineTo(p, y + height / 2 + 3); g.stroke(); }
          else { g.moveTo(x - width / 2 - 3, p); g.lineTo(x + width / 2 + 3, p); g.stroke(); }
          g.restore();
        });
      });
    },
  };

  // An arrow pointing off the scale at pixel `edge` (value axis) and `across` (category axis), with the value
  // written just inside the edge.
  function beyondScale(g, horizontal, edge, across, direction, label) {
    const tip = 12 * direction;
    if (horizontal) { g.moveTo(edge, across); g.lineTo(edge - tip, across - 9); g.lineTo(edge - tip, across + 9); }
    else { g.moveTo(across, edge); g.lineTo(across - 9, edge + tip); g.lineTo(across + 9, edge + tip); }
    g.closePath(); g.fill();
    g.font = `bold ${Chart.defaults.font.size - 2}px ${Chart.defaults.font.family}`;
    g.textBaseline = "middle";
    g.textAlign = horizontal ? (direction > 0 ? "right" : "left") : "center";
    const gap = 16 * direction;
    if (horizontal) g.fillText(label, edge - gap, across);
    else g.fillText(label, across, edge + gap + 6 * direction);
  }

  // Lines labelled directly: each visible dataset with `endLabel` has its name written right of its last point,
  // in its colour (muted options in dark grey), nudged apart so names never overlap. No legend to decode.
  const LABEL_FONT = () => `${Chart.defaults.font.size - 2}px ${Chart.defaults.font.family}`;
  const endLabels = {
    id: "endLabels",
    afterDatasetsDraw(chart) {
      const g = chart.ctx, area = chart.chartArea;
      const y = (d) => (d === null || d === undefined ? null : typeof d === "object" ? d.y : d);
      const names = [];
      chart.data.datasets.forEach((ds, i) => {
        if (!ds.endLabel || !chart.isDatasetVisible(i)) return;
        const points = chart.getDatasetMeta(i).data.filter((p, k) => y(ds.data[k]) !== null);
        if (points.length) names.push({ name: ds.label, y: points[points.length - 1].y, ds });
      });
      names.sort((a, b) => a.y - b.y);
      const gap = Chart.defaults.font.size + 1;
      names.forEach((n, k) => { if (k) n.y = Math.max(n.y, names[k - 1].y + gap); });
      const over = names.length ? names[names.length - 1].y - area.bottom : 0;
      if (over > 0) names.forEach((n) => { n.y -= over; });
      g.save();
      g.textBaseline = "middle";
      names.forEach((n) => {
        g.font = (n.ds.muted ? "" : "bold ") + LABEL_FONT();
        g.fillStyle = n.ds.muted ? "#555" : n.ds.borderColor;
        g.fillText(n.name, area.right + 8, n.y);
      });
      g.restore();
      chart.$endLabels = names.map((n) => n.name); // for the browser tests
    },
  };

  // Room right of the plot for the longest name written there.
  function labelRoom(names) {
    const g = document.createElement("canvas").getContext("2d");
    g.font = "bold " + LABEL_FONT();
    return 16 + Math.max(0, ...names.map((n) => g.measureText(n).width));
  }

  // Fan chart: per scenario, median line with 50% and 90% bands; a muted scenario is its median alone, thin and
  // grey. spec: {time, unit, scenarios: [{name, colour, q: {p05, p25, p50, p75, p95}, hidden, muted}]}
  function fan(canvas, spec) {
    const datasets = [];
    spec.scenarios.forEach((s) => {
      const pts = (key) => spec.time.map((t, i) => ({ x: t, y: s.q[key][i] }));
      const common = { scenario: s.name, pointRadius: 0, hidden: !!s.hidden, borderWidth: 0 };
      if (!s.muted) {
        datasets.push({ ...common, label: `${s.name} 5%`, data: pts("p05"), fill: false, band: true });
        datasets.push({ ...common, label: `${s.name} 95%`, data: pts("p95"), fill: "-1",
          backgroundColor: alpha(s.colour, 0.13), band: true });
        datasets.push({ ...common, label: `${s.name} 25%`, data: pts("p25"), fill: false, band: true });
        datasets.push({ ...common, label: `${s.name} 75%`, data: pts("p75"), fill: "-1",
          backgroundColor: alpha(s.colour, 0.3), band: true });
      }
      const colour = s.muted ? MUTED : s.colour;
      datasets.push({ ...common, label: s.name, data: pts("p50"), borderColor: colour, borderWidth: s.muted ? 2 : 3,
        backgroundColor: colour, q: s.q, muted: !!s.muted, endLabel: true, order: s.muted ? 1 : 0 });
    });
    const kind = kindOf(spec.unit);
    return new Chart(canvas, {
      type: "line",
      data: { datasets },
      options: {
        parsing: false, normalized: true, interaction: { mode: "index", intersect: false },
        layout: { padding: { right: labelRoom(spec.scenarios.map((s) => s.name)) } },
        scales: {
          x: years(spec),
          y: { beginAtZero: true, title: { display: true, text: unitText(spec.unit) }, ticks: { callback: (v) => text(v, kind) } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: (item) => !item.dataset.band,
            callbacks: {
              title: (items) => items.length ? `year ${items[0].parsed.x.toFixed(2)} (week ${items[0].dataIndex + 1})` : "",
              label: (item) => {
                const q = item.dataset.q, i = item.dataIndex, t = (v) => text(v, kind);
                return `${item.dataset.label}: ${t(q.p50[i])} (50%: ${t(q.p25[i])} to ${t(q.p75[i])}; ` +
                  `90%: ${t(q.p05[i])} to ${t(q.p95[i])})`;
              },
            },
          },
        },
      },
      plugins: [endLabels],
    });
  }

  // A time axis in whole years (the last week ends a few days after the last whole year).
  function years(spec) {
    const end = spec.time[spec.time.length - 1];
    return { type: "linear", min: 0, max: Math.abs(end - Math.round(end)) < 0.05 ? Math.round(end) : end,
      ticks: { stepSize: 1 }, title: { display: true, text: "years from the start" } };
  }

  function toggleScenario(chart, name, show) {
    chart.data.datasets.forEach((ds) => {
      if (ds.scenario === name) ds.hidden = show === undefined ? !ds.hidden : !show;
    });
    chart.update();
  }

  // A symmetric axis limit for percentages: the largest end within +-100% (larger ones run to the edge), rounded
  // up to a value whose quarters make round ticks.
  function percentLimit(ends) {
    const inside = ends.filter((v) => v !== null && isFinite(v)).map(Math.abs).filter((v) => v <= 100);
    const wanted = Math.max(4, ...inside) * 1.08;
    return [4, 8, 12, 20, 40, 60, 80, 100, 120].find((v) => v >= wanted);
  }

  // Floating bars of ranges with the mean marked; a muted series is grey. spec: {categories, horizontal, title,
  // limit, kind ("percent", "money" or "count"), series: [{name, colour, values: [[mean, low, high], ...], muted}]}
  function ranges(canvas, spec) {
    const limit = spec.limit, kind = spec.kind || "count";
    const clip = (v) => (limit && v !== null ? Math.max(-limit, Math.min(limit, v)) : v);
    const datasets = spec.series.map((s) => ({
      label: s.name, backgroundColor: s.muted ? alpha(MUTED, 0.55) : alpha(s.colour, 0.85),
      borderColor: s.muted ? MUTED : s.colour, borderWidth: 1,
      data: s.values.map((v) => (v[1] === null ? null : [clip(v[1]), clip(v[2])])),
      means: s.values.map((v) => v[0]), raw: s.values, hidden: !!s.hidden, kind, muted: !!s.muted,
      barPercentage: 0.9, categoryPercentage: 0.85,
    }));
    const valueAxis = { title: { display: true, text: spec.title }, grid: zeroLine,
      ticks: { callback: (v) => text(v, kind, true) } };
    if (limit) { valueAxis.min = -limit; valueAxis.max = limit; valueAxis.ticks.stepSize = limit / 4; }
    const t = (v) => text(v, kind, true);
    return new Chart(canvas, {
      type: "bar",
      data: { labels: spec.categories, datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        scales: spec.horizontal ? { x: valueAxis, y: { ticks: { autoSkip: false } } }
          : { y: valueAxis, x: { ticks: { autoSkip: false } } },
        interaction: { mode: "nearest", intersect: true },
        plugins: {
          tooltip: { callbacks: { label: (item) => {
            const v = item.dataset.raw[item.dataIndex];
            return `${item.dataset.label}: ${t(v[0])} (90%: ${t(v[1])} to ${t(v[2])})`;
          } } },
        },
      },
      plugins: [meanTicks],
    });
  }

  // Change per year, one line per scenario, labelled at its end; the highlighted ones with their 90% band, muted
  // ones thin and grey. spec: {periods, unit, series: [{name, colour, values: [[mean, low, high] per period], muted}]}
  function yearly(canvas, spec) {
    const datasets = [];
    spec.series.forEach((s) => {
      const common = { scenario: s.name, pointRadius: 0, borderWidth: 0, band: true, hidden: !!s.hidden };
      if (!s.muted) {
        datasets.push({ ...common, label: `${s.name} low`, data: s.values.map((v) => v[1]), fill: false });
        datasets.push({ ...common, label: `${s.name} high`, data: s.values.map((v) => v[2]), fill: "-1",
          backgroundColor: alpha(s.colour, 0.18) });
      }
      const colour = s.muted ? MUTED : s.colour;
      datasets.push({ label: s.name, scenario: s.name, data: s.values.map((v) => v[0]), raw: s.values,
        borderColor: colour, backgroundColor: colour, borderWidth: s.muted ? 2 : 3.5, pointRadius: s.muted ? 2 : 5,
        hidden: !!s.hidden, muted: !!s.muted, endLabel: true, order: s.muted ? 1 : 0 });
    });
    const kind = kindOf(spec.unit), t = (v) => text(v, kind, true);
    return new Chart(canvas, {
      type: "line",
      data: { labels: spec.periods, datasets },
      options: {
        interaction: { mode: "index", intersect: false },
        layout: { padding: { right: labelRoom(spec.series.map((s) => s.name)) } },
        scales: { y: { title: { display: true, text: `change from the baseline, ${unitText(spec.unit)}` },
          ticks: { callback: t }, grid: zeroLine },
          x: { title: { display: true, text: "year" } } },
        plugins: {
          legend: { display: false },
          tooltip: { filter: (item) => !item.dataset.band,
            callbacks: { label: (item) => { const v = item.dataset.raw[item.dataIndex];
              return `${item.dataset.label}: ${t(v[0])} (90%: ${t(v[1])} to ${t(v[2])})`; } } },
        },
      },
      plugins: [endLabels],
    });
  }

  // People in each state, stacked. spec: {time, title, states: [[measure, label]], values: {measure: [...]}}
  const STATE_COLOURS = ["#009E73", "#56B4E9", "#0072B2", "#E69F00", "#D55E00"];
  function stacked(canvas, spec) {
    const datasets = spec.states.map(([m, label], i) => ({
      label, data: spec.time.map((t, k) => ({ x: t, y: spec.values[m][k] })), fill: i === 0 ? "origin" : "-1",
      backgroundColor: alpha(STATE_COLOURS[i % 5], 0.85), borderColor: STATE_COLOURS[i % 5], borderWidth: 1, pointRadius: 0,
    }));
    return new Chart(canvas, {
      type: "line",
      data: { datasets },
      options: {
        parsing: false, normalized: true, interaction: { mode: "index", intersect: false },
        scales: { x: years(spec),
          y: { stacked: true, beginAtZero: true, title: { display: true, text: "people (mean over runs)" },
            ticks: { callback: (v) => text(v) } } },
        plugins: { title: { display: true, text: spec.title, font: { size: 19, weight: "bold" }, align: "start" },
          legend: { position: "bottom", reverse: true, labels: { boxWidth: 18 } },
          tooltip: { itemSort: (a, b) => b.datasetIndex - a.datasetIndex,
            callbacks: { title: (items) => items.length ? `year ${items[0].parsed.x.toFixed(2)}` : "",
              label: (item) => `${item.dataset.label}: ${text(item.raw.y)}` } } },
      },
    });
  }

  // Change in cost by payer: the range with its mean, and the option's own cost hatched. spec: {names,
  // change: [[mean, low, high]], spent: [...]}, all in GBP and written as money (£250k, £1.2m).
  function payers(canvas, spec) {
    const m = (v) => text(v, "money", true);
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.names,
        datasets: [
          { label: "change in cost (90% range; line: mean)", data: spec.change.map((v) => [v[1], v[2]]),
            means: spec.change.map((v) => v[0]), raw: spec.change, kind: "money",
            backgroundColor: spec.change.map((v) => (v[0] < 0 ? alpha("#0072B2", 0.8) : alpha("#E69F00", 0.8))),
            borderColor: "#333", borderWidth: 1 },
          { label: "the option's own cost (discounted)", data: spec.spent.map((v) => [0, v]),
            raw: spec.spent.map((v) => [v, v, v]), backgroundColor: hatch("#444"), borderColor: "#444", borderWidth: 1 },
        ],
      },
      options: {
        indexAxis: "y",
        scales: { x: { title: { display: true, text: "change in cost, £ (negative: saves)" },
          ticks: { callback: m }, grid: zeroLine },
          y: { ticks: { autoSkip: false } } },
        plugins: {
          legend: { labels: { generateLabels: () => [
            { text: "saves: cost falls (90% range; line: mean)", fillStyle: alpha("#0072B2", 0.8), strokeStyle: "#333", lineWidth: 1 },
            { text: "pays more", fillStyle: alpha("#E69F00", 0.8), strokeStyle: "#333", lineWidth: 1 },
            { text: "the option's own cost (discounted)", fillStyle: hatch("#444"), strokeStyle: "#444", lineWidth: 1 },
          ] }, onClick: () => {} },
          tooltip: { callbacks: { label: (item) => { const v = item.dataset.raw[item.dataIndex];
            return item.datasetIndex === 0 ? `change: ${m(v[0])} (90%: ${m(v[1])} to ${m(v[2])})`
              : `the option's own cost: ${text(v[0], "money")}`; } } },
        },
      },
      plugins: [meanTicks],
    });
  }

  // Probabilities against an amount of money (acceptability curves): one line per series, 0 to 100%. spec: {x,
  // xTitle, xUnit ("per week of rough sleeping avoided"), yTitle, series: [{name, colour, values: [share 0 to 1]}]}
  function curves(canvas, spec) {
    const datasets = spec.series.map((s) => ({
      label: s.name, data: spec.x.map((x, k) => ({ x, y: s.values[k] === null ? null : 100 * s.values[k] })),
      borderColor: s.colour, backgroundColor: s.colour, borderWidth: 3, pointRadius: 0, borderDash: s.dash || [],
    }));
    return new Chart(canvas, {
      type: "line",
      data: { datasets },
      options: {
        parsing: false, interaction: { mode: "index", intersect: false },
        scales: {
          x: { type: "linear", min: spec.x[0], max: spec.x[spec.x.length - 1],
            title: { display: true, text: spec.xTitle }, ticks: { callback: (v) => text(v, "money") } },
          y: { min: 0, max: 100, title: { display: true, text: spec.yTitle }, ticks: { callback: (v) => `${v}%` } },
        },
        plugins: { tooltip: { callbacks: {
          title: (items) => (items.length ? `${text(items[0].parsed.x, "money")} ${spec.xUnit}` : ""),
          label: (item) => `${item.dataset.label}: ${text(item.parsed.y, "percent")}` } } },
      },
    });
  }

  window.RevolveCharts = { fan, ranges, yearly, stacked, payers, curves, toggleScenario, percentLimit, text, kindOf,
    unitText, alpha, MUTED };
})();
