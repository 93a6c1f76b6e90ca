// The report: loads with no console error and no request outside the file, and every chart renders.
// usage: node tests/browser/report.mjs REPORT.html [--psa]
// With --psa (the report of `revolve psa`), the section on uncertainty must render too: both kinds of range
// side by side, the acceptability curves, the quadrant table and the words on what the widening means.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ARTIFACTS, charts, fail, launch, watch } from "./browser.mjs";
import { checkBoard, tableWidths } from "./board.mjs";

const file = pathToFileURL(path.resolve(process.argv[2])).href;
const { context, close } = await launch();
const page = await context.newPage();
const problems = await watch(page, (url) => url === file);
await page.goto(file, { waitUntil: "load" });
await page.waitForFunction(() => window.revolveCharts && Object.keys(window.revolveCharts).length > 0);

const drawn = await charts(page);
if (drawn.length < 6) problems.push(`only ${drawn.length} charts on the page`);
for (const c of drawn) {
  if (!c.chart) problems.push(`${c.id}: no chart drawn`);
  else if (c.inked < 0.01 * c.width * c.height) problems.push(`${c.id}: nearly blank (${c.inked} pixels)`);
}
const rows = await page.$$eval("#assumptions-table tbody tr", (r) => r.length);
if (rows === 0) problems.push("no assumptions table");

// Interactions a board will use: hover shows values, an option can be hidden and shown.
const box = await page.locator("#chart-outcomes").boundingBox();
await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.12);
await page.locator("#series-toggles input").nth(1).check();
await page.selectOption("#series-measure", { index: 1 });

const psa = process.argv.includes("--psa");
if (psa) {
  const drawn = new Set((await charts(page)).filter((c) => c.chart && c.inked > 0).map((c) => c.id));
  for (const id of ["chart-psa-ranges", "chart-ceac"]) if (!drawn.has(id)) problems.push(`${id}: not drawn`);
  const text = await page.locator("#uncertainty").innerText();
  for (const words of ["chance only", "chance and parameters", "What the widening means", "better and cheaper"]) {
    if (!text.includes(words)) problems.push(`#uncertainty does not say "${words}"`);
  }
  const rows = await page.$$eval("#uncertainty table.quadrants tbody tr", (r) => r.length);
  if (rows === 0) problems.push("no quadrant table");
  const twoLines = await page.locator("table.outcomes td").first().innerText();
  if (!twoLines.includes("chance and parameters")) problems.push("the outcome table shows one kind of range only");
  await page.selectOption("#psa-measure", { index: 1 });
}

await checkBoard(page, problems, psa);
const lives = await page.locator("#lives").count();
for (const section of ["read", "outcomes", ...(psa ? ["uncertainty"] : []), "time", "cohort", ...(lives ? ["lives"] : []),
  "groups", "payers", "assumptions", "limits"]) {
  await page.locator(`#${section}`).screenshot({ path: path.join(ARTIFACTS, `report_${section}.png`) });
}
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: path.join(ARTIFACTS, "report_top.png") });
const widths = await tableWidths(page, problems);
await close();
console.log(`report${psa ? " (PSA)" : ""}: ${drawn.length} charts drawn, ${rows} parameters, ${lives ? "example lives, " : ""}` +
  `outcome table ${widths}, ${problems.length} problems`);
fail(problems);
