/**
 * The server's annotations per open document: the corrections read from the article's sidecar
 * (`NAME.ann`), kept anchored to the editor's text as it changes (each edit is located exactly
 * against the previous text), and written back atomically under a lock whenever the user
 * corrects something or saves. Every write re-reads the file first, so corrections another
 * editor (another server process) wrote meanwhile are kept; a watcher on the sidecar's folder
 * reloads a document's corrections when someone else changes its file. The file is the truth for
 * which corrections exist; memory is the truth for where they are in unsaved text. Documents that
 * are not files (untitled) keep their corrections in memory only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorCorrections, sameText } from '../analysis/corrections/anchor';
import { correctionsFromBrat, correctionsToBrat } from '../analysis/corrections/bratCorrections';
import type { Annotations, Correction, WatchEntry } from '../analysis/corrections/model';
import { cleanStaleTemps, readSidecar, sidecarPathFor, withFileLock, writeFileAtomic } from './sidecarFile';

interface Entry {
  uri: string;
  /** Sidecar path, when the document is a file. */
  sidecar?: string;
  /** The text the corrections are anchored to. */
  text: string;
  corrections: Correction[];
  /** Lines of the sidecar made by other tools, written back unchanged. */
  other: string[];
  /** What this process last read or wrote, to ignore its own writes in the watcher. */
  lastContent?: string;
}

/** The outcome of a change: whether it reached the disk, and why not. */
export interface UpdateResult {
  persisted: boolean;
  error?: string;
  corrections: Correction[];
}

/** The open documents' corrections, keyed by URI, with their sidecars on disk. */
export class AnnotationStore {
  #entries = new Map<string, Entry>();
  #watchers = new Map<string, fs.FSWatcher>();
  #timers = new Map<string, NodeJS.Timeout>();
  #watchList: WatchEntry[] = [];
  #stopList: string[] = [];

  /**
   * @param onExternalChange called when another writer changed a document's sidecar (its corrections were reloaded).
   * @param log where read and write problems go.
   */
  constructor(private readonly onExternalChange: (uri: string) => void, private readonly log: (message: string) => void = () => undefined) {}

  /** The watch-list and stop-list that apply to every document. */
  setLists(watchList: WatchEntry[], stopList: string[]): void {
    this.#watchList = watchList;
    this.#stopList = stopList;
  }

  get watchList(): readonly WatchEntry[] {
    return this.#watchList;
  }

  /** Start tracking a document: read its sidecar, anchor it to `text`. */
  open(uri: string, text: string): void {
    const entry: Entry = { uri, text, corrections: [], other: [], sidecar: sidecarOf(uri) };
    this.#entries.set(uri, entry);
    if (!entry.sidecar) return;
    this.#load(entry);
    this.#watch(entry.sidecar);
    cleanStaleTemps(entry.sidecar);
  }

  /** The document's text changed: move its corrections through the edit. */
  changed(uri: string, text: string): void {
    const entry = this.#entries.get(uri);
    if (!entry) return this.open(uri, text);
    if (entry.text === text) return;
    // Locating the edit costs a pass over the text: only documents with corrections pay it.
    if (entry.corrections.length) entry.corrections = anchorCorrections(text, entry.corrections, entry.text);
    entry.text = text;
  }

  close(uri: string): void {
    this.#entries.delete(uri);
  }

  /** The corrections of a document, anchored to its current text. */
  corrections(uri: string): Correction[] {
    return this.#entries.get(uri)?.corrections ?? [];
  }

