import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../../server';
import { createWorkbench } from '../../services';
import type { CliOptions } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { openCliStore } from '../store-access';

/** Where `npm run build` (electron-vite) puts the renderer. */
export const RENDERER_DIR = resolve(import.meta.dirname, '../../../out/renderer');

/**
 * `serve [--port N]`: the workbench UI for a browser on 127.0.0.1, over the same services as the
 * desktop app. Prints the URL (with its session token) and serves until interrupted.
 */
export async function serveCommand(options: CliOptions, io: CliIo): Promise<number> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`port: expected an integer from 0 to 65535, got "${options.port}"`);
  const staticDir = io.env.COLLAPSE_LAB_RENDERER_DIR ?? RENDERER_DIR;
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new UsageError(`serve: the UI is not built in ${staticDir}; run \`npm run serve\` (it builds first) or \`npm run build\``);
  }
  const store = openCliStore(options, io);
  const workbench = createWorkbench({ store });
  let server;
  try {
    server = await startServer({ workbench, staticDir, port, token: io.env.COLLAPSE_LAB_TOKEN });
  } catch (error) {
    store.close();
    throw new UsageError(`serve: cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // The URL once, on stdout (scripts and the e2e harness read it there); the banner on stderr
  // says the rest without repeating it.
  io.stdout(options.json ? `${JSON.stringify({ url: server.url, port: server.port, store: store.file })}\n` : `${server.url}\n`);
  if (!options.json) io.stderr(serveBanner(server.port, store.file));
  await new Promise<void>((resolveStop) => {
    if (io.signal?.aborted) resolveStop();
    io.signal?.addEventListener('abort', () => resolveStop(), { once: true });
  });
  await workbench.shutdown();
  await server.close();
  store.close();
  return EXIT_OK;
}

/** What `serve` writes on stderr once it listens: everything but the URL itself, which stdout carries. */
export function serveBanner(port: number, storeFile: string): string {
  return `Collapse Lab browser mode on 127.0.0.1 port ${port}: open the URL printed above (it carries this session's token)\nstore ${storeFile}\nCtrl-C stops\n`;
}
