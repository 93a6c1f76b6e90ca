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

  function fmt(x, signed) {
    if (x === null || x === undefined || !isFinite(x)) return "n/a";
    const a = Math.abs(x);
    const text = a >= 100 ? Math.round(x).toLocaleString("en-GB")
      : x.toLocaleString("en-GB", { maximumSignificantDigits: 3 });
    return (signed && x > 0 ? "+" : "") + text.replace("-", "\u2212");
  }

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
          g.strokeStyle = "#111"; g.fillStyle = "#111"; g.lineWidth = 3;
          g.beginPath();
          if (v !== m) {
            const text = fmt(m, true) + (ds.suffix || "");
            beyondScale(g, horizontal, p, horizontal ? y : x, Math.sign(m), text);
            chart.$beyondScale.push(`${chart.data.labels[k]}: ${text}`);
          } else if (horizontal) { g.moveTo(p, y - height / 2 - 3); g.lineTo(p, y + height / 2 + 3); g.stroke(); }
          else { g.moveTo(x - width / 2 - 3, p); g.lineTo(x + width / 2 + 3, p); g.stroke(); }
          g.restore();
        });
      });
    },
  };

  // An arrow pointing off the scale at pixel `edge` (value axis) and `across` (category axis), with the value
  // written just inside the edge.
  function beyondScale(g, horizontal, edge, across, direction, text) {
    const tip = 12 * direction;
    if (horizontal) { g.moveTo(edge, across); g.lineTo(edge - tip, across - 9); g.lineTo(edge - tip, across + 9); }
    else { g.moveTo(across, edge); g.lineTo(across - 9, edge + tip); g.lineTo(across + 9, edge + tip); }
    g.closePath(); g.fill();
    g.font = `bold ${Chart.defaults.font.size - 2}px ${Chart.defaults.font.family}`;
    g.textBaseline = "middle";
    g.textAlign = horizontal ? (direction > 0 ? "right" : "left") : "center";
    const gap = 16 * direction;
    if (horizontal) g.fillText(text, edge - gap, across);
    else g.fillText(text, across, edge + gap + 6 * direction);
  }

  // Fan chart: per scenario, median line with 50% and 90% bands. spec: {time, unit, scenarios: [{name, colour,
  // q: {p05, p25, p50, p75, p95}, hidden}]}
  function fan(canvas, spec) {
    const datasets = [];
    spec.scenarios.forEach((s) => {
      const pts = (key) => spec.time.map((t, i) => ({ x: t, y: s.q[key][i] }));
      const common = { scenario: s.name, pointRadius: 0, hidden: !!s.hidden, borderWidth: 0 };
      datasets.push({ ...common, label: `${s.name} 5%`, data: pts("p05"), fill: false, band: true });
      datasets.push({ ...common, label: `${s.name} 95%`, data: pts("p95"), fill: "-1",
        backgroundColor: alpha(s.colour, 0.13), band: true });
      datasets.push({ ...common, label: `${s.name} 25%`, data: pts("p25"), fill: false, band: true });
      datasets.push({ ...common, label: `${s.name} 75%`, data: pts("p75"), fill: "-1",
        backgroundColor: alpha(s.colour, 0.3), band: true });
      datasets.push({ ...common, label: s.name, data: pts("p50"), borderColor: s.colour, borderWidth: 3,
        backgroundColor: s.colour, q: s.q });
    });
    return new Chart(canvas, {
      type: "line",
      data: { datasets },
      options: {
        parsing: false, normalized: true, interaction: { mode: "index", intersect: false },
        scales: {
          x: years(spec),
          y: { beginAtZero: true, title: { display: true, text: spec.unit } },
        },
        plugins: {
          legend: { display: spec.legend !== false, labels: { filter: (item, data) => !data.datasets[item.datasetIndex].band },
            onClick: (e, item, legend) => toggleScenario(legend.chart, legend.chart.data.datasets[item.datasetIndex].scenario) },
          tooltip: {
            filter: (item) => !item.dataset.band,
            callbacks: {
              title: (items) => items.length ? `year ${items[0].parsed.x.toFixed(2)} (week ${items[0].dataIndex + 1})` : "",
              label: (item) => {
                const q = item.dataset.q, i = item.dataIndex;
                return `${item.dataset.label}: ${fmt(q.p50[i])} (50%: ${fmt(q.p25[i])} to ${fmt(q.p75[i])}; ` +
                  `90%: ${fmt(q.p05[i])} to ${fmt(q.p95[i])})`;
              },
            },
          },
        },
      },
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

  // Floating bars of ranges with the mean marked. spec: {categories, horizontal, title, limit, series:
  // [{name, colour, values: [[mean, low, high], ...]}], format}
  function ranges(canvas, spec) {
    const limit = spec.limit;
    const clip = (v) => (limit && v !== null ? Math.max(-limit, Math.min(limit, v)) : v);
    const datasets = spec.series.map((s) => ({
      label: s.name, backgroundColor: alpha(s.colour, 0.75), borderColor: s.colour, borderWidth: 1,
      data: s.values.map((v) => (v[1] === null ? null : [clip(v[1]), clip(v[2])])),
      means: s.values.map((v) => v[0]), raw: s.values, hidden: !!s.hidden, suffix: spec.suffix,
      barPercentage: 0.9, categoryPercentage: 0.85,
    }));
    const valueAxis = { title: { display: true, text: spec.title }, grid: { color: (c) => (c.tick.value === 0 ? "#333" : "#ddd"), lineWidth: (c) => (c.tick.value === 0 ? 2 : 1) },
      ticks: { callback: (v) => fmt(v, true) + (spec.suffix || "") } };
    if (limit) { valueAxis.min = -limit; valueAxis.max = limit; valueAxis.ticks.stepSize = limit / 4; }
    return new Chart(canvas, {
      type: "bar",
      data: { labels: spec.categories, datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        scales: spec.horizontal ? { x: valueAxis, y: { ticks: { autoSkip: false } } }
          : { y: valueAxis, x: { ticks: { autoSkip: false } } },
        interaction: { mode: "nearest", intersect: true },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => {
                const v = item.dataset.raw[item.dataIndex];
                const s = spec.suffix || "";
                return `${item.dataset.label}: ${fmt(v[0], true)}${s} (90%: ${fmt(v[1], true)}${s} to ${fmt(v[2], true)}${s})`;
              },
            },
          },
        },
      },
      plugins: [meanTicks],
    });
  }

  // Change per year with its 90% band, one line per scenario. spec: {periods, unit, series: [{name, colour,
  // values: [[mean, low, high] per period]}]}
  function yearly(canvas, spec) {
    const datasets = [];
    spec.series.forEach((s) => {
      const common = { scenario: s.name, pointRadius: 0, borderWidth: 0, band: true, hidden: !!s.hidden };
      datasets.push({ ...common, label: `${s.name} low`, data: s.values.map((v) => v[1]), fill: false });
      datasets.push({ ...common, label: `${s.name} high`, data: s.values.map((v) => v[2]), fill: "-1",
        backgroundColor: alpha(s.colour, 0.18) });
      datasets.push({ label: s.name, scenario: s.name, data: s.values.map((v) => v[0]), raw: s.values,
        borderColor: s.colour, backgroundColor: s.colour, borderWidth: 3, pointRadius: 4, hidden: !!s.hidden });
    });
    return new Chart(canvas, {
      type: "line",
      data: { labels: spec.periods, datasets },
      options: {
        interaction: { mode: "index", intersect: false },
        scales: { y: { title: { display: true, text: `change from the baseline, ${spec.unit}` },
          ticks: { callback: (v) => fmt(v, true) },
          grid: { color: (c) => (c.tick.value === 0 ? "#333" : "#ddd"), lineWidth: (c) => (c.tick.value === 0 ? 2 : 1) } },
          x: { title: { display: true, text: "year" } } },
        plugins: {
          legend: { labels: { filter: (item, data) => !data.datasets[item.datasetIndex].band },
            onClick: (e, item, legend) => toggleScenario(legend.chart, legend.chart.data.datasets[item.datasetIndex].scenario) },
          tooltip: { filter: (item) => !item.dataset.band,
            callbacks: { label: (item) => { const v = item.dataset.raw[item.dataIndex];
              return `${item.dataset.label}: ${fmt(v[0], true)} (90%: ${fmt(v[1], true)} to ${fmt(v[2], true)})`; } } },
        },
      },
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
          y: { stacked: true, beginAtZero: true, title: { display: true, text: "people (mean over runs)" } } },
        plugins: { title: { display: true, text: spec.title, font: { size: 19, weight: "bold" }, align: "start" },
          legend: { position: "bottom", reverse: true, labels: { boxWidth: 18 } },
          tooltip: { itemSort: (a, b) => b.datasetIndex - a.datasetIndex,
            callbacks: { title: (items) => items.length ? `year ${items[0].parsed.x.toFixed(2)}` : "",
              label: (item) => `${item.dataset.label}: ${fmt(item.raw.y)}` } } },
      },
    });
  }

  // Change in cost by payer: the range with its mean, and the option's own cost hatched. spec: {names,
  // change: [[mean, low, high]], spent: [...]} in GBP.
  function payers(canvas, spec) {
    const m = (v) => (v === null ? null : v / 1e6);
    const change = spec.change.map((v) => v.map(m));
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.names,
        datasets: [
          { label: "change in cost (90% range; line: mean)", data: change.map((v) => [v[1], v[2]]), means: change.map((v) => v[0]),
            raw: change, backgroundColor: change.map((v) => (v[0] < 0 ? alpha("#0072B2", 0.8) : alpha("#E69F00", 0.8))),
            borderColor: "#333", borderWidth: 1 },
          { label: "the option's own cost (discounted)", data: spec.spent.map((v) => [0, m(v)]),
            raw: spec.spent.map((v) => [m(v), m(v), m(v)]), backgroundColor: hatch("#444"), borderColor: "#444", borderWidth: 1 },
        ],
      },
      options: {
        indexAxis: "y",
        scales: { x: { title: { display: true, text: "change in cost, £ million (negative: saves)" },
          ticks: { callback: (v) => fmt(v, true) },
          grid: { color: (c) => (c.tick.value === 0 ? "#333" : "#ddd"), lineWidth: (c) => (c.tick.value === 0 ? 2 : 1) } },
          y: { ticks: { autoSkip: false } } },
        plugins: {
          legend: { labels: { generateLabels: () => [
            { text: "saves: cost falls (90% range; line: mean)", fillStyle: alpha("#0072B2", 0.8), strokeStyle: "#333", lineWidth: 1 },
            { text: "pays more", fillStyle: alpha("#E69F00", 0.8), strokeStyle: "#333", lineWidth: 1 },
            { text: "the option's own cost (discounted)", fillStyle: hatch("#444"), strokeStyle: "#444", lineWidth: 1 },
          ] }, onClick: () => {} },
          tooltip: { callbacks: { label: (item) => { const v = item.dataset.raw[item.dataIndex];
          return item.datasetIndex === 0 ? `change: £${fmt(v[0], true)}m (90%: ${fmt(v[1], true)} to ${fmt(v[2], true)})`
            : `the option's own cost: £${fmt(v[0])}m`; } } },
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
            title: { display: true, text: spec.xTitle }, ticks: { callback: (v) => "£" + fmt(v) } },
          y: { min: 0, max: 100, title: { display: true, text: spec.yTitle }, ticks: { callback: (v) => `${v}%` } },
        },
        plugins: { tooltip: { callbacks: {
          title: (items) => (items.length ? `£${fmt(items[0].parsed.x)} ${spec.xUnit}` : ""),
          label: (item) => `${item.dataset.label}: ${fmt(item.parsed.y)}%` } } },
      },
    });
  }

  window.RevolveCharts = { fan, ranges, yearly, stacked, payers, curves, toggleScenario, percentLimit, fmt, alpha };
})();
