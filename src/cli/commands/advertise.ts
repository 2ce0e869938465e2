import { readAdvertiseConfig, type AdvertiseConfig } from '../../advertise/config.js';
import { startAdvertiser } from '../../advertise/responder.js';
import { InputError } from '../../errors.js';
import { describeService } from '../../provisioning/service-description.js';
import type { RegisterCommand } from '../main.js';
import { logUriWarnings } from '../uri-warnings.js';

interface AdvertiseFlags {
  config?: string;
  hostName?: string;
  address?: string[];
  ipv6?: boolean;
  interface?: string[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `advertise [uri]`: answers Jitsi's mDNS question on the LAN until SIGINT or SIGTERM. */
export const registerAdvertise: RegisterCommand = (program, context) => {
  program
    .command('advertise')
    .description('answer Jitsi Desktop\'s Bonjour question with the provisioning URI ' +
      '(an mDNS responder; no avahi-daemon needed)')
    .argument('[uri]', 'the provisioning URI exactly as typed into Jitsi (quote it)')
    .option('-c, --config <file>', 'read the URI and options from a YAML or JSON file')
    .option('--host-name <name>', 'the .local host name of the address records ' +
      '(default provisioning.local)')
    .option('--address <ip>', 'publish this address for the host name (repeatable)', collect)
    .option('--ipv6', 'publish IPv6 addresses too')
    .option('--interface <name>', 'speak only on this interface (repeatable; lo allowed)', collect)
    .action(async (uri: string | undefined, flags: AdvertiseFlags) => {
      const settings = await merge(uri, flags);
      const logger = context.output().logger;
      const description = describeService(settings.uri, settings);
      logUriWarnings(logger, description.uri);
      const advertiser = startAdvertiser(description, {
        interfaces: settings.interfaces, logger,
      });

      let signalled = false;
      const stop = (signal: string): void => {
        signalled = true;
        logger.log('info', `${signal} received: saying goodbye`);
        void advertiser.stop();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await advertiser.ready.then(() => logger.log('info', 'advertising on ' +
          `${advertiser.links().map((l) => l.name).join(', ')}; Ctrl-C to stop`), (error) => {
          // A signal during probing ends the run normally; anything else is a failure.
          if (!signalled) throw error;
        });
        await advertiser.done;
      } finally {
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
      }
    });
};

/** The config file's settings, with each command-line option overriding its entry. */
async function merge(uri: string | undefined, flags: AdvertiseFlags): Promise<AdvertiseConfig> {
  const file = flags.config === undefined ? undefined : await readAdvertiseConfig(flags.config);
  const chosen = uri ?? file?.uri;
  if (chosen === undefined) {
    throw new InputError('ERR_INVALID_URI', 'no provisioning URI given; pass it as the ' +
      'argument (quoted) or as "uri" in a --config file');
  }

  const merged: AdvertiseConfig = { ...file, uri: chosen };
  if (flags.hostName !== undefined) merged.hostName = flags.hostName;
  if (flags.address !== undefined) merged.addresses = flags.address;
  if (flags.ipv6 !== undefined) merged.ipv6 = flags.ipv6;
  if (flags.interface !== undefined) merged.interfaces = flags.interface;
  return merged;
}
