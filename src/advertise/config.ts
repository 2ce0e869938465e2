import { readFile } from 'node:fs/promises';

import { parse } from 'yaml';
import { z } from 'zod';

import { InputError } from '../errors.js';

/** What `advertise --config FILE` may hold; the same names as the command's options. */
const ConfigSchema = z.strictObject({
  uri: z.string().min(1),
  hostName: z.string().min(1).optional(),
  addresses: z.array(z.string().min(1)).optional(),
  ipv6: z.boolean().optional(),
  interfaces: z.array(z.string().min(1)).optional(),
});

export type AdvertiseConfig = z.infer<typeof ConfigSchema>;

/** Reads a YAML or JSON config file (YAML is a superset of JSON, so one parser reads both). */
export async function readAdvertiseConfig(file: string): Promise<AdvertiseConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw configError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }

  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const first = (error as Error).message.split('\n')[0] ?? '';
    throw configError(file, `is neither valid YAML nor JSON: ${first}`);
  }

  const result = ConfigSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw configError(file, `has a problem at ${where}: ${issue?.message ?? 'invalid'}; ` +
      'expected keys: uri, hostName, addresses, ipv6, interfaces');
  }
  return result.data;
}

function configError(file: string, what: string): InputError {
  return new InputError('ERR_CONFIG_FILE', `config file ${file} ${what}`);
}
