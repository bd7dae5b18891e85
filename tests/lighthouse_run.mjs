// Lighthouse on several pages with one headless Chromium (Debian's, as in the browser tests).
// Usage: node tests/lighthouse_run.mjs <categories,comma,separated> <url> [<url> ...]
// Prints one JSON object: {url: {category: score 0..1, failing: [audit ids]}}.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [categories, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
});
const out = {};
try {
  for (const url of urls) {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error",
      onlyCategories: categories.split(",") });
    const lhr = result.lhr;
    out[url] = Object.fromEntries(Object.entries(lhr.categories).map(([id, category]) => [id, category.score]));
    out[url].failing = Object.values(lhr.audits)
      .filter((audit) => audit.scoreDisplayMode === "binary" && audit.score === 0).map((audit) => audit.id);
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(out));