  /** Everything `analyzeText` needs for a document. */
  annotations(uri: string): Annotations {
    return { corrections: this.corrections(uri), watchList: this.#watchList, stopList: this.#stopList };
  }

  sidecarPath(uri: string): string | undefined {
    return this.#entries.get(uri)?.sidecar ?? sidecarOf(uri);
  }

  /**
   * Change a document's corrections with `edit` and persist them: under the sidecar's lock, the
   * file is read again (keeping what others wrote), `edit` applied, and the result written
   * atomically. Without a file, or when writing fails, the change is kept in memory and reported.
   */
  update(uri: string, text: string, edit: (corrections: Correction[]) => Correction[]): UpdateResult {
    this.changed(uri, text);
    const entry = this.#entries.get(uri)!;
    if (!entry.sidecar) {
      entry.corrections = edit(entry.corrections);
      return { persisted: false, error: 'the document is not a file: corrections are kept until it is closed', corrections: entry.corrections };
    }
    const sidecar = entry.sidecar;
    try {
      withFileLock(sidecar, () => {
        this.#load(entry);
        const next = edit(entry.corrections);
        const content = next.length || entry.other.length ? correctionsToBrat(text, next, entry.other) : '';
        const onDisk = readSidecar(sidecar);
        if (content !== (onDisk ?? '')) {
          if (content) writeFileAtomic(sidecar, content);
          else fs.rmSync(sidecar, { force: true });
        }
        entry.lastContent = content;
        const written = correctionsFromBrat(text, content);
        entry.corrections = written.corrections;
        entry.other = written.other;
      });
      return { persisted: true, corrections: entry.corrections };
    } catch (error) {
      const message = `could not write ${path.basename(sidecar)}: ${(error as Error).message}`;
      this.log(message);
      entry.corrections = edit(entry.corrections);
      return { persisted: false, error: message, corrections: entry.corrections };
    }
  }

  /** Re-read a document's sidecar (another writer changed it). Returns true when its corrections changed. */
  reload(uri: string): boolean {
    const entry = this.#entries.get(uri);
    if (!entry?.sidecar) return false;
    const before = JSON.stringify(entry.corrections);
    this.#load(entry);
    return JSON.stringify(entry.corrections) !== before;
  }

  dispose(): void {
    for (const watcher of this.#watchers.values()) watcher.close();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#watchers.clear();
    this.#entries.clear();
  }

  /** Read the sidecar into `entry`, keeping memory's offsets for corrections it already tracks. */
  #load(entry: Entry): void {
    const content = readSidecar(entry.sidecar!) ?? '';
    entry.lastContent = content;
    const parsed = correctionsFromBrat(entry.text, content);
    for (const problem of parsed.problems) this.log(`${path.basename(entry.sidecar!)}: ${problem}`);
    const known = parsed.corrections.map(d => {
      const m = entry.corrections.find(x => x.id !== undefined && x.id === d.id && x.kind === d.kind && sameText(x.text, d.text));
      if (!m) return d;
      const merged: Correction = { ...d, start: m.start, end: m.end };
      if (m.orphaned) merged.orphaned = true;
      else delete merged.orphaned;
      return merged;
    });
    entry.corrections = anchorCorrections(entry.text, known);
    entry.other = parsed.other;
  }

  /** Watch the folder of a sidecar, so changes by other writers reach the open documents. */
  #watch(sidecar: string): void {
    const dir = path.dirname(sidecar);
    if (this.#watchers.has(dir)) return;
    try {
      const watcher = fs.watch(dir, (_event, name) => {
        if (!name || !String(name).endsWith('.ann')) return;
        const file = path.join(dir, String(name));
        for (const entry of this.#entries.values()) {
          if (entry.sidecar !== file) continue;
          // Debounced: a rename shows up as several events.
          clearTimeout(this.#timers.get(entry.uri));
          this.#timers.set(entry.uri, setTimeout(() => {
            this.#timers.delete(entry.uri);
            const current = this.#entries.get(entry.uri);
            if (!current || (readSidecar(file) ?? '') === current.lastContent) return;
            if (this.reload(entry.uri)) this.onExternalChange(entry.uri);
          }, 30));
        }
      });
      watcher.on('error', () => watcher.close());
      watcher.unref();
      this.#watchers.set(dir, watcher);
    } catch (error) {
      this.log(`cannot watch ${dir}: ${(error as Error).message}`);
    }
  }
}

/** The sidecar of a `file:` URI; none for other schemes. */
function sidecarOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return sidecarPathFor(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
