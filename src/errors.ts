/**
 * Every error the library throws on purpose. Each carries a stable `code` that the CLI maps to
 * an exit code, and a message that is one line telling the operator what to change.
 */

export type ErrorCode =
  | 'ERR_INVALID_URI'
  | 'ERR_INVALID_OPTION'
  | 'ERR_TXT_TOO_LONG'
  | 'ERR_LITERAL_SECRET'
  | 'ERR_UNKNOWN_INTERFACE'
  | 'ERR_NO_INTERFACE'
  | 'ERR_CONFIG_FILE'
  | 'ERR_NAME_CONFLICT'
  | 'ERR_SOCKET'
  | 'ERR_NOT_FOUND'
  | 'ERR_FILE_EXISTS'
  | 'ERR_FILE_WRITE'
  | 'ERR_AVAHI_CHECK'
  | 'ERR_AVAHI_RELOAD'
  | 'ERR_DHCP'
  | 'ERR_URI_TOO_LONG'
  | 'ERR_SELFTEST';

/** Exit codes the CLI uses; a conflict and "nothing found" have codes of their own for scripts. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  ERR_INVALID_URI: 2,
  ERR_INVALID_OPTION: 2,
  ERR_TXT_TOO_LONG: 2,
  ERR_LITERAL_SECRET: 2,
  ERR_UNKNOWN_INTERFACE: 2,
  ERR_CONFIG_FILE: 2,
  ERR_NO_INTERFACE: 3,
  ERR_SOCKET: 3,
  ERR_NAME_CONFLICT: 4,
  ERR_NOT_FOUND: 5,
  ERR_FILE_EXISTS: 6,
  ERR_FILE_WRITE: 6,
  ERR_AVAHI_CHECK: 7,
  ERR_AVAHI_RELOAD: 7,
  ERR_DHCP: 3,
  ERR_URI_TOO_LONG: 2,
  ERR_SELFTEST: 8,
};

export class ProvisioningError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** Input the operator gave (URI, option, config file) that cannot be used as it is. */
export class InputError extends ProvisioningError {}

/** Which of our names another responder holds: the instance (SRV/TXT) or the host name. */
export type ConflictingName = 'instance' | 'host';

/** Another responder on the network holds a name we must own (RFC 6762 §9). */
export class NameConflictError extends ProvisioningError {
  readonly responder: string;
  readonly recordName: string;
  readonly on: ConflictingName;

  constructor(recordName: string, responder: string, on: ConflictingName) {
    super('ERR_NAME_CONFLICT', on === 'instance'
      ? `the responder at ${responder} already advertises "${recordName}" with other data; ` +
        `stop or reconfigure the responder at ${responder} (Jitsi asks only for this instance ` +
        'name, so renaming ours would hide it from Jitsi)'
      : `the responder at ${responder} already answers for host name "${recordName}" with other ` +
        'addresses; choose another --host-name, or stop that responder');
    this.responder = responder;
    this.recordName = recordName;
    this.on = on;
  }
}

/** A socket could not be opened or bound (permissions, port in use, interface gone). */
export class NetworkError extends ProvisioningError {}

/** Discovery ran its full course and found no provisioning URI. */
export class NotFoundError extends ProvisioningError {}

/** A file could not be written, or would clobber a file we did not create. */
export class FileError extends ProvisioningError {}
