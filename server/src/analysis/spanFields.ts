/**
 * Tokens, paragraphs, sentences, entity spans and date windows are object literals that begin
 * `{ start, end, … }`. V8 gives literals with as many properties one shared chain of hidden
 * classes, and treats their `start` and `end` fields as constants until some code first assigns
 * one after creation (extending a name, widening a date window, shifting tokens after an edit).
 * That first assignment, met only in some texts, throws away the optimized code of every function
 * reading any of those objects (dozens of them, recompiled in the middle of the next analyses).
 * Assigning both fields once here, when the core is loaded and nothing is optimized yet, moves
 * that event to where it costs nothing. No value anywhere changes.
 */
const samples = [{ start: 0, end: 0 }, { start: 0, end: 0, a: 0 }, { start: 0, end: 0, a: 0, b: 0 }, { start: 0, end: 0, a: 0, b: 0, c: 0 }];
for (const sample of samples) {
  sample.start = 1;
  sample.end = 1;
}

/** Nothing to call: importing this module is what matters (see above). */
export const SPAN_FIELDS_ASSIGNED = samples.length;
