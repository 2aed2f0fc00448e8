/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // linkedom's CSS-selector dependencies ship as ES modules; let swc make them CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(css-select|css-what|nth-check|boolbase|domutils|dom-serializer|domhandler|domelementtype|entities|htmlparser2|linkedom|cssomnom|uhyphen|html-escaper)/)',
  ],
  globalSetup: '<rootDir>/tests/helpers/global-setup.js',
  // Tests load the app's modules from the build Strapi loads (dist/, compiled by the
  // global setup), so a test and the Strapi it boots share one copy of each module.
  moduleNameMapper: { '^(?:\\.\\./)+src/(.*)$': '<rootDir>/dist/src/$1' },
  testTimeout: 60000,
  // One test file at a time (package.json: --maxWorkers=1), in a worker that is replaced once a file
  // leaves it holding more than this: each file boots its own Strapi, and what a destroyed instance
  // leaves behind (about 100 MB a file) made the last files of a run in one process boot ever more
  // slowly, until a boot outran its hook's timeout.
  workerIdleMemoryLimit: '1GB',
  // Strapi keeps timers (cron, session store) that outlive a test file's destroy().
  forceExit: true,
};
