import { randomUUID } from 'node:crypto';

import { isJitsiVariable } from './warnings.js';

/** The values this machine gives Jitsi's `${…}` variables. */
export interface MachineValues {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Java system properties as Jitsi's JVM would report them (`os.name`, `user.home`, …). */
  readonly system: Readonly<Record<string, string | undefined>>;
  readonly variables: Readonly<Record<string, string | undefined>>;
  readonly username: string | null;
  readonly password: string | null;
}

/** One form field of the POST Jitsi sends. */
export interface FormField {
  readonly name: string;
  readonly value: string;
  /** True when the value came from `${password}`: never shown, never logged. */
  readonly secret: boolean;
}

export interface ProvisioningPost {
  /** The URL the POST goes to: the provisioning URL without its query string. */
  readonly url: string;
  readonly fields: readonly FormField[];
  /** Variables left as they were (unknown to Jitsi, or without a value on this machine). */
  readonly unresolved: readonly string[];
}

/**
 * Substitutes the `${…}` variables as Jitsi does, then splits the query into the form fields of
 * the POST Jitsi sends to the URL without its query string (values are not URL-encoded here).
 */
export function expandProvisioningUrl(url: string, values: MachineValues): ProvisioningPost {
  const question = url.indexOf('?');
  const target = question < 0 ? url : url.slice(0, question);
  const query = question < 0 ? '' : url.slice(question + 1);
  const unresolved = new Set<string>();

  const fields = query.split('&').filter((part) => part !== '').map((part) => {
    const equals = part.indexOf('=');
    const name = equals < 0 ? part : part.slice(0, equals);
    const raw = equals < 0 ? '' : part.slice(equals + 1);
    const value = substitute(raw, values, unresolved);
    return { name, value, secret: raw.includes('${password}') };
  });
  return { url: substitute(target, values, unresolved), fields, unresolved: [...unresolved] };
}

function substitute(text: string, values: MachineValues, unresolved: Set<string>): string {
  return text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    const value = lookup(name, values);
    if (value === undefined) {
      unresolved.add(name);
      return whole;
    }
    return value;
  });
}

function lookup(name: string, values: MachineValues): string | undefined {
  if (!isJitsiVariable(name)) {
    return undefined;
  }
  if (name.startsWith('env.')) {
    return values.env[name.slice(4)];
  }
  if (name.startsWith('system.')) {
    return values.system[name.slice(7)];
  }
  if (name === 'username') {
    return values.username ?? undefined;
  }
  if (name === 'password') {
    return values.password ?? undefined;
  }
  return values.variables[name];
}

/** The form as text, `${password}` values masked. */
export function describePost(post: ProvisioningPost): string[] {
  return [
    `POST ${post.url}`,
    'Content-Type: application/x-www-form-urlencoded',
    ...post.fields.map((f) => `  ${f.name} = ${f.secret ? '********' : f.value}`),
  ];
}

/** A fresh UUID: Jitsi keeps one per installation, which this machine does not have. */
export function installationUuid(): string {
  return randomUUID();
}
