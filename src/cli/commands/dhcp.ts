import { Option, type Command } from 'commander';

import { startDhcpResponder } from '../../dhcp/responder.js';
import { DHCP_SERVERS, renderServerConfig } from '../../dhcp/server-config.js';
import type { CommandContext, RegisterCommand } from '../main.js';
import { parseProvisioningUri } from '../../provisioning/provisioning-uri.js';
import { logUriWarnings } from '../uri-warnings.js';

interface ConfigFlags {
  server: string;
  subnet?: string[];
}

interface ServeFlags {
  interface?: string;
}

/** `dhcp config` writes a DHCP server's configuration; `dhcp serve` answers by itself. */
export const registerDhcp: RegisterCommand = (program, context) => {
  const dhcp = program
    .command('dhcp')
    .description('make DHCP servers answer Jitsi\'s DHCPINFORM with option 224, or answer it');
  registerConfig(dhcp, context);
  registerServe(dhcp, context);
};

function registerConfig(dhcp: Command, context: CommandContext): void {
  dhcp
    .command('config')
    .description('print the configuration that makes a DHCP server answer with option 224')
    .argument('<uri>', 'the provisioning URI, as you would type it in Jitsi (at most 255 bytes)')
    .addOption(new Option('--server <kind>', 'the DHCP server to configure')
      .choices([...DHCP_SERVERS]).makeOptionMandatory())
    .option('--subnet <cidr>', 'a subnet to answer on, repeatable (default: this machine\'s)',
      (value: string, previous: string[] = []) => [...previous, value])
    .action((uri: string, flags: ConfigFlags) => {
      const text = renderServerConfig(uri, { server: flags.server, subnets: flags.subnet });
      logUriWarnings(context.output().logger, parseProvisioningUri(uri));
      const output = context.output();
      output.result(text.trimEnd(), { server: flags.server, config: text });
    });
}

function registerServe(dhcp: Command, context: CommandContext): void {
  dhcp
    .command('serve')
    .description('answer Jitsi\'s DHCPINFORM with option 224 on UDP 6767 until stopped; ' +
      'hands out no addresses')
    .argument('<uri>', 'the provisioning URI, as you would type it in Jitsi (at most 255 bytes)')
    .option('--interface <name>', 'answer only clients on this interface\'s subnets')
    .action(async (uri: string, flags: ServeFlags) => {
      const { logger } = context.output();
      const responder = await startDhcpResponder({ uri, interface: flags.interface, logger });
      logUriWarnings(logger, parseProvisioningUri(uri));
      await untilStopped();
      await responder.close();
      logger.log('info', 'stopped answering DHCPINFORM');
    });
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
