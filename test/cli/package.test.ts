/**
 * Packaging: `vsce package` over the production bundles gives a VSIX with the manifest, the
 * bundled client, server and indexing worker, the grammar and the data files, and nothing from
 * node_modules (the bundles already include what they use).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../tempDir';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** File names in a zip archive, read from its central directory. */
function zipEntries(file: string): string[] {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test('the VSIX holds the bundles, grammar, data and manifest, and no node_modules', { timeout: 180000 }, () => {
  const out = path.join(tempDir('article-lens-vsix-'), 'article-lens.vsix');
  // Build production bundles into a copy of dist, so the tests' own bundles are left alone.
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  try {
    const vsce = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--allow-missing-repository', '--no-dependencies', '-o', out], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(vsce.status, 0, vsce.stdout + vsce.stderr);
    const entries = zipEntries(out);
    for (const needed of ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/serverMain.js', 'extension/dist/indexWorker.js', 'extension/syntaxes/article.tmLanguage.json', 'extension/language-configuration.json', 'extension/data/models/ner-en.bin.gz', 'extension/data/models/ner-fr.bin.gz']) {
      assert.ok(entries.includes(needed), `${needed} missing from ${entries.join(', ')}`);
    }
    assert.ok(!entries.some(e => e.includes('node_modules')), 'node_modules in the VSIX');
    assert.ok(!entries.some(e => /\/(test|src|scripts)\//.test(e) || e.endsWith('.map') || e.endsWith('.ts')), `sources in the VSIX: ${entries.filter(e => /\.(ts|map)$/.test(e)).join(', ')}`);
  } finally {
    // Restore the development bundles the other tests run against.
    spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: ROOT });
  }
});
