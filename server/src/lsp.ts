/**
 * vscode-languageserver, imported once for the whole server. The bundle turns every module's import
 * of that CommonJS package into a copy of its ~300 exports, made at start (esbuild's ESM interop):
 * ten copies cost the first answer a few milliseconds; one is enough.
 */
export * from 'vscode-languageserver';
