import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { runCli } from '../harness/cli.js';

const cli = runCli;

describe('the command line', () => {
  it('reports a usage error in one line with exit 2, without the help text', async () => {
    const { code, stderr } = await cli('dhcp', 'config', 'https://198.51.100.7/p');
    assert.equal(code, 2);
    assert.match(stderr, /^error: required option '--server <kind>' not specified \(add --help/);
    assert.equal(stderr.trim().split('\n').length, 1);
  });

  it('reports a usage error as one JSON object with --json', async () => {
    const { code, stderr } = await cli('--json', 'frobnicate');
    assert.equal(code, 2);
    const error = JSON.parse(stderr) as { code: string; message: string };
    assert.equal(error.code, 'ERR_USAGE');
    assert.match(error.message, /unknown command 'frobnicate'/);
  });

  it('prints the package version', async () => {
    const { code, stdout } = await cli('--version');
    assert.equal(code, 0);
    assert.match(stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('reports bad input of a command in one line, the exit code of its kind', async () => {
    const { code, stderr } = await cli('avahi', 'ftp://198.51.100.7/p');
    assert.equal(code, 2);
    assert.match(stderr, /^error: "ftp:\/\/198\.51\.100\.7\/p" is not an http:\/\/ or https:\/\//);
    assert.equal(stderr.trim().split('\n').length, 1);
  });
});

describe('commands that publish a URI', () => {
  it('warn of a misspelt variable and of empty values, and still do their job', async () => {
    const { code, stdout, stderr } = await cli('avahi', 'https://198.51.100.7/p?u=${usrname}&p=');
    assert.equal(code, 0);
    assert.match(stdout, /<txt-record>u=\$\{usrname\}<\/txt-record>/);
    assert.match(stderr, /warn: "\$\{usrname\}" is not a variable Jitsi substitutes/);
    assert.match(stderr, /warn: p has an empty value/);
  });
});
