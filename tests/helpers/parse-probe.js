// A child process for tests/unit/ocr-linear.test.ts: generates one shape of input at a
// size, parses it (decode, rules, cleanup, edits, no-loss check) in five samples and
// reports the least CPU and wall time per parse. A child so the test can stop a parse
// that has clearly gone super-linear instead of waiting for it, and one started with
// V8's --single-threaded: a process's CPU clock also counts the JIT's and the garbage
// collector's background threads, which made a millisecond's parse read anything from
// half to four times itself (in a worker thread the test's own process counted too).
const [parserPath, shape, size] = process.argv.slice(2);
const bytes = Number(size);
const send = (m) => process.send(m);
const { parseOcrFile } = require(parserPath);

const fill = (unit, bytes) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
/** Each shape: bytes → [file text, edits]. */
const SHAPES = {
  // One line: a heading, then a long run of spaces (what froze the server for 17 minutes).
  'spaces in a line': (b) => [`# 标题${' '.repeat(b)}正文`, []],
  // Many lines of spaces and a sentence.
  'lines of spaces': (b) => [`${fill(' '.repeat(60) + '\n', b)}正文一句。`, []],
  bylines: (b) => [`党建引领基层治理\n${fill('□本报通讯员 胡伟杰 吴琛\n', b)}`, []],
  'short paragraphs': (b) => [`党建引领基层治理\n□本报记者 王芳\n\n${fill('短段落一句。\n\n', b)}`, []],
  // Column lines that do not end a sentence: every one is joined to the one before.
  'column lines': (b) => [`党建引领基层治理\n□本报记者 王芳\n${fill('街道把党支部建在网格上，社区\n党委打造党群服务阵地的\n', b)}`, []],
  'doubled words': (b) => [`党建引领基层治理\n□本报记者 王芳\n${fill('困难困难', b)}。`, []],
  'photo credits': (b) => [`党建引领基层治理\n□本报记者 王芳\n\n正文。\n${fill('上图：党员志愿者入户走访\n□本报记者 陶维明摄\n', b)}`, []],
  // One article of short paragraphs, split by the editor at every eighth one.
  'split edits': (b) => {
    const paragraphs = Math.ceil(b / 20);
    const edits = Array.from({ length: Math.floor(paragraphs / 8) }, (_, i) => ({ op: 'split', page: 0, article: i, paragraph: 7 }));
    return [`# 党建引领基层治理\n□本报记者 王芳\n\n${'短段落一句。\n\n'.repeat(paragraphs)}`, edits];
  },
};

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const SAMPLES = 5;
const [text, edits] = SHAPES[shape](bytes);
const input = Buffer.from(text);
send({ ready: true });
// Warm up on the same input first: a fresh process's first parse runs half interpreted,
// so timed cold the smaller size reads the JIT's state rather than the parser's cost.
parseOcrFile(input, 'probe.txt', undefined, edits, { maxBytes: Infinity, maxEdits: Infinity });
// Each of five samples repeats the parse until it has used BATCH_MS of CPU and counts the
// mean: a parse of a millisecond, timed alone, reads the clock's steps more than the parser.
const BATCH_MS = 20;
let [ms, wall] = [Infinity, Infinity];
for (let sample = 0; sample < SAMPLES; sample += 1) {
  const [c, w] = [cpu(), performance.now()];
  let parses = 0;
  do {
    parseOcrFile(input, 'probe.txt', undefined, edits, { maxBytes: Infinity, maxEdits: Infinity });
    parses += 1;
  } while (cpu() - c < BATCH_MS);
  [ms, wall] = [Math.min(ms, (cpu() - c) / parses), Math.min(wall, (performance.now() - w) / parses)];
}
send({ ms, wall });
