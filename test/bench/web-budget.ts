/**
 * `npm run bench:web`: what an owner's phone downloads before the policy shows, and what
 * Lighthouse thinks of the production build served by the real server.
 *
 * It prints figures against the targets and asserts nothing about time: Lighthouse scores
 * move with the machine. The one thing that fails the run is structural: the clinic console
 * must never be in the owner's initial bundle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
// chrome-launcher comes with lighthouse (a dependency of it), so it is the same version
// Lighthouse itself is tested with.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildApp } from '../../server/app.ts';
import { systemClock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedDemoClinic } from '../../server/seed/demo-clinic.ts';

const DIST = path.resolve('dist');
const KB = 1024;
const TARGET_INITIAL_JS_GZIP = 120 * KB;
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// As root, with no GPU and a closed network: without the background-networking flags
// Chromium keeps trying to reach Google's hosts, which this machine refuses.
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PAGES = [
  { name: 'clinic home', slug: 'clinic-home', path: '/c/dr-kim/' },
  { name: 'policy page', slug: 'policy-page', path: '/c/dr-kim/policies/clinic-privacy' },
];
/**
 * Simulated throttling still moves a few points between runs on a shared 2-core machine,
 * so each page is measured several times and the median run (by performance) is reported.
 */
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3) || 3);
/** The full Lighthouse reports (JSON), for the details this summary leaves out. */
const REPORT_DIR = path.resolve('.tmp', 'bench');
const CATEGORY_TARGETS = {
  performance: 95,
  accessibility: 100,
  'best-practices': 100,
  seo: 90,
} as const;
type CategoryId = keyof typeof CATEGORY_TARGETS;

let failed = false;

/** Chromium and the temp database outlive a Ctrl-C or a kill unless they are cleaned up here. */
const onInterrupt = new Set<() => void>();
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    for (const cleanup of onInterrupt) cleanup();
    process.exit(code);
  });
}

// ---------------------------------------------------------------------------------------
// 1. Bundle budget
// ---------------------------------------------------------------------------------------

interface Asset {
  /** Path relative to dist, e.g. assets/index-abc.js */
  file: string;
  raw: number;
  gzip: number;
}

function measure(file: string): Asset {
  const body = fs.readFileSync(path.join(DIST, file));
  return { file, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
}

interface BundleGraph {
  source: string;
  initialJs: string[];
  initialCss: string[];
  lazyJs: string[];
  lazyCss: string[];
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** The precise graph, when vite.config.ts has `build.manifest: true`. */
function graphFromManifest(manifestPath: string): BundleGraph {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  const initial = new Set<string>();
  const walk = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const next of manifest[key]?.imports ?? []) walk(next);
  };
  // The HTML entry is the page; other entries (a service worker built by Vite) are not.
  const pageEntries = entries.filter((key) => key.endsWith('.html'));
  for (const key of pageEntries.length > 0 ? pageEntries : entries) walk(key);

  const chunks = (keys: Iterable<string>) => [...keys].map((key) => manifest[key]!);
  const initialChunks = chunks(initial);
  const lazyChunks = chunks(Object.keys(manifest).filter((key) => !initial.has(key)));
  const initialCss = unique(initialChunks.flatMap((chunk) => chunk.css ?? []));
  return {
    source: path.relative(process.cwd(), manifestPath),
    initialJs: unique(initialChunks.map((c) => c.file).filter((f) => f.endsWith('.js'))),
    initialCss,
    lazyJs: unique(lazyChunks.map((c) => c.file).filter((f) => f.endsWith('.js'))),
    lazyCss: unique(lazyChunks.flatMap((c) => c.css ?? [])).filter((f) => !initialCss.includes(f)),
  };
}

/**
 * Without a manifest: the entry script, modulepreload links and stylesheets of index.html,
 * plus every chunk those import statically (`import{x}from"./a.js"`, never `import("./a.js")`).
 */
function graphFromHtml(): BundleGraph {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const attr = (tag: string, name: string) =>
    new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1];
  const toDist = (url: string) => url.replace(/^\//, '').split(/[?#]/)[0]!;

  const initialJs = new Set<string>();
  const initialCss = new Set<string>();
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const rel = attr(tag, 'rel');
    if (tag.startsWith('<script') && attr(tag, 'type') === 'module' && attr(tag, 'src')) {
      initialJs.add(toDist(attr(tag, 'src')!));
    } else if (rel === 'modulepreload' && attr(tag, 'href')) {
      initialJs.add(toDist(attr(tag, 'href')!));
    } else if (rel === 'stylesheet' && attr(tag, 'href')) {
      initialCss.add(toDist(attr(tag, 'href')!));
    }
  }

  const staticImport =
    /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+\.js)["']/g;
  const queue = [...initialJs];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const code = fs.readFileSync(path.join(DIST, file), 'utf8');
    for (const [, specifier] of code.matchAll(staticImport)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier!));
      if (!initialJs.has(target) && fs.existsSync(path.join(DIST, target))) {
        initialJs.add(target);
        queue.push(target);
      }
    }
  }

  const assets = listFiles(path.join(DIST, 'assets')).map((f) => `assets/${f}`);
  return {
    source: 'dist/index.html (no dist/.vite/manifest.json)',
    initialJs: [...initialJs],
    initialCss: [...initialCss],
    lazyJs: assets.filter((f) => f.endsWith('.js') && !initialJs.has(f)),
    lazyCss: assets.filter((f) => f.endsWith('.css') && !initialCss.has(f)),
  };
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    );
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

