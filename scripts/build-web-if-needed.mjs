#!/usr/bin/env node
// Builds the web app (web/ → web/dist) when it is missing or older than its sources, so that
// `npm start` on a fresh clone serves the UI without a separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const dist = 'web/dist/index.html';
if (!existsSync('web/index.html')) process.exit(0); // no web app yet

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}
const sources = Math.max(newest('web/src'), statSync('web/index.html').mtimeMs, newest('src/domain'));
if (existsSync(dist) && statSync(dist).mtimeMs >= sources) process.exit(0);

console.log('构建前端 / building the web app …');
const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
