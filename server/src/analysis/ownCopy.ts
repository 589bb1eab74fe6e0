/**
 * Strings kept beyond one analysis (memo keys, run-wide caches) must not be slices of the
 * document: V8 keeps a long slice as a view into its parent, so one remembered name would keep a
 * whole version of a 1 MB text alive, one more at every edit.
 */

/** A string equal to `slice` that does not point into the string it was cut from. */
export function ownCopy(slice: string): string {
  // Joining makes a new flat string; V8 copies short slices (under 13 characters) anyway.
  return slice.length < 13 ? slice : `\n${slice}`.slice(1);
}
