import { execFileSync } from 'child_process';
import path from 'path';

/**
 * The lines a .html, .pdf or .docx file is read into (src/import-formats/read.ts,
 * importLines), from the compiled build in a plain Node process: pdf.js is an ES module,
 * which Jest's module sandbox cannot import (the server reads it in its parse worker).
 */
const DIST_READ = path.join(__dirname, '..', '..', 'dist', 'src', 'import-formats', 'read.js');
const SCRIPT = `const { importLines } = require(process.argv[1]);
importLines(require('fs').readFileSync(process.argv[2]), process.argv[2]).then((t) => process.stdout.write(t), (e) => { console.error(e.message); process.exit(1); });`;

export const importLines = (file: string): string => execFileSync(process.execPath, ['-e', SCRIPT, DIST_READ, file], { encoding: 'utf8' });
