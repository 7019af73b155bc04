// Figure 3: bounded failure time. A server that accepts connections and never answers, and a
// connect that is black-holed (SYNs dropped), must end the run within --timeout + 1 s.
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { CLI, CLIENT_ENV, NODE, median, report, runOnce } from './lib.mjs';

const TIMEOUT_MS = 2000;

async function silentServer() {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(resolve); }),
  };
}

/**
 * A loopback port whose accept queue is full, so that further SYNs are dropped and connect() hangs:
 * the closest thing to a black-holed route that stays on this machine. Needs python3 (a listening
 * socket that never accepts); returns undefined without it.
 */
async function blackhole() {
  const child = spawn('python3', ['-c', 'import socket,sys,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(120)'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise((resolve) => {
    child.on('error', () => resolve(undefined));
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
  });
  if (!port) return undefined;
  // Fill the accept queue (backlog 0 still admits one or two).
  const fillers = [];
  for (let i = 0; i < 3; i++) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    fillers.push(s);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { port, close: () => { fillers.forEach((s) => s.destroy()); child.kill(); } };
}

export async function boundedFailure(runs = 5) {
  let ok = true;
  const limit = TIMEOUT_MS + 1000;
  const silent = await silentServer();
  try {
    const times = [];
    for (let i = 0; i < runs; i++) {
      times.push((await runOnce(NODE, [CLI, 'doctor', '--json', '--timeout', `${TIMEOUT_MS}ms`, '--url', 'https://127.0.0.1', '--connect-to', `127.0.0.1:443:127.0.0.1:${silent.port}`], { env: CLIENT_ENV })).ms);
    }
    ok = report(`server that never answers, --timeout ${TIMEOUT_MS} ms (median of ${runs})`, { value: median(times), unit: 'ms', target: `<= ${limit} ms`, met: Math.max(...times) <= limit }) && ok;
  } finally {
    await silent.close();
  }
  const hole = await blackhole();
  if (!hole) {
    console.log('skip  black-holed connect: python3 is not available to hold a full accept queue');
    return ok;
  }
  try {
    const times = [];
    for (let i = 0; i < runs; i++) {
      times.push((await runOnce(NODE, [CLI, 'doctor', '--json', '--timeout', `${TIMEOUT_MS}ms`, '--url', 'https://127.0.0.1', '--connect-to', `127.0.0.1:443:127.0.0.1:${hole.port}`], { env: CLIENT_ENV })).ms);
    }
    ok = report(`black-holed connect, --timeout ${TIMEOUT_MS} ms (median of ${runs})`, { value: median(times), unit: 'ms', target: `<= ${limit} ms`, met: Math.max(...times) <= limit }) && ok;
  } finally {
    hole.close();
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await boundedFailure()) ? 0 : 1;
