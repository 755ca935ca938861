// `make bench`: Lighthouse on every page of a built site, mobile emulation with simulated throttling
// (Lighthouse's defaults), several runs per page, medians in a Markdown table.
// Usage: node bench/run.mjs <site dir> <report.md> [<default Material site dir>] [<extra.md>]
//   (env: CHROME_PATH, BENCH_RUNS=3, BENCH_PAGES=/,/about/)
// With a default Material site (bench/default_site.py), its pages are measured in the same run,
// interleaved with ours (ours, default, ours, ...; every round visits every page once), and the
// report gives the ratios ours / default: absolute times on a shared machine mean little.
// Scores and timings are reported against bench/budgets.json, never asserted: they are noisy on a
// shared 2-core machine. The byte budgets are asserted by `make test` (tests/site/test_page_weight.py).

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [siteDir, reportPath, defaultDir, extraPath] = process.argv.slice(2);
if (!siteDir || !reportPath) {
  console.error("usage: node bench/run.mjs <site dir> <report.md>");
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS || 3);
const BUDGETS = JSON.parse(fs.readFileSync(path.join(HERE, "budgets.json"), "utf8")).lighthouse;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

// Content pages, as tests/sitetools.py html_pages() finds them: no 404 page, no redirect stubs.
function pagePaths(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "index.html") {
        const text = fs.readFileSync(full, "utf8");
        if (text.length < 3000 && text.slice(0, 2000).includes('http-equiv="refresh"')) continue;
        const rel = path.relative(root, path.dirname(full)).split(path.sep).join("/");
        found.push(rel ? `/${rel}/` : "/");
      }
    }
  };
  walk(root);
  return found.sort();
}

// A loopback server that gzips text, as GitHub Pages does, so transfer sizes are realistic.
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8", ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"]);

function serve(root) {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404).end("not found"); return; }
    const ext = path.extname(file);
    let body = fs.readFileSync(file);
    const headers = { "Content-Type": TYPES[ext] || "application/octet-stream", "Cache-Control": "max-age=600" };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      body = zlib.gzipSync(body, { level: 6 });
      headers["Content-Encoding"] = "gzip";
    }
    headers["Content-Length"] = body.length;
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function measure(lhr) {
  const audits = lhr.audits;
  return {
    performance: lhr.categories.performance.score * 100,
    accessibility: lhr.categories.accessibility.score * 100,
    "best-practices": lhr.categories["best-practices"].score * 100,
    seo: lhr.categories.seo.score * 100,
    lcp: audits["largest-contentful-paint"].numericValue,
    tbt: audits["total-blocking-time"].numericValue,
    bytes: audits["total-byte-weight"].numericValue,
    requests: audits["network-requests"].details.items.length,
    mainthread: audits["mainthread-work-breakdown"].numericValue,
    a11yFails: Object.values(lhr.categories.accessibility.auditRefs)
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score === 0).map((ref) => ref.id),
  };
}

function formatRow(page, m) {
  const miss = (ok) => (ok ? "" : " ✗");
  const score = (key) => `${Math.round(m[key])}${miss(m[key] >= BUDGETS[key])}`;
  return `| ${page} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ` +
    `${score("seo")} | ${(m.lcp / 1000).toFixed(2)}${miss(m.lcp <= BUDGETS["largest-contentful-paint_ms"])} | ` +
    `${Math.round(m.tbt)} | ${(m.mainthread / 1000).toFixed(2)} | ${(m.bytes / 1024).toFixed(1)} | ${m.requests} | ` +
    `${m.a11yFails.join(", ")} |`;
}

const METRICS = ["performance", "accessibility", "best-practices", "seo", "lcp", "tbt", "bytes", "requests", "mainthread"];

function medianOfRuns(runs) {
  const med = Object.fromEntries(METRICS.map((k) => [k, median(runs.map((r) => r[k]))]));
  med.a11yFails = [...new Set(runs.flatMap((r) => r.a11yFails))];
  return med;
}

const HEADER = [
  `| page | performance | accessibility | best practices | SEO | LCP (s) | TBT (ms) | main thread (s) | transfer (KB) | requests | failing accessibility audits |`,
  `|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|`,
];

