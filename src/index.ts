// The library's public surface: re-exports only.
export * from './errors.js';
export * from './log.js';
export * from './dns/names.js';
export * from './dns/records.js';
export * from './dns/txt.js';
export * from './provisioning/provisioning-uri.js';
export * from './provisioning/service-description.js';
export * from './dhcp/discover-dhcp.js';
export * from './dhcp/option-224.js';
export * from './dhcp/responder.js';
export * from './dhcp/server-config.js';
export * from './discover/discover-mdns.js';
export * from './discover/expand.js';
export * from './discover/java-hashtable.js';
export * from './discover/jitsi-url.js';
export * from './discover/result.js';
export * from './discover/warnings.js';