function sum(assets: Asset[], key: 'raw' | 'gzip'): number {
  return assets.reduce((total, asset) => total + asset[key], 0);
}

function printAssets(assets: Asset[]) {
  for (const asset of [...assets].sort((a, b) => b.gzip - a.gzip)) {
    console.log(
      `    ${asset.file.padEnd(48)} ${kb(asset.raw).padStart(10)} raw ${kb(asset.gzip).padStart(10)} gzip`,
    );
  }
}

function bundleBudget() {
  console.log('\n## Bundle budget (initial load of the owner policy route)\n');
  const manifestPath = path.join(DIST, '.vite', 'manifest.json');
  const graph = fs.existsSync(manifestPath) ? graphFromManifest(manifestPath) : graphFromHtml();
  console.log(`  graph from ${graph.source}`);

  const js = graph.initialJs.map(measure);
  const css = graph.initialCss.map(measure);
  const jsGzip = sum(js, 'gzip');
  const verdict = jsGzip <= TARGET_INITIAL_JS_GZIP ? 'ok' : 'OVER TARGET';
  console.log(
    `\n  initial JS  ${kb(sum(js, 'raw'))} raw, ${kb(jsGzip)} gzip  (target ≤ ${kb(TARGET_INITIAL_JS_GZIP)} gzip: ${verdict})`,
  );
  printAssets(js);
  console.log(`  initial CSS ${kb(sum(css, 'raw'))} raw, ${kb(sum(css, 'gzip'))} gzip`);
  printAssets(css);

  const lazy = [...graph.lazyJs, ...graph.lazyCss].map(measure);
  console.log(`\n  lazily loaded: ${lazy.length} files, ${kb(sum(lazy, 'gzip'))} gzip in all`);
  printAssets(lazy);

  const consoleChunks = graph.initialJs.filter((file) => /console/i.test(path.basename(file)));
  const hasConsoleChunk = [...graph.initialJs, ...graph.lazyJs].some((f) =>
    /console/i.test(path.basename(f)),
  );
  if (consoleChunks.length > 0) {
    failed = true;
    console.log(`\n  FAIL the clinic console is in the initial set: ${consoleChunks.join(', ')}`);
  } else {
    console.log(
      `\n  ok   no console chunk in the initial set${hasConsoleChunk ? ' (the console is code-split)' : ' (no console chunk built yet)'}`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// 2. Lighthouse against the real server
// ---------------------------------------------------------------------------------------

async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pawtal-bench-'));
  const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'pawtal.sqlite') });
  await migrateToLatest(database);
  await seedDemoClinic(database, systemClock);
  const config = loadConfig({
    NODE_ENV: 'production',
    WEB_ROOT: DIST,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp({ config, database, clock: systemClock });
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  onInterrupt.add(removeDataDir);
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin,
    async close() {
      await app.close();
      await database.destroy();
      removeDataDir();
      onInterrupt.delete(removeDataDir);
    },
  };
}

interface AuditResult {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
  details?: { items?: unknown[] };
}

/** One line for a row of an audit's details: what an engineer needs to find the culprit. */
function describeItem(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const row = item as Record<string, unknown>;
  // An insight's prose, not a culprit.
  if (row.type === 'list-section') return undefined;
  const text = (value: unknown): string | undefined => {
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Record<string, unknown>;
    if (v.type === 'node') return [v.selector, v.snippet].filter(Boolean).join(' ');
    if (v.type === 'source-location') return `${String(v.url)}:${String(v.line)}`;
    if (Array.isArray(v.items)) return v.items.map(describeItem).filter(Boolean).join(', ');
    return undefined;
  };
  const parts = [
    row.issueType,
    row.node,
    row.url,
    row.source,
    row.subItems,
    row.cacheLifetimeMs === undefined ? undefined : `cache ${String(row.cacheLifetimeMs)} ms`,
    row.wastedMs === undefined ? undefined : `${Math.round(Number(row.wastedMs))} ms`,
    row.wastedBytes === undefined ? undefined : kb(Number(row.wastedBytes)),
  ]
    .map(text)
    .filter((part): part is string => Boolean(part));
  const line = unique(parts).join(' · ').replace(/\s+/g, ' ');
  return line.length > 160 ? `${line.slice(0, 157)}...` : line || undefined;
}

