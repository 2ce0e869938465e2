// The library's public surface: re-exports only.
export * from './errors.js';
export * from './log.js';
export * from './dns/names.js';
export * from './dns/records.js';
export * from './dns/txt.js';
export * from './provisioning/provisioning-uri.js';
export * from './provisioning/service-description.js';
export * from './advertise/responder.js';
