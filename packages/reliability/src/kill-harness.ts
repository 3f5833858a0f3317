import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';

export interface Ack {
  eventId: string;
  position: number;
  hash: string;
}

export interface KillRunResult {
  cycles: number;
  requestsAcknowledged: number;
  /** Requests that were in flight when the server died and were retried with the same event ids. */
  retries: number;
  acks: Map<string, Ack>;
  /** Every request as sent: its stream and event ids, in the order the client sent them. */
  requests: Array<{ streamId: string; eventIds: string[] }>;
}

/** A small deterministic generator, so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function post(port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/append',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

async function startServer(script: string, dir: string): Promise<Server> {
  const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const match = /ready (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) =>
      reject(new Error(`append server exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  return { child, port, exited };
}

/**
 * Clients append 3-event requests concurrently to a child process; the child is killed with SIGKILL
 * at random moments and restarted. A client whose request was in flight retries it with the same
 * event ids, so an append that did land is returned as stored and one that did not is made anew.
 */
export async function runKillCycles(options: {
  dir: string;
  cycles: number;
  clients: number;
  seed: number;
  serverScript?: string;
}): Promise<KillRunResult> {
  // The compiled server: tests run from src, the harness may run from dist.
  const script =
    options.serverScript ?? join(import.meta.dirname, '..', 'dist', 'append-server.js');
  const random = seededRandom(options.seed);
  const acks = new Map<string, Ack>();
  const requests: KillRunResult['requests'] = [];
  let retries = 0;
  let current!: Server;
  let serverUp: Promise<Server> = startServer(script, options.dir);
  let stopping = false;

  async function client(c: number): Promise<void> {
    for (let n = 0; !stopping; n++) {
      const streamId = `client-${c}`;
      const events = [0, 1, 2].map((k) => ({
        eventId: `c${c}-r${n}-e${k}`,
        type: 'TestHappened',
        schemaVersion: 1,
        data: { c, n, k },
      }));
      requests.push({ streamId, eventIds: events.map((e) => e.eventId) });
      const body = JSON.stringify({ streamId, events });
      for (let attempt = 0; ; attempt++) {
        const server = await serverUp;
        try {
          const response = await post(server.port, body);
          if (response.status !== 200) throw new Error(`append refused: ${response.text}`);
          for (const ack of (JSON.parse(response.text) as { envelopes: Ack[] }).envelopes) {
            const earlier = acks.get(ack.eventId);
            if (earlier && (earlier.position !== ack.position || earlier.hash !== ack.hash)) {
              throw new Error(
                `event ${ack.eventId} was acknowledged at ${earlier.position} and again at ${ack.position}`,
              );
            }
            acks.set(ack.eventId, ack);
          }
          if (attempt > 0) retries++;
          break;
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('append refused')) throw error;
          if (error instanceof Error && error.message.includes('acknowledged at')) throw error;
          // The server died under us: wait for the next one and retry with the same ids.
          if (server === current) await current.exited;
        }
      }
    }
  }

  current = await serverUp;
  try {
    return await runCycles();
  } finally {
    current.child.kill('SIGKILL'); // never leave a server behind, even when a check failed
  }

  async function runCycles(): Promise<KillRunResult> {
    const clients = Array.from({ length: options.clients }, (_, c) => client(c));
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      // Let the clients work for a random moment, then kill the server without warning.
      await new Promise((r) => setTimeout(r, 5 + Math.floor(random() * 40)));
      const victim = current;
      let restart!: (s: Server) => void;
      serverUp = new Promise<Server>((resolve) => {
        restart = resolve;
      });
      victim.child.kill('SIGKILL');
      await victim.exited;
      current = await startServer(script, options.dir);
      restart(current);
    }
    stopping = true;
    await Promise.all(clients);
    current.child.kill('SIGTERM');
    await current.exited;
    return {
      cycles: options.cycles,
      requestsAcknowledged: requests.length,
      retries,
      acks,
      requests,
    };
  }
}
