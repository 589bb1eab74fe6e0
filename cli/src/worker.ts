/**
 * A CLI worker thread: annotates the files the main thread sends, one message per file.
 */
import { parentPort } from 'node:worker_threads';
import { annotateFile, type AnnotationSource } from './annotateFile';

parentPort?.on('message', (message: { file: string; maxBytes?: number; source?: AnnotationSource }) => {
  parentPort?.postMessage(annotateFile(message.file, message.maxBytes, message.source));
});
