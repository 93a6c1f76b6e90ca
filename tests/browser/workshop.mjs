// The workshop: moving the Housing First slider changes the rough-sleeping chart within a second, with no
// console error and no request outside the local server; a snapshot saves a report.
// usage: node tests/browser/workshop.mjs http://127.0.0.1:PORT/
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS, charts, fail, launch, watch } from "./browser.mjs";

const url = process.argv[2];
const origin = new URL(url).origin;
const { context, close } = await launch();
const page = await context.newPage();
const problems = await watch(page, (u) => u.startsWith(origin + "/"));
await page.goto(url, { waitUntil: "load" });
await page.waitForFunction(() => window.workshopCharts && window.workshopCharts.rough, null, { timeout: 30000 });
await page.screenshot({ path: path.join(ARTIFACTS, "workshop_start.png"), fullPage: true });

// Move the slider in the page and time, in the page, until the chart shows the runs of the new setting with
// different numbers (a refinement of the old setting arriving meanwhile does not count).
const elapsed = await page.evaluate(async () => {
  const yours = () => JSON.stringify(window.workshopCharts.rough.data.datasets
    .filter((d) => d.label === "Your choices").map((d) => d.data.map((p) => p.y)));
  const before = yours();
  const slider = document.getElementById("control-housing_first");
  const start = performance.now();
  slider.value = slider.max;
  slider.dispatchEvent(new Event("input"));
  const shown = () => window.workshopShown.settings.housing_first === Number(slider.value) && yours() !== before;
  while (!shown()) {
    if (performance.now() - start > 10000) return -1;
    await new Promise((ok) => requestAnimationFrame(ok));
  }
  return performance.now() - start;
});
if (elapsed < 0) problems.push("the rough-sleeping chart did not change within 10 s of moving the slider");
else if (elapsed > 1000) problems.push(`the rough-sleeping chart changed ${elapsed.toFixed(0)} ms after the slider moved (limit 1000 ms)`);
await page.screenshot({ path: path.join(ARTIFACTS, "workshop_changed.png"), fullPage: true });

// A mean beyond the outcomes chart's scale (Housing First tenancies, from a baseline of about one) is an arrow
// at the edge labelled with its value, never a tick that looks like the edge's value. Checked on the final
// result: a quick look of a few runs can have a baseline of zero tenancies, and so no percent change at all.
await page.waitForFunction(() => window.workshopShown.runs >= window.workshopShown.target &&
  window.workshopShown.settings.housing_first === Number(document.getElementById("control-housing_first").max),
  null, { timeout: 60000 });
const beyond = await page.evaluate(() => {
  const chart = window.workshopCharts.outcomes;
  const scale = chart.scales.x;
  const outside = chart.data.datasets.flatMap((ds) => ds.means.map((m, k) => [m, k]))
    .filter(([m]) => m !== null && (m > scale.max || m < scale.min)).map(([, k]) => chart.data.labels[k]);
  return { outside, labelled: chart.$beyondScale };
});
if (!beyond.outside.length) problems.push("expected a mean beyond the outcomes chart's scale (Housing First tenancies)");
for (const label of beyond.outside) {
  if (!beyond.labelled.some((t) => t.startsWith(label + ": "))) problems.push(`${label}: mean beyond the scale has no arrow and value`);
}

const drawn = await charts(page);
for (const c of drawn) if (!c.chart || c.inked === 0) problems.push(`${c.id}: not drawn`);
if (!drawn.some((c) => c.id === "chart-yearly")) problems.push("no year-by-year chart");

// Every slider marks its baseline; the key effects' sliders say where their size comes from.
const sliders = await page.$$eval("input[type=range]", (inputs) => inputs.map((i) => ({
  name: i.name, marked: !!i.list && i.list.options.length === 1 && i.list.options[0].value === i.defaultValue,
  effect: !!i.closest("#controls-effects"),
  provenance: (i.closest(".control").querySelector(".provenance") || { textContent: "" }).textContent })));
for (const s of sliders) if (!s.marked) problems.push(`${s.name}: the baseline is not marked on its slider`);
const effects = sliders.filter((s) => s.effect);
if (effects.length < 3) problems.push(`only ${effects.length} effect sliders`);
for (const s of effects) if (!/^(sourced|derived|calibrated|assumption) \S/.test(s.provenance)) problems.push(`${s.name}: no status and source`);
await page.locator("#controls-effects").screenshot({ path: path.join(ARTIFACTS, "workshop_effects.png") });

// Let the runs finish, then save a snapshot.
await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Final"), null, { timeout: 60000 });
await page.click("#snapshot");
const link = page.locator("#snapshot-result a");
await link.waitFor({ timeout: 120000 });
const saved = await link.textContent();
if (!fs.existsSync(saved)) problems.push(`snapshot: ${saved} was not written`);
await page.screenshot({ path: path.join(ARTIFACTS, "workshop_snapshot.png"), fullPage: true });
await close();
console.log(`workshop: chart changed ${elapsed.toFixed(0)} ms after the slider moved; ${drawn.length} charts; ` +
  `snapshot ${saved}; ${problems.length} problems`);
fail(problems);
