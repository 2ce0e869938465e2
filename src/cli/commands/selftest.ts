import type { Command } from 'commander';

import { EXIT_CODES } from '../../errors.js';
import {
  EXAMPLE_URI, LOOPBACK, runSelftest, type SelftestResult,
} from '../../selftest/selftest.js';
import type { CommandContext, RegisterCommand } from '../main.js';

interface SelftestFlags {
  interface: string;
}

/** `selftest`: the whole chain on loopback, with no effect on any network. */
export const registerSelftest: RegisterCommand = (program: Command, context: CommandContext) => {
  program.command('selftest')
    .description('advertise a URI on loopback, find it the way Jitsi does, and compare')
    .argument('[uri]', 'the provisioning URI to try', EXAMPLE_URI)
    .option('--interface <name>', 'the loopback interface to use', LOOPBACK)
    .action(async (uri: string, flags: SelftestFlags) => {
      const output = context.output();
      const result = await runSelftest({ uri, interface: flags.interface, logger: output.logger });
      output.result(describe(result).join('\n'), summary(result));
      if (!result.passed) {
        context.setExitCode(EXIT_CODES.ERR_SELFTEST);
      }
    });
};

function describe(result: SelftestResult): string[] {
  const { discovery } = result;
  const lines = [
    `advertised:   ${result.uri}`,
    `Jitsi gets:   ${discovery.url ?? '(nothing)'}`,
    `found in:     ${discovery.elapsedMs.toFixed(1)} ms ` +
      `(${discovery.service?.type ?? 'no service'})`,
  ];
  for (const warning of discovery.warnings) {
    lines.push(`note:         ${warning.message}`);
  }
  lines.push(result.passed
    ? 'selftest passed: Jitsi would get the same server, path and parameters ' +
      '(in JmDNS\'s order)'
    : `selftest FAILED: ${result.problems.join('; ')}`);
  return lines;
}

function summary(result: SelftestResult): object {
  return {
    passed: result.passed,
    problems: result.problems,
    uri: result.uri,
    url: result.discovery.url,
    elapsedMs: result.discovery.elapsedMs,
    warnings: result.discovery.warnings,
  };
}
