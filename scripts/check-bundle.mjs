/**
 * After `vite build`: the JavaScript the first screen loads (index.html's entry module and the
 * chunks it imports statically) must stay within 200 KB gzip, and dist/ must hold no source maps.
 * Usage: node scripts/check-bundle.mjs [distDir]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const INITIAL_JS_GZIP_LIMIT = 200 * 1024;
const dist = process.argv[2] ?? 'dist';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  // Static imports only (`import … from "./x.js"` / `import "./x.js"`); import() loads later.
  for (const m of code.matchAll(/(?:^|[;}\s])import(?:[^"'()]*?from)?\s*["']\.\/([^"']+\.js)["']/g)) queue.push(join(file, '..', m[1]));
}
let total = 0;
for (const file of seen) {
  const gz = gzipSync(readFileSync(join(dist, file))).length;
  total += gz;
  console.log(`${file.padEnd(48)} ${(gz / 1024).toFixed(1)} KB gzip`);
}
const maps = walk(dist).filter((f) => f.endsWith('.map'));
console.log(`initial JS: ${(total / 1024).toFixed(1)} KB gzip (limit ${INITIAL_JS_GZIP_LIMIT / 1024} KB); source maps in ${dist}: ${maps.length}`);
if (total > INITIAL_JS_GZIP_LIMIT || maps.length > 0) {
  console.error(total > INITIAL_JS_GZIP_LIMIT ? 'The first screen loads too much JavaScript: split it with import().' : `Source maps in ${dist}: ${maps.join(', ')}`);
  process.exit(1);
}
