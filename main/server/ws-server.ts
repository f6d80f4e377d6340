import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { isChannel, type ClientFrame, type ServerFrame } from '../../preload/contract';
import { toErrorPayload, type Workbench } from '../services';
import { isAllowedHost, upgradeRefusal } from './guards';
import { readStatic, resolveStatic } from './static-files';

export interface ServeOptions {
  workbench: Workbench;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** The session token; random when absent. */
  token?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Security headers for every page the browser mode serves (no framing, no sniffing, own origin only). */
const PAGE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Browser mode (`serve`): the built UI over HTTP and the contract over a WebSocket at /ws, both
 * on 127.0.0.1 only. The URL it returns carries the random session token the page needs.
 */
export async function startServer(given: ServeOptions): Promise<RunningServer> {
  // A relative or unnormalised folder would fail resolveStatic's containment check for every file.
  const options = { ...given, staticDir: resolvePath(given.staticDir) };
  // An empty token (COLLAPSE_LAB_TOKEN="") must not switch the check off: draw a random one.
  const token = options.token || randomBytes(24).toString('base64url');
  const server: Server = createServer((req, res) => {
    void (async () => {
      const port = (server.address() as AddressInfo).port;
      if (!isAllowedHost(req.headers.host, port)) {
        res.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const found = await resolveStatic(options.staticDir, req.url ?? '/');
      if (!found) {
        res.writeHead(404, { 'Content-Type': 'text/plain', ...PAGE_HEADERS }).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': found.type, ...PAGE_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : await readStatic(found.file));
    })().catch(() => res.writeHead(500).end());
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const port = (server.address() as AddressInfo).port;
    const refusal = upgradeRefusal({ host: req.headers.host, origin: req.headers.origin, url: req.url }, port, token);
    if (refusal) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.workbench));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One browser tab: requests answered by the services, every event forwarded, listeners released on close. */
function serveSocket(ws: WebSocket, workbench: Workbench): void {
  const send = (frame: ServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const off = workbench.events.onAny((event, payload) => send({ event, payload }));
  ws.on('close', off);
  ws.on('message', (data) => {
    // Whatever arrives, a frame must never take the server (and every other tab's jobs) down.
    try {
      handleFrame(String(data));
    } catch (error) {
      send({ id: -1, ok: false, error: toErrorPayload(error) });
    }
  });

  function handleFrame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return; // not ours: ignore rather than answer an unparseable frame
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      send({ id: -1, ok: false, error: { name: 'ServiceError', code: 'BAD_REQUEST', message: 'expected a request object {id, channel, args}' } });
      return;
    }
    const { id: rawId, channel, args } = frame as Partial<ClientFrame>;
    const id = typeof rawId === 'number' ? rawId : -1;
    if (!isChannel(channel)) {
      send({ id, ok: false, error: { name: 'ServiceError', code: 'BAD_REQUEST', message: `unknown channel ${JSON.stringify(channel)}` } });
      return;
    }
    const handler = workbench.handlers[channel] as (args: unknown) => unknown;
    Promise.resolve()
      .then(() => handler(args))
      .then(
        (result) => send({ id, ok: true, result }),
        (error: unknown) => send({ id, ok: false, error: toErrorPayload(error) }),
      );
  }
}
