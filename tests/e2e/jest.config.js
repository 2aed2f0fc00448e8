// npm run test:e2e — real headless Chromium (Debian's /usr/bin/chromium) and poppler's pdftotext.
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/tests/e2e/global-setup.js',
  testTimeout: 180000,
};
