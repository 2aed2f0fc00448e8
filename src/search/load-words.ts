import fs from 'fs';
import path from 'path';

/** The party-building word list (words.txt), from src/search/ or from its build in dist/src/search/. */
export function wordListText(): string {
  const candidates = [path.join(__dirname, 'words.txt'), path.resolve(__dirname, '..', '..', '..', 'src', 'search', 'words.txt')];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`search: the word list is missing: none of ${candidates.join(', ')}`);
  return fs.readFileSync(found, 'utf8');
}
