// The real thing, end to end: index corpus/ and the fixtures with the real indexer, start
// the real server on a free loopback port, and drive Debian's Chromium through
// playwright-core. Every wait here has a deadline.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../../..');
export const BUILD = process.env.ARTICLE_SEARCH_BUILD ?? path.join(ROOT, 'build');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURES = path.join(ROOT, 'tests', 'e2e', 'fixtures');

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
  + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** A temporary folder, removed by the returned cleanup. */
export function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'article-search-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Indexes corpus/ plus the fixtures into `dir`/db with the real indexer. */
export function buildDatabase(dir) {
  const indexer = path.join(BUILD, 'indexer', 'article-indexer');
  if (!existsSync(indexer)) throw new Error(`${indexer} is missing: build the project first (scripts/test.sh)`);
  const db = path.join(dir, 'db');
  const run = spawnSync(indexer, ['--db', db, path.join(ROOT, 'corpus'),
    path.join(FIXTURES, 'articles'), path.join(FIXTURES, 'xss.jsonl'), path.join(FIXTURES, 'news.jsonl'),
    path.join(FIXTURES, 'stories.jsonl')],
  { encoding: 'utf8', timeout: 60000 });
  if (run.status !== 0) throw new Error(`article-indexer failed (${run.status}): ${run.stderr}`);
  return db;
}

/** A loopback port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts article-server over `db` on `port` (a free one when not given) and waits until
 *  /health answers. Returns {url, port, stop()}. */
export async function startServer(db, port) {
  const binary = path.join(BUILD, 'server', 'article-server');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: build the project first (scripts/test.sh)`);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const chosen = port ?? await freePort();
    const child = spawn(binary, ['--db', db, '--web', path.join(ROOT, 'web'), '--host', '127.0.0.1',
      '--port', String(chosen)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk) => { log = (log + chunk).slice(-4000); });
    const url = `http://127.0.0.1:${chosen}`;
    if (await waitForHealth(url, child, 15000)) {
      return { url, port: chosen, log: () => log, stop: () => stopProcess(child) };
    }
    await stopProcess(child);
    if (port) throw new Error(`article-server did not start on port ${chosen}: ${log}`);
  }
  throw new Error('article-server did not start on any of three free ports');
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch { /* not listening yet */ }
    await sleep(100);
  }
  return false;
}

function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(killer); resolve(); });
    child.kill('SIGTERM');
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Debian's Chromium, headless, with a fresh profile (Playwright makes a new temporary
 *  user-data-dir for every launch) and nothing that calls home. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page with short default timeouts that records console errors, CSP violations and
 *  uncaught exceptions in `page.problems`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.setDefaultNavigationTimeout(10000);
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  return page;
}

/** Saves a screenshot of `page` as test-results/e2e/NAME.png. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), ...options });
}

/** Everything a test file needs: a database, a server, a browser. */
export async function setUp() {
  const temp = tempDir();
  const db = buildDatabase(temp.dir);
  const server = await startServer(db);
  const browser = await launchBrowser();
  return {
    temp, db, server, browser,
    async tearDown() {
      await browser.close().catch(() => {});
      await server.stop();
      temp.cleanup();
    },
  };
}
