import type { RegisterCommand } from '../main.js';
import { registerAdvertise } from './advertise.js';
import { registerAvahi } from './avahi.js';
import { registerDhcp } from './dhcp.js';
import { registerDiscover } from './discover.js';
import { registerSelftest } from './selftest.js';

/** Every subcommand, in the order `--help` lists them. Each module registers one command. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerAdvertise, registerAvahi, registerDhcp, registerDiscover, registerSelftest,
];
