/** Ctrl-C: in-flight work is aborted, the run exits 130 at once, without a report or a stack trace. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { startSilentTcpServer } from '../harness/raw-servers.js';
import { CLI_PATH } from '../harness/run-cli.js';

describe('interrupt', () => {
  it('SIGINT during a hung handshake exits 130 promptly', async () => {
    const server = await startSilentTcpServer();
    try {
      const child = spawn(process.execPath, [CLI_PATH, 'doctor', '--verbose', '--json', '--timeout', '30s', '--url', `https://127.0.0.1:${server.port}`], {
        env: { PATH: process.env.PATH ?? '', CI: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      let sentAt = 0;
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Interrupt once the handshake is in flight (it would otherwise wait the full 30 s).
        if (sentAt === 0 && stderr.includes('start tls.handshake')) {
          sentAt = Date.now();
          child.kill('SIGINT');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.ok(sentAt > 0, `the handshake never started: ${stderr}`);
      assert.equal(code, 130);
      assert.ok(Date.now() - sentAt < 5000, 'exited promptly');
      assert.match(stderr, /jamfmcp: interrupted/);
      assert.doesNotMatch(stderr, /\n\s+at /);
      assert.equal(stdout, '', 'no partial report on stdout');
    } finally {
      await server.close();
    }
  });
});
