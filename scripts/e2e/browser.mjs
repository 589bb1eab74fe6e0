// Opens the code-server workbench in Debian's chromium through playwright-core (from the
// provisioning cache, not a project dependency), with our extension loaded from the repo as a
// development extension and, for the Mocha suite, the extension tests to run.
import { createRequire } from 'node:module';
import util from 'node:util';

/**
 * A release workbench ignores the `payload` URL parameter (extensionDevelopmentPath,
 * extensionTestsPath) unless developmentOptions.enableSmokeTestDriver is set, and code-server has
 * no flag for it. The workbench reads its configuration from the data-settings attribute of
 * <meta id="vscode-workbench-web-configuration">, so patch getAttribute before any script runs.
 * (Rewriting the served HTML with page.route breaks the workbench's WebSocket instead.)
 */
function enableDevelopmentPayload() {
  const orig = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const v = orig.call(this, name);
    if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && v) {
      const cfg = JSON.parse(v);
      cfg.developmentOptions = { ...(cfg.developmentOptions || {}), enableSmokeTestDriver: true };
      return JSON.stringify(cfg);
    }
    return v;
  };
}

/** Launches chromium headless with the flags this offline machine needs. */
export async function launchBrowser({ playwright, chromium }) {
  const pw = createRequire(import.meta.url)(playwright);
  return pw.chromium.launch({
    executablePath: chromium,
    // Playwright adds --no-sandbox itself (we are root); the rest stops chromium from
    // calling out to Google's hosts, which this closed network refuses.
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 60000,
  });
}

/**
 * A new page on the workbench of `workspace`, with the repo's extension loaded as a development
 * extension (and `testsModule` run in the extension host when given).
 */
export async function openWorkbench(browser, { url, extDir, workspace, testsModule, viewport = { width: 1400, height: 900 } }) {
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.addInitScript(enableDevelopmentPayload);
  const host = new URL(url).host; // code-server's remote authority is the page's host:port
  const payload = [['extensionDevelopmentPath', `vscode-remote://${host}${extDir}`]];
  if (testsModule) payload.push(['extensionTestsPath', `vscode-remote://${host}${testsModule}`]);
  const target = new URL('/', url);
  target.searchParams.set('folder', workspace);
  target.searchParams.set('payload', JSON.stringify(payload));
  return { context, page, target: target.toString() };
}

/** Lines to ignore from the page console: known harmless workbench noise in code-server. */
const NOISE = /Ignoring fetching|Creating a socket|connection token|grace time|Service Worker|AgentHost|AccountPolicyGate|additional builtin|vsda|Failed to load resource|same-origin|allow-same-origin|^Canceled/;

/** Forwards the page console (where extension-host console.log lands) to `onLine`. */
export function forwardConsole(page, onLine) {
  page.on('console', async m => {
    let args;
    try { args = await Promise.all(m.args().map(a => a.jsonValue())); } catch { args = [m.text()]; }
    // extension-host logs arrive as ('%c INFO', 'color: …', format, …args): drop the badge
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
    const line = args.length ? util.format(...args) : m.text();
    if (NOISE.test(line)) return;
    onLine(m.type() === 'error' ? `[page error] ${line.split('\n').slice(0, 4).join('\n')}` : line);
  });
}
