// Starts and stops code-server (the real VS Code workbench and Node extension host) for one
// suite: loopback only, no auth, throw-away state (settings, extensions dir with nothing in it,
// XDG dirs) under `stateDir`, in its own process group so that stopping it also ends its
// extension host, file watcher and pty host. Every started server is also killed on exit,
// Ctrl+C or an uncaught error, so a failing run never leaves one behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, log, waitFor } from './lib.mjs';

/** Quiet, deterministic workbench: no welcome page, trust prompt, telemetry or updates; fast hovers. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'workbench.colorTheme': 'Default Dark Modern',
  // long article paragraphs stay on screen, so the UI checks can see every word
  'editor.wordWrap': 'on',
  // news text is full of dashes and curly quotes: no ambiguous-character boxes over them
  'editor.unicodeHighlight.ambiguousCharacters': false,
  // the Outline shows our five groups collapsed, so all of them fit in the view
  'outline.collapseItems': 'alwaysCollapse',
};

const running = new Set();
function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}
process.on('exit', () => { for (const pid of running) killGroup(pid, 'SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { for (const pid of running) killGroup(pid, 'SIGKILL'); process.exit(130); });
}

/** Writes user settings; code-server watches the file, so this also works while it runs. */
export function writeSettings(stateDir, extra = {}) {
  const file = path.join(stateDir, 'user-data', 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...extra }, null, 2));
}

/**
 * @param {{ codeServer: string, node24: string, stateDir: string, workspace: string }} opts
 * @returns {Promise<{ url: string, port: number, logFile: string, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ codeServer, node24, stateDir, workspace }) {
  for (const d of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache']) fs.mkdirSync(path.join(stateDir, d), { recursive: true });
  writeSettings(stateDir);
  const port = await freePort();
  const config = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(stateDir, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const env = {
    ...process.env,
    // code-server 4.139 needs Node 24, and so do the extension host and our language server
    PATH: `${path.join(node24, 'bin')}:${process.env.PATH}`,
    // keep code-server's own config and state out of $HOME
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
    // no marketplace: its default (open-vsx) is unreachable here
    EXTENSIONS_GALLERY: '{}',
  };
  const child = spawn(codeServer, [
    '--config', config, '--user-data-dir', path.join(stateDir, 'user-data'), '--extensions-dir', path.join(stateDir, 'extensions'),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
    '--session-socket', path.join(stateDir, 'ipc.sock'),
    workspace,
  ], { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  running.add(child.pid);
  let exited = null;
  child.on('exit', code => { exited = code ?? 'signal'; });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!running.has(child.pid)) return;
    killGroup(child.pid, 'SIGTERM');
    // the group is gone when signal 0 fails; force it after 5 s
    try {
      await waitFor('code-server to stop', () => !killGroup(child.pid, 0), { timeoutMs: 5000 });
    } catch {
      killGroup(child.pid, 'SIGKILL');
    }
    running.delete(child.pid);
  };
  try {
    await waitFor('code-server /healthz', async () => {
      if (exited !== null) throw new Error(`code-server exited (${exited}):\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`);
      try { return (await fetch(`${url}/healthz`)).ok; } catch { return false; }
    }, { timeoutMs: 60000, intervalMs: 250 });
  } catch (e) {
    await stop();
    throw e;
  }
  log(`code-server up at ${url} (pid ${child.pid}, log ${logFile})`);
  return { url, port, logFile, stop };
}
