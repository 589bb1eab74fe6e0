/**
 * Host-side loading of the data files the analysis core needs: the entity tagger models
 * (`data/models/ner-en.bin.gz`, `ner-fr.bin.gz`) and the gazetteers (`data/gazetteers/*.tsv`).
 * The core does no I/O; the server and the CLI load these once (cached per data directory) and
 * pass them in as `analyzeText(text, { entityResources })`. The synchronous loader decodes each
 * model on first use; the asynchronous one decodes both without blocking. A missing or
 * unreadable file leaves that resource out, so the recognizer falls back to rules instead of failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Zlib from 'node:zlib';
import { onFirstUse } from './onFirstUse';
import { GAZETTEER_FILES, type EntityResources } from './analysis/entities/index';
import { addGazetteerText, emptyGazetteer } from './analysis/entities/gazetteer';
import { decodeModel } from './analysis/entities/modelFormat';
import type { TaggerModel } from './analysis/entities/perceptron';
import type { Language } from './analysis/types';

/** Where the shipped data lives: bundles run from `dist/`, the data sits beside it. */
export const DEFAULT_DATA_DIR = path.join(__dirname, '..', 'data');

/** node:zlib on first use: compiling it at start delays the server's first answers, which never need it. */
const zlib = onFirstUse(() => require('node:zlib') as typeof Zlib);

const cache = new Map<string, EntityResources>();
const pending = new Map<string, Promise<EntityResources>>();

/** Problems met while loading, for the host to log (file → message). */
export const loadProblems: string[] = [];

function readModel(file: string): TaggerModel | undefined {
  try {
    return decodeModel(zlib().gunzipSync(fs.readFileSync(file)));
  } catch (error) {
    loadProblems.push(`${file}: ${(error as Error).message}`);
    return undefined;
  }
}

function build(dataDir: string, models: Partial<Record<Language, TaggerModel>>, gazetteerTexts: [string, string][]): EntityResources {
  const gazetteer = emptyGazetteer();
  for (const [name, text] of gazetteerTexts) addGazetteerText(gazetteer, text, name.replace(/\.tsv$/, ''));
  const resources: EntityResources = { models, gazetteer, dataDir };
  cache.set(dataDir, resources);
  return resources;
}

/** Load (once per directory) and return the entity resources from `dataDir` (default: the shipped `data/`). Synchronous. */
export function loadEntityResources(dataDir: string = DEFAULT_DATA_DIR): EntityResources {
  const cached = cache.get(dataDir);
  if (cached) return cached;
  const models: Partial<Record<Language, TaggerModel>> = {};
  for (const language of ['en', 'fr'] as const) {
    const file = path.join(dataDir, 'models', `ner-${language}.bin.gz`);
    if (!fs.existsSync(file)) continue;
    // Decoded on first use: an English-only run never pays for the French model.
    let model: TaggerModel | undefined | null = null;
    Object.defineProperty(models, language, {
      enumerable: true,
      get: () => (model === null ? (model = readModel(file)) : model),
    });
  }
  const texts: [string, string][] = [];
  for (const name of GAZETTEER_FILES) {
    const file = path.join(dataDir, 'gazetteers', name);
    if (fs.existsSync(file)) texts.push([name, fs.readFileSync(file, 'utf8')]);
  }
  return build(dataDir, models, texts);
}

/**
 * Same as `loadEntityResources`, reading files asynchronously and yielding between the heavy
 * steps, so a server can keep answering (with the rule-based fallback) while the model loads.
 */
export async function loadEntityResourcesAsync(dataDir: string = DEFAULT_DATA_DIR): Promise<EntityResources> {
  const cached = cache.get(dataDir);
  if (cached) return cached;
  let promise = pending.get(dataDir);
  if (!promise) {
    promise = (async () => {
      const models: Partial<Record<Language, TaggerModel>> = {};
      for (const language of ['en', 'fr'] as const) {
        const file = path.join(dataDir, 'models', `ner-${language}.bin.gz`);
        try {
          const bytes = await fs.promises.readFile(file);
          const raw = await new Promise<Buffer>((resolve, reject) => zlib().gunzip(bytes, (e, out) => (e ? reject(e) : resolve(out))));
          await new Promise(resolve => setImmediate(resolve));
          models[language] = decodeModel(raw);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') loadProblems.push(`${file}: ${(error as Error).message}`);
        }
        await new Promise(resolve => setImmediate(resolve));
      }
      const texts: [string, string][] = [];
      for (const name of GAZETTEER_FILES) {
        try {
          texts.push([name, await fs.promises.readFile(path.join(dataDir, 'gazetteers', name), 'utf8')]);
        } catch {
          // A missing gazetteer only removes features.
        }
      }
      const resources = cache.get(dataDir) ?? build(dataDir, models, texts);
      pending.delete(dataDir);
      return resources;
    })();
    pending.set(dataDir, promise);
  }
  return promise;
}
