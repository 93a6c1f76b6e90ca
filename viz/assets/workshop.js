// The workshop dashboard: controls post settings; results come back by long polling as runs finish.
(function () {
  "use strict";
  const C = window.RevolveCharts;
  const S = JSON.parse(document.getElementById("workshop-spec").textContent);
  // The server answers API requests only with this session's token, which only the page it served holds
  // (viz/workshop_server.py): other web pages open in the browser cannot drive or read the workshop.
  const api = { "X-Revolve-Token": S.token };
  const colours = { [S.baseline]: "#000000", [S.yours]: "#0072B2" };
  const charts = {};
  window.workshopCharts = charts; // for the browser tests
  const form = document.getElementById("controls");
  const status = document.getElementById("status");
  const measure = document.getElementById("series-measure");
  const yearlyMeasure = document.getElementById("yearly-measure");
  let latest = null;

  function show(control, value) {
    return control.kind === "choice" ? Object.fromEntries(control.options)[value] : `${Number(value).toLocaleString("en-GB")} ${control.unit}`;
  }

  // A slider marks its baseline value: a tick on the track (a datalist) and the value written under it.
  function slider(c) {
    const input = Object.assign(document.createElement("input"), { type: "range", min: c.minimum, max: c.maximum, step: c.step });
    const ticks = Object.assign(document.createElement("datalist"), { id: `baseline-${c.key}` });
    ticks.append(Object.assign(document.createElement("option"), { value: c.value, label: "baseline" }));
    input.setAttribute("list", ticks.id);
    input.setAttribute("value", c.value);  // its default: "Back to the baseline" and the tests read it
    return [input, ticks];
  }

  // Where an effect's size comes from: its status in the parameter file, and its source.
  function provenance(c) {
    const p = Object.assign(document.createElement("p"), { className: "provenance" });
    p.append(Object.assign(document.createElement("span"), { className: `status ${c.status}`, textContent: c.status }),
      ` ${c.source}`);
    return p;
  }

  function build() {
    const groups = { intervention: document.getElementById("controls-interventions"), effect: document.getElementById("controls-effects") };
    S.controls.forEach((c) => {
      const div = Object.assign(document.createElement("div"), { className: "control" });
      const label = Object.assign(document.createElement("label"), { htmlFor: `control-${c.key}`, textContent: c.label });
      let input, extra = [];
      if (c.kind === "choice") {
        input = document.createElement("select");
        c.options.forEach(([v, t]) => input.add(new Option(t, v)));
      } else {
        [input, ...extra] = slider(c);
      }
      Object.assign(input, { id: `control-${c.key}`, name: c.key, value: c.value });
      const out = Object.assign(document.createElement("output"), { htmlFor: input.id, textContent: show(c, c.value) });
      input.addEventListener(c.kind === "choice" ? "change" : "input", () => { out.textContent = show(c, input.value); send(); });
      div.append(label, input, ...extra);
      if (c.kind !== "choice") {
        div.append(out, Object.assign(document.createElement("span"), { className: "baseline-mark", textContent: ` baseline: ${show(c, c.value)}` }));
      }
      div.append(Object.assign(document.createElement("p"), { textContent: c.help }));
      if (c.group === "effect") div.append(provenance(c));
      (groups[c.group] || form).append(div);
    });
  }

  function settings() {
    return Object.fromEntries(S.controls.map((c) => {
      const v = form.elements[c.key].value;
      return [c.key, c.kind === "choice" ? v : Number(v)];
    }));
  }

  let sending = false, again = false;
  async function send() {
    if (sending) { again = true; return; }
    sending = true;
    status.textContent = "Running the model with your choices…";
    try {
      await fetch("/api/settings", { method: "POST", headers: { ...api, "Content-Type": "application/json" }, body: JSON.stringify(settings()) });
    } finally {
      sending = false;
      if (again) { again = false; send(); }
    }
  }

  function describe(r) {
    if (r.error) return `The model could not run these choices: ${r.error}`;
    const done = r.runs >= r.target;
    return `${done ? "Final" : "Quick look"}: ${r.runs} of ${r.target} runs` +
      `${r.version ? `, ${r.seconds.toFixed(1)} s after your last change` : ""}${done ? "." : "; refining as more runs finish…"}`;
  }

  function draw(r) {
    status.textContent = describe(r);
    status.className = r.error ? "error" : "";
    if (!r.series) return;
    if (!measure.options.length) {
      Object.entries(r.series).forEach(([m, s]) => measure.add(new Option(s.label, m)));
    }
    const s = r.series[measure.value];
    if (charts.rough) charts.rough.destroy();
    charts.rough = C.fan(document.getElementById("chart-rough"), {
      time: r.time, unit: s.unit,
      scenarios: [S.baseline, S.yours].map((name) => ({ name, colour: colours[name], q: s.scenarios[name] })),
    });
    if (charts.outcomes) charts.outcomes.destroy();
    charts.outcomes = C.ranges(document.getElementById("chart-outcomes"), {
      categories: r.outcomes.map((o) => `${o.label} (${o.better < 0 ? "fewer" : "more"} is better)`), horizontal: true,
      limit: C.percentLimit(r.outcomes.flatMap((o) => o.change.slice(3, 6))), kind: "percent", title: `change from the baseline over ${S.horizon} years, %`,
      series: [{ name: S.yours, colour: colours[S.yours], values: r.outcomes.map((o) => o.change.slice(3, 6)) }],
    });
    if (charts.payers) charts.payers.destroy();
    charts.payers = C.payers(document.getElementById("chart-payers"), r.payers);
    drawYearly(r);
  }

  // The change from the baseline year by year, where the early dip of a service being set up shows.
  function drawYearly(r) {
    if (!yearlyMeasure.options.length) {
      Object.entries(r.yearly).forEach(([m, y]) => yearlyMeasure.add(new Option(y.label, m)));
    }
    const y = r.yearly[yearlyMeasure.value];
    if (charts.yearly) charts.yearly.destroy();
    charts.yearly = C.yearly(document.getElementById("chart-yearly"), {
      periods: y.periods, unit: y.unit, series: [{ name: S.yours, colour: colours[S.yours], values: y.change }],
    });
  }

  function adopt(values) {
    S.controls.forEach((c) => {
      if (!(c.key in values)) return;
      const input = form.elements[c.key];
      input.value = values[c.key];
      const out = input.parentElement.querySelector("output");
      if (out) out.textContent = show(c, input.value);
    });
  }

  async function poll() {
    let have = 0;
    for (;;) {
      try {
        const response = await fetch(`/api/result?have=${have}`, { headers: api });
        const r = await response.json();
        if (r.seq > have) {
          if (!have) adopt(r.settings); // another screen may have moved the controls before this page loaded
          have = r.seq; latest = r; draw(r);
          window.workshopShown = r; // for the browser tests: the result on screen, with its settings
        }
      } catch (e) {
        status.textContent = "Lost contact with the workshop server; is it still running?";
        await new Promise((ok) => setTimeout(ok, 1000));
      }
    }
  }

  measure.addEventListener("change", () => latest && draw(latest));
  yearlyMeasure.addEventListener("change", () => latest && latest.yearly && drawYearly(latest));
  document.getElementById("reset").addEventListener("click", () => {
    S.controls.forEach((c) => {
      form.elements[c.key].value = c.value;
      form.elements[c.key].dispatchEvent(new Event(c.kind === "choice" ? "change" : "input"));
    });
  });
  document.getElementById("snapshot").addEventListener("click", async () => {
    const out = document.getElementById("snapshot-result");
    out.textContent = "Saving: running the comparison and writing the report…";
    const response = await fetch("/api/snapshot", { method: "POST", headers: api, body: "{}" });
    const r = await response.json();
    if (r.error) { out.textContent = `Could not save: ${r.error}`; return; }
    out.innerHTML = "";
    out.append("Saved: ", Object.assign(document.createElement("a"), { href: r.url, target: "_blank", textContent: r.path }));
  });
  build();
  poll();
})();
