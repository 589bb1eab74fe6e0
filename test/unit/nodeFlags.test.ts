import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { restoreFlagsAfter } from '../../server/src/boot/nodeFlags';

/** A flag whose effect a test can see: V8's natives syntax parses only while it is set. */
function nativesSyntaxParses(): boolean {
  try {
    new Function('return %IsSmi(1)');
    return true;
  } catch {
    return false;
  }
}

test('flags changed for the start are restored after the given time, not before', async () => {
  v8.setFlagsFromString('--allow-natives-syntax');
  restoreFlagsAfter(50, '--no-allow-natives-syntax');
  assert.equal(nativesSyntaxParses(), true, 'still starting');
  await new Promise(resolve => setTimeout(resolve, 150));
  assert.equal(nativesSyntaxParses(), false, 'restored');
});
