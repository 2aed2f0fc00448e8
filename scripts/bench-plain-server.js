// Child process of scripts/bench.js: a plain Node http server answering one body
// from memory, the ceiling a cached banmian answer is compared with.
const http = require('http');

process.once('message', ({ body }) => {
  const bytes = Buffer.from(body);
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
    res.end(bytes);
  });
  server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));
  process.on('message', (msg) => {
    if (msg.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ type: 'cpu', micros: user + system });
    } else if (msg.type === 'rss') process.send({ type: 'rss', rss: process.memoryUsage().rss });
    else if (msg.type === 'stop') process.exit(0);
  });
});
