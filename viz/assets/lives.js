// Example lives: a few simulated people, each drawn as small timelines (one strip per part of life, coloured by
// state, week by week over the whole run) in the baseline and under the highlighted option. Drawn as SVG from the
// report's data (viz/board.py), so every stretch has its own tooltip.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const LABEL = 170, WIDTH = 1000, STRIP = 22, GAP = 6, AXIS = 30;  // [SVG units]
  let L = null, D = null;

  function element(name, attributes, parent) {
    const e = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
    if (parent) parent.append(e);
    return e;
  }

  // One scenario's life of one person: a strip per column, years along the bottom.
  function timeline(scenario, person) {
    const height = L.columns.length * (STRIP + GAP) + AXIS;
    const svg = element("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", class: "life",
      "aria-label": `${scenario}: person ${person}: ${L.stories[scenario][person]}` });
    const x = (step) => LABEL + ((WIDTH - LABEL - 10) * step) / L.steps;
    L.columns.forEach(([column, name, states], row) => {
      const y = row * (STRIP + GAP);
      element("text", { x: LABEL - 8, y: y + STRIP / 2, "text-anchor": "end", "dominant-baseline": "middle", class: "life-label" }, svg)
        .textContent = name;
      L.lives[scenario][person][column].forEach(([state, first, last]) => {
        const rect = element("rect", { x: x(first - 1), y, width: Math.max(0.5, x(last) - x(first - 1)), height: STRIP,
          fill: states[state][1], "data-state": states[state][0] }, svg);
        element("title", {}, rect).textContent =
          `${states[state][0]}: years ${((first - 1) * L.step_years).toFixed(1)} to ${(last * L.step_years).toFixed(1)}`;
      });
    });
    const years = Math.round(L.steps * L.step_years);
    for (let year = 0; year <= years; year += years > 5 ? 2 : 1) {
      const at = x(year / L.step_years);
      element("line", { x1: at, x2: at, y1: height - AXIS, y2: height - AXIS + 6, stroke: "#333" }, svg);
      element("text", { x: at, y: height - 6, "text-anchor": "middle", class: "life-axis" }, svg).textContent = `${year}`;
    }
    return svg;
  }

  function panel(scenario, person, baseline) {
    const div = Object.assign(document.createElement("div"), { className: "life-panel" });
    const head = Object.assign(document.createElement("p"), { className: "life-head" });
    head.append(Object.assign(document.createElement("strong"), { textContent: scenario }),
      baseline ? " (baseline): " : ": ", L.stories[scenario][person]);
    div.append(head, timeline(scenario, person));
    return div;
  }

  function legend() {
    const holder = document.getElementById("lives-legend");
    holder.innerHTML = "";
    L.columns.forEach(([, name, states]) => {
      const line = Object.assign(document.createElement("p"), { className: "life-legend" });
      line.append(Object.assign(document.createElement("strong"), { textContent: `${name}: ` }));
      states.forEach(([label, colour]) => {
        const item = Object.assign(document.createElement("span"), { className: "life-key" });
        item.append(Object.assign(document.createElement("span"), { className: "swatch", style: `background:${colour}` }), label);
        line.append(item);
      });
      holder.append(line);
    });
  }

  // Each person: the baseline beside the highlighted option.
  function show(option) {
    if (!L) return;
    const holder = document.getElementById("lives-people");
    holder.innerHTML = "";
    L.people.forEach(([person, about]) => {
      const card = Object.assign(document.createElement("div"), { className: "life-card" });
      card.append(Object.assign(document.createElement("h3"), { textContent: `Person ${person}: ${about}` }));
      const row = Object.assign(document.createElement("div"), { className: "life-row" });
      row.append(panel(D.baseline, person, true));
      if (L.lives[option] && L.lives[option][person]) row.append(panel(option, person, false));
      card.append(row);
      holder.append(card);
    });
  }

  function start(data, option) {
    D = data; L = data.lives;
    if (!L) return;
    legend();
    show(option);
  }

  window.RevolveLives = { start, show };
})();
