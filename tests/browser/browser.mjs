// Shared by the browser tests: start Debian's Chromium headless with a fresh profile and no background
// networking (this machine's network is closed), and collect console errors and outside requests.
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ARTIFACTS = path.join(path.dirname(new URL(import.meta.url).pathname), "artifacts");

export async function launch() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "revolve-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const close = async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); };
  return { context, close };
}

// Console errors, page errors and requests outside `allowed(url)`, which are aborted.
export async function watch(page, allowed) {
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    problems.push(`request outside the page: ${url}`);
    return route.abort();
  });
  return problems;
}

// Every canvas the page's charts drew: its id, whether a Chart owns it, and how many pixels are not blank.
export async function charts(page) {
  return page.$$eval("canvas[data-chart]", (canvases) => canvases.map((c) => {
    const g = c.getContext("2d");
    const { data } = g.getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
    return { id: c.id, chart: !!window.Chart.getChart(c), width: c.width, height: c.height, inked };
  }));
}

export function fail(problems) {
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
}