// Medians over pages of the per-page medians, side by side, and the ratios ours / default.
function comparison(ours, theirs) {
  const over = (meds, key) => median(meds.map((m) => m[key]));
  const line = (label, key, scale, digits, ratio) => {
    const a = over(ours, key) / scale, b = over(theirs, key) / scale;
    return `| ${label} | ${b.toFixed(digits)} | ${a.toFixed(digits)} | ${ratio ? (a / b).toFixed(2) + "x" : ""} |`;
  };
  const worst = (key, pick) => pick(...ours.map((m) => m[key]));
  return [
    `| median of pages | default Material | this site | ratio (ours / default) |`,
    `|---|--:|--:|--:|`,
    line("performance score", "performance", 1, 0, false),
    line("total blocking time (ms)", "tbt", 1, 0, true),
    line("main-thread work (s)", "mainthread", 1000, 2, true),
    line("largest contentful paint (s)", "lcp", 1000, 2, true),
    line("transfer (KB)", "bytes", 1024, 1, true),
    line("accessibility", "accessibility", 1, 0, false),
    ``,
    `This site, worst page: performance ${Math.round(worst("performance", Math.min))}, ` +
      `accessibility ${Math.round(worst("accessibility", Math.min))}, ` +
      `TBT ${Math.round(worst("tbt", Math.max))} ms (${(worst("tbt", Math.max) / over(theirs, "tbt")).toFixed(2)}x the default median), ` +
      `transfer ${(worst("bytes", Math.max) / 1024).toFixed(1)} KB.`,
  ];
}

async function main() {
  const ours = process.env.BENCH_PAGES ? process.env.BENCH_PAGES.split(",") : pagePaths(siteDir);
  const theirs = defaultDir ? pagePaths(defaultDir) : [];
  const server = await serve(path.resolve(siteDir));
  const otherServer = defaultDir ? await serve(path.resolve(defaultDir)) : null;
  const base = `http://127.0.0.1:${server.address().port}`;
  const otherBase = otherServer ? `http://127.0.0.1:${otherServer.address().port}` : null;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  // One visit list per round: ours and default alternate, so machine load falls on both alike.
  const visits = [];
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    if (i < ours.length) visits.push(["ours", ours[i]]);
    if (i < theirs.length) visits.push(["default", theirs[i]]);
  }
  const runs = { ours: {}, default: {} };
  try {
    for (let round = 0; round < RUNS; round++) {
      for (const [site, page] of visits) {
        // Lighthouse defaults: mobile form factor and screen, simulated slow 4G and 4x CPU slowdown.
        const result = await lighthouse(`${site === "ours" ? base : otherBase}${page}`, {
          port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES,
        });
        (runs[site][page] ??= []).push(measure(result.lhr));
        const m = runs[site][page].at(-1);
        console.error(`round ${round + 1} ${site} ${page}: perf ${Math.round(m.performance)} ` +
          `TBT ${Math.round(m.tbt)} ms, main thread ${(m.mainthread / 1000).toFixed(2)} s, ${(m.bytes / 1024).toFixed(1)} KB`);
      }
    }
  } finally {
    await chrome.kill();
    server.close();
    otherServer?.close();
  }
  const oursMed = ours.map((page) => medianOfRuns(runs.ours[page]));
  const theirMed = theirs.map((page) => medianOfRuns(runs.default[page]));
  const report = [
    `# Lighthouse benchmark`,
    ``,
    `Median of ${RUNS} runs per page; mobile emulation, simulated throttling (Lighthouse ${lighthouse.version ?? "13.5.0"} defaults), ` +
      `gzip served from loopback. ✗ marks a median that misses bench/budgets.json (reported, not asserted).` +
      (theirs.length ? ` Pages of this site and of a default Material site with the seed texts (bench/default_site.py) ` +
        `were visited interleaved in each round.` : ""),
    ``,
    ...(theirs.length ? [`## This site against default Material`, ``, ...comparison(oursMed, theirMed), ``, `## This site`, ``] : []),
    ...HEADER,
    ...ours.map((page, i) => formatRow(page, oursMed[i])),
    ``,
    ...(theirs.length ? [`## Default Material (seed texts)`, ``, ...HEADER, ...theirs.map((page, i) => formatRow(page, theirMed[i])), ``] : []),
    `Transfer size is Lighthouse's total byte weight, so it includes the search index and worker the`,
    `theme fetches after load; the first-load budget in \`make test\` leaves those out.`,
    ``,
    ...(extraPath && fs.existsSync(extraPath) ? [fs.readFileSync(extraPath, "utf8")] : []),
  ].join("\n");
  fs.mkdirSync(path.dirname(reportPath), { recursive: true });
  fs.writeFileSync(reportPath, report);
  process.stdout.write(report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