async function lighthouseRun(url: string, port: number) {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: Object.keys(CATEGORY_TARGETS),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) {
    throw new Error(
      `Lighthouse could not load ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`,
    );
  }
  return lhr;
}

type Lhr = Awaited<ReturnType<typeof lighthouseRun>>;

function printReport(name: string, url: string, lhr: Lhr) {
  console.log(`\n  ${name}: ${url}`);
  for (const warning of lhr.runWarnings) console.log(`    warning: ${warning}`);
  const audits = lhr.audits as Record<string, AuditResult>;
  const metric = (id: string) => audits[id]?.numericValue;
  const lcp = metric('largest-contentful-paint');
  const tbt = metric('total-blocking-time');
  const fcp = metric('first-contentful-paint');
  const cls = metric('cumulative-layout-shift');
  console.log(
    `    LCP ${lcp === undefined ? '?' : `${Math.round(lcp)} ms`}, TBT ${tbt === undefined ? '?' : `${Math.round(tbt)} ms`}, FCP ${fcp === undefined ? '?' : `${Math.round(fcp)} ms`}, CLS ${cls === undefined ? '?' : cls.toFixed(3)}`,
  );

  for (const [id, target] of Object.entries(CATEGORY_TARGETS) as [CategoryId, number][]) {
    const category = lhr.categories[id];
    if (!category) continue;
    const score = category.score === null ? null : Math.round(category.score * 100);
    const verdict = score !== null && score >= target ? 'ok  ' : 'MISS';
    console.log(
      `    ${verdict} ${id.padEnd(15)} ${String(score ?? '?').padStart(3)}  (target ${id === 'performance' || id === 'seo' ? '≥ ' : ''}${target})`,
    );
    // Lighthouse shows an audit as passed from 0.9; below that an engineer has work to do.
    const failing = category.auditRefs
      .map((ref) => audits[ref.id])
      .filter(
        (audit): audit is AuditResult =>
          audit !== undefined &&
          audit.score !== null &&
          audit.score < 0.9 &&
          ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode),
      );
    for (const audit of failing) {
      const value = audit.displayValue ? ` (${audit.displayValue})` : '';
      console.log(`           - ${audit.id}: ${audit.title}${value}`);
      const items = (audit.details?.items ?? []).map(describeItem).filter(Boolean);
      for (const item of items.slice(0, 3)) console.log(`               ${item}`);
      if (items.length > 3) console.log(`               … and ${items.length - 3} more`);
    }
  }
}

async function lighthouseScores() {
  console.log(
    `\n## Lighthouse 12 (mobile, simulated throttling) on the production build, median of ${RUNS}\n`,
  );
  const server = await startServer();
  try {
    console.log(`  server ${server.origin}, ${CHROMIUM}`);
    for (const page of PAGES) {
      const url = `${server.origin}${page.path}`;
      const runs: Lhr[] = [];
      for (let run = 0; run < RUNS; run++) {
        // A new Chromium (and profile) per run: what an earlier run stored (IndexedDB, the
        // service worker) would otherwise make this one a warm visit.
        const chrome = await chromeLauncher.launch({
          chromePath: CHROMIUM,
          chromeFlags: CHROME_FLAGS,
        });
        const killChrome = () => chrome.kill();
        onInterrupt.add(killChrome);
        try {
          runs.push(await lighthouseRun(url, chrome.port));
        } finally {
          chrome.kill();
          onInterrupt.delete(killChrome);
        }
      }
      const performance = (lhr: Lhr) => lhr.categories.performance?.score ?? 0;
      const sorted = [...runs].sort((a, b) => performance(a) - performance(b));
      const median = sorted[Math.floor(sorted.length / 2)]!;
      printReport(page.name, url, median);
      if (RUNS > 1) {
        const scores = sorted.map((lhr) => Math.round(performance(lhr) * 100)).join(', ');
        console.log(`    performance over ${RUNS} runs: ${scores}`);
      }
      const reportFile = path.join(REPORT_DIR, `lighthouse-${page.slug}.json`);
      fs.mkdirSync(REPORT_DIR, { recursive: true });
      fs.writeFileSync(reportFile, JSON.stringify(median, null, 2));
      console.log(`    full report (median run): ${path.relative(process.cwd(), reportFile)}`);
    }
  } finally {
    await server.close();
  }
}

async function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(
      'dist/index.html is missing: run `npm run build` first (npm run bench:web does).',
    );
  }
  bundleBudget();
  await lighthouseScores();
  console.log('');
  if (failed) process.exitCode = 1;
}

await main();
