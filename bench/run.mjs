// `make bench`: Lighthouse on every page of a built site, mobile emulation with simulated throttling
// (Lighthouse's defaults), several runs per page, medians in a Markdown table.
// Usage: node bench/run.mjs <site dir> <report.md>   (env: CHROME_PATH, BENCH_RUNS=3, BENCH_PAGES=/,/about/)
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
const [siteDir, reportPath] = process.argv.slice(2);
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
  };
}

function formatRow(page, m) {
  const miss = (ok) => (ok ? "" : " ✗");
  const score = (key) => `${Math.round(m[key])}${miss(m[key] >= BUDGETS[key])}`;
  return `| ${page} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ` +
    `${score("seo")} | ${(m.lcp / 1000).toFixed(2)}${miss(m.lcp <= BUDGETS["largest-contentful-paint_ms"])} | ` +
    `${Math.round(m.tbt)} | ${(m.bytes / 1024).toFixed(1)} | ${m.requests} |`;
}

async function main() {
  const pages = process.env.BENCH_PAGES ? process.env.BENCH_PAGES.split(",") : pagePaths(siteDir);
  const server = await serve(path.resolve(siteDir));
  const base = `http://127.0.0.1:${server.address().port}`;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const rows = [];
  try {
    for (const page of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        // Lighthouse defaults: mobile form factor and screen, simulated slow 4G and 4x CPU slowdown.
        const result = await lighthouse(`${base}${page}`, {
          port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES,
        });
        runs.push(measure(result.lhr));
      }
      const med = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
      rows.push(formatRow(page, med));
      console.error(`${page}: ${rows.at(-1)}`);
    }
  } finally {
    await chrome.kill();
    server.close();
  }
  const report = [
    `# Lighthouse benchmark`,
    ``,
    `Median of ${RUNS} runs per page; mobile emulation, simulated throttling (Lighthouse ${lighthouse.version ?? "13.5.0"} defaults), ` +
      `gzip served from loopback. ✗ marks a median that misses bench/budgets.json (reported, not asserted).`,
    ``,
    `| page | performance | accessibility | best practices | SEO | LCP (s) | TBT (ms) | transfer (KB) | requests |`,
    `|---|--:|--:|--:|--:|--:|--:|--:|--:|`,
    ...rows,
    ``,
    `Transfer size is Lighthouse's total byte weight, so it includes the search index and worker the`,
    `theme fetches after load; the first-load budget in \`make test\` leaves those out.`,
    ``,
  ].join("\n");
  fs.mkdirSync(path.dirname(reportPath), { recursive: true });
  fs.writeFileSync(reportPath, report);
  process.stdout.write(report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
