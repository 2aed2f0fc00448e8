#!/usr/bin/env node
// npm run export -- --issue <number> [--publication <slug>] [--locale zh-Hans] [--out <dir>] [--drafts] [--proof a3] [--strict] [--strict-underset] [--no-fit]
// Boots Strapi in-process against the configured database and writes the issue
// as a static broadsheet site (default: exports/<publication>/<number>/), then
// prints each 版's copyfit table (measured in headless Chromium, estimated
// without one). --strict: exit 1 when any article is overset (超版);
// --strict-underset: exit 1 when any article is underset or the grid has a hole (欠版).
// Startup: dist/ is compiled only when the sources changed (load-strapi.js), and
// Chromium for the fit check starts before Strapi boots, on the other core.
const path = require('path');
const { parseArgs } = require('util');
const cliProgress = require('cli-progress');
const { compiledApp, loadStrapi, shutdown } = require('./load-strapi');

const USAGE =
  'usage: npm run export -- --issue <number> [--publication <slug>] [--locale <code>] [--out <dir>] [--drafts] [--proof a3] [--strict] [--strict-underset] [--no-fit]';

function options() {
  const { values } = parseArgs({
    options: {
      issue: { type: 'string' },
      publication: { type: 'string' },
      locale: { type: 'string' },
      out: { type: 'string' },
      drafts: { type: 'boolean', default: false },
      proof: { type: 'string' },
      strict: { type: 'boolean', default: false },
      'strict-underset': { type: 'boolean', default: false },
      'no-fit': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const issue = Number(values.issue);
  if (!values.issue || !Number.isInteger(issue) || issue < 1) throw new Error(`--issue must be a positive whole number\n${USAGE}`);
  if (values.proof !== undefined && values.proof.toLowerCase() !== 'a3') throw new Error(`--proof takes a3 (the proof sheet), not "${values.proof}"\n${USAGE}`);
  for (const flag of ['strict', 'strict-underset'])
    if (values[flag] && values['no-fit']) throw new Error(`--${flag} checks the fit, so it cannot go with --no-fit\n${USAGE}`);
  return { ...values, issue, proof: values.proof ? 'a3' : null, fit: !values['no-fit'] };
}

/**
 * Progress on stderr: a bar on a terminal; otherwise (a pipe, a log file, cron)
 * one plain line per step as it completes (per photo for the images), each once
 * and without ANSI codes, so a log reads top to bottom.
 */
function progress(stream = process.stderr) {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({ format: 'export {phase} [{bar}] {value}/{total}', hideCursor: true, stream }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      step({ phase, done, total }) {
        if (!started) bar.start(Math.max(total, 1), 0, { phase });
        started = true;
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { phase });
      },
      stop: () => started && bar.stop(),
    };
  }
  const printed = new Set();
  return {
    step({ phase, done, total }) {
      const line = `export ${phase} ${done}/${total}`;
      if (done < 1 || printed.has(line)) return;
      printed.add(line);
      stream.write(`${line}\n`);
    },
    stop: () => {},
  };
}

(async () => {
  let opts;
  try {
    opts = options();
  } catch (error) {
    console.error(`export: ${error.message}`);
    process.exit(2);
  }
  const app = await compiledApp();
  let chromium = null;
  if (opts.fit) {
    const { findChromium, startChromium } = require(path.join(app.distDir, 'src', 'broadsheet', 'copyfit'));
    const executable = findChromium();
    if (executable) chromium = startChromium(executable);
  }
  let strapi;
  try {
    strapi = await loadStrapi({ env: { BANMIAN_DEMO_CONTENT: 'false' }, app });
  } catch (error) {
    await chromium?.close();
    throw error;
  }
  const bar = progress();
  try {
    const { exportIssue } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'export'));
    const summary = await exportIssue(strapi, {
      issue: opts.issue,
      publication: opts.publication,
      locale: opts.locale,
      drafts: opts.drafts,
      proof: opts.proof,
      copyfit: opts.fit,
      chromium,
      outDir: opts.out ? path.resolve(process.env.INIT_CWD || process.cwd(), opts.out) : undefined,
      onStep: bar.step,
    });
    bar.stop();
    const kib = (summary.bytes / 1024).toFixed(0);
    console.log(`exported ${summary.publication} 第${summary.issue}期 → ${summary.outDir}`);
    console.log(
      `  ${summary.pages} pages, ${summary.articles} articles, ${summary.images} images (${summary.resized} resized), ${summary.files} files, ${kib} KiB`,
    );
    console.log(`  ${summary.written} written, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.seconds.toFixed(2)} s`);
    if (summary.fits) {
      const { fitTable, fitSummary } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'copyfit'));
      console.log(`\ncopyfit (${summary.fitMethod === 'measured' ? 'measured in Chromium' : 'estimated'}):`);
      if (summary.fitNote) console.log(`  ${summary.fitNote}`);
      if (summary.fitMethod === 'measured')
        console.log(`  ${summary.fitMeasured} 版 measured, ${summary.fitReused} unchanged since measured (.cache/broadsheet/copyfit/)`);
      console.log(fitTable(summary.fits));
      const fit = fitSummary(summary.fits);
      console.log(`\n${fit.lines.join('\n')}`);
      if (opts.strict && fit.overset.length) process.exitCode = 1;
      if (opts['strict-underset'] && (fit.underset.length || fit.holes.length)) process.exitCode = 1;
    }
  } catch (error) {
    bar.stop();
    console.error(`export failed: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await chromium?.close();
    await shutdown(strapi);
  }
})();
