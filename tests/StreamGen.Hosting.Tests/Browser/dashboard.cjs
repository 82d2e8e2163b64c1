// Drives the StreamGen dashboard in headless Chromium: the page loads, shows the running job and its
// checkpoints, and a savepoint triggered with the button appears in the savepoint table.
// Usage: node dashboard.cjs <dashboard-url> <screenshot.png>   (PLAYWRIGHT_CORE = path of playwright-core)
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

(async () => {
  const [url, screenshot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", e => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector("#job-status").textContent === "Running", null, { timeout: 30000 });
    const name = await page.textContent("#job-name");
    await page.waitForSelector("#checkpoint-history tbody tr", { timeout: 30000 });
    await page.waitForSelector("#graph .node", { timeout: 30000 });
    const nodes = await page.$$eval("#graph .node", els => els.map(e => e.dataset.operator));
    await page.fill("#savepoint-name", "from-browser");
    await page.click("#trigger-savepoint");
    await page.waitForFunction(() => [...document.querySelectorAll("#savepoints tbody tr")].some(r => r.textContent.includes("from-browser")), null, { timeout: 60000 });
    const message = await page.textContent("#message");
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(JSON.stringify({ name, nodes, message, errors }));
    process.exit(errors.length ? 3 : 0);
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e.stack || String(e)); process.exit(2); });
