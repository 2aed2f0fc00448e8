// Load generators for scripts/bench.js, and nginx as the reference server.
// wrk (Debian's `wrk`) is preferred: written in C, it drives far more requests per
// second than any Node server here answers, so the figures are the servers', not the
// generator's. Without it, autocannon runs in one worker per core.
const { execFile, spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const which = (cmd) => {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};

/** wrk's "1.23ms" / "850.00us" / "1.02s" in milliseconds. */
function wrkMs(text) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`wrk: cannot read the latency "${text}"`);
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[m[2]];
}

/** Reads wrk --latency output: requests/s, p50, p99 and the request count; refuses socket errors and wrong statuses. */
function parseWrk(out, url) {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  const p50 = /^\s+50%\s+(\S+)/m.exec(out);
  const p99 = /^\s+99%\s+(\S+)/m.exec(out);
  if (!rps || !total || !p50 || !p99) throw new Error(`wrk: unexpected output for ${url}:\n${out}`);
  const bad = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const socket = /Socket errors:(.*)/.exec(out);
  if (bad || socket) throw new Error(`${url}: ${bad ? `${bad[1]} answers not 2xx/3xx` : ''} ${socket ? `socket errors${socket[1]}` : ''}`);
  return { rps: Number(rps[1]), p50: wrkMs(p50[1]), p99: wrkMs(p99[1]), requests: Number(total[1]) };
}

function wrkGenerator(bin, { threads, connections, seconds }) {
  return {
    name: `wrk -t${threads} -c${connections} -d${seconds}s`,
    threads,
    run(url, headers = {}, opts = {}) {
      const t = opts.threads ?? threads;
      const c = opts.connections ?? connections;
      // An uncached populate=* can take seconds under 16 connections: wrk's 2 s default would count it as an error.
      const args = [
        `-t${t}`,
        `-c${c}`,
        `-d${opts.seconds ?? seconds}s`,
        '--timeout',
        '30s',
        '--latency',
        ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
        url,
      ];
      return new Promise((resolve, reject) =>
        execFile(bin, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
          if (error) return reject(new Error(`wrk failed: ${stderr || error.message}`));
          try {
            resolve(parseWrk(stdout, url));
          } catch (e) {
            reject(e);
          }
        }),
      );
    },
  };
}

function autocannonGenerator({ connections, seconds }) {
  const autocannon = require('autocannon');
  const workers = Math.max(1, os.cpus().length);
  return {
    name: `autocannon -c${connections} -d${seconds} -w${workers} (install wrk for a faster generator)`,
    threads: workers,
    async run(url, headers = {}, opts = {}) {
      const result = await autocannon({
        url,
        connections: opts.connections ?? connections,
        duration: opts.seconds ?? seconds,
        headers,
        workers: opts.threads ?? workers,
      });
      const ok = headers['if-none-match'] ? result['3xx'] : result['2xx'];
      if (result.errors || result['4xx'] || result['5xx'] || ok === 0)
        throw new Error(`${url}: ${result.errors} errors, ${result['4xx']} 4xx, ${result['5xx']} 5xx`);
      return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
    },
  };
}

function loadGenerator(opts) {
  const wrk = process.env.BENCH_GENERATOR !== 'autocannon' && which('wrk');
  return wrk ? wrkGenerator(wrk, opts) : autocannonGenerator(opts);
}

/** CPU time (ms) and RSS (bytes) of any process, from /proc (Linux). */
function procUsage(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  return { cpuMs: (ticks * 1000) / hz, rss };
}

/**
 * Debian's nginx serving `bytes` as one JSON file from a temp folder, one worker
 * process (the Node servers have one thread each), no access log. Null when nginx is
 * not installed (`apt-get install nginx-light`).
 */
async function startNginx(bytes) {
  const bin = which('nginx') || (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : null);
  if (!bin) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-bench-nginx-'));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, 'tree.json'), bytes, { mode: 0o644 });
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / { root ${dir}; default_type application/json; try_files /tree.json =404; }
  }
}
`,
  );
  const child = spawn(bin, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i += 1) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop() {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort() {
  return new Promise((resolve) => {
    const srv = require('net').createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

module.exports = { loadGenerator, startNginx, procUsage, parseWrk };
