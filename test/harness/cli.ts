import { PassThrough } from 'node:stream';

import { run } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (no network: only for commands that print or write files). */
export async function runCli(...args: string[]): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await run(['node', 'jitsi-provisioning', ...args], { stdout, stderr });
  return { code, stdout: out, stderr: err };
}
