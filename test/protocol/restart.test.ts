/**
 * Crashes and restarts: the client's restart policy (restart a crashed server, tell the user once,
 * give up clearly after too many crashes in a window) and the test-only hook that makes the server
 * exit in a feature, which editor tests use to watch the real client restart it.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { RestartPolicy } from '../../client/src/restartPolicy';
import { ARTICLE } from './hostileTexts';
import { startServer } from './lspClient';

test('a crashed server is restarted and the user told once', () => {
  const policy = new RestartPolicy(4, 180_000);
  const first = policy.onClosed(0);
  assert.equal(first.restart, true);
  assert.match(first.notify ?? '', /stopped unexpectedly and was restarted/);
  for (const t of [1000, 2000, 3000]) {
    const next = policy.onClosed(t);
    assert.equal(next.restart, true);
    assert.equal(next.notify, undefined, 'said once only');
    assert.match(next.log, /restarting/);
  }
  const fifth = policy.onClosed(4000);
  assert.equal(fifth.restart, false);
  assert.match(fifth.notify ?? '', /5 times in 3 minutes and will not be restarted/);
});

test('crashes spread out in time keep being restarted', () => {
  const policy = new RestartPolicy(4, 180_000);
  for (let i = 0; i < 20; i++) assert.equal(policy.onClosed(i * 60_000).restart, true, `crash ${i}`);
});

test('the exit hook stops the server in the named feature only (for editor restart tests)', { timeout: 30_000 }, async () => {
  const client = await startServer({ waitForModel: false, env: { ARTICLE_LENS_TEST_FAULT: 'exit:hover' } });
  const exited = new Promise<number | null>(resolve => client.process.once('exit', resolve));
  const uri = await client.open('crash.article', ARTICLE);
  const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols));
  void client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 20 } }).catch(() => undefined);
  assert.equal(await exited, 70);
  client.connection.dispose();
});

test('an exception in a timer or a rejected promise outside any request is logged, not fatal', { timeout: 30_000 }, async () => {
  const client = await startServer({ waitForModel: false, env: { ARTICLE_LENS_TEST_FAULT: 'async:hover' } });
  try {
    const uri = await client.open('async.article', ARTICLE);
    const logged = client.next<{ message: string }>('window/logMessage', p => /unhandled rejection: Error: test fault: rejected in hover/.test(p.message));
    const thrown = client.next<{ message: string }>('window/logMessage', p => /uncaught exception: Error: test fault: uncaught in hover/.test(p.message));
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 20 } });
    await Promise.all([logged, thrown]);
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols) && symbols.length > 0, 'still serving');
    assert.equal(client.process.exitCode, null);
  } finally {
    await client.stop();
  }
});

test('when the editor goes away (its pipe closes) the server exits instead of lingering', { timeout: 30_000 }, async () => {
  const client = await startServer({ waitForModel: false });
  const exited = new Promise<number | null>(resolve => client.process.once('exit', resolve));
  await client.open('orphan.article', ARTICLE);
  client.connection.dispose();
  client.process.stdin!.destroy();
  assert.notEqual(await exited, undefined);
});
