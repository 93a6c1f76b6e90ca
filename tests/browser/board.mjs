// What the report adds for a board, checked in the browser: titles that state a finding, lines labelled directly,
// one option highlighted, a CSV under each chart, the number rule of viz/assets/number_format.json, example lives,
// and an outcomes table that fits a 1,400 px screen and a 390 px phone.
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS } from "./browser.mjs";

const TITLES = ["title-outcomes", "title-series", "title-yearly", "title-groups", "title-payers"];

export async function checkBoard(page, problems, psa) {
  // Every example of the shared rule for numbers reads the same here as in Python and on the command line.
  const wrong = await page.evaluate(() => {
    const spec = JSON.parse(document.getElementById("number-format").textContent);
    return spec.examples.filter((e) => window.RevolveCharts.text(e.value, e.kind, e.signed) !== e.text)
      .map((e) => `${e.value} ${e.kind}: ${window.RevolveCharts.text(e.value, e.kind, e.signed)}, not ${e.text}`);
  });
  wrong.forEach((w) => problems.push(`number rule: ${w}`));

  for (const id of TITLES) {
    const text = (await page.locator(`#${id}`).innerText()).trim();
    if (text.length < 20) problems.push(`#${id}: no finding as its title ("${text}")`);
  }
  // The highlighted option is named in the titles, and changing it changes them and the lines' labels.
  const options = await page.$$eval("#highlight option", (o) => o.map((x) => x.value));
  const first = await page.inputValue("#highlight");
  if (!(await page.locator("#title-yearly").innerText()).includes(first)) problems.push("the year-by-year title does not name the highlighted option");
  const labels = await page.evaluate(() => window.revolveCharts.yearly.$endLabels || []);
  if (!labels.includes(first)) problems.push(`the year-by-year lines are not labelled directly (${labels.join(", ")})`);
  const other = options.find((o) => o !== first);
  await page.selectOption("#highlight", other);
  if (!(await page.locator("#title-payers").innerText()).includes(other)) problems.push("the payers' title does not follow the highlight");
  const muted = await page.evaluate((name) => window.revolveCharts.yearly.data.datasets
    .filter((d) => !d.band).map((d) => [d.label, d.muted]), other);
  if (!muted.every(([label, m]) => m === (label !== other))) problems.push(`only the highlighted option is in colour: ${JSON.stringify(muted)}`);
  if (await page.locator("#lives").count()) {
    const shown = await page.$$eval("#lives-people svg.life", (s) => s.map((x) => x.getAttribute("aria-label")));
    if (shown.length < 2 || !shown.some((l) => l.startsWith(other))) problems.push(`example lives do not show ${other}: ${shown.length} timelines`);
  }
  await page.selectOption("#highlight", first);

  // Each chart's download gives its numbers as CSV: a header and rows.
  for (const link of await page.locator("p.download:not([hidden]) a[data-download]").all()) {
    const key = await link.getAttribute("data-download");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const file = path.join(ARTIFACTS, `download_${key}.csv`);
    await download.saveAs(file);
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    if (lines.length < 2 || lines[0].split(",").length < 3) problems.push(`download ${key}: ${lines.length} lines`);
  }
  const links = await page.locator("p.download:not([hidden]) a[data-download]").count();
  if (links < (psa ? 8 : 6)) problems.push(`only ${links} downloads under the charts`);
}

// The outcomes table fits the page at 1,400 px (a laptop on a projector) and at 390 px (a phone).
export async function tableWidths(page, problems) {
  const out = [];
  for (const [width, height] of [[1400, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    const fit = await page.evaluate(() => {
      const table = document.querySelector("table.outcomes");
      return { table: Math.ceil(table.getBoundingClientRect().right), scroll: table.scrollWidth, client: table.clientWidth,
        page: document.documentElement.clientWidth };
    });
    if (fit.table > fit.page || fit.scroll > fit.client + 1) problems.push(`outcome table at ${width} px: ${JSON.stringify(fit)}`);
    await page.locator("table.outcomes").screenshot({ path: path.join(ARTIFACTS, `report_table_${width}.png`) });
    out.push(`${fit.table} px wide at ${width}`);
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
  return out.join(", ");
}
