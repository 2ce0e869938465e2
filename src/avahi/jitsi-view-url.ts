import { jitsiUrls } from '../discover/jitsi-url.js';
import type { JitsiUrlBuilder } from './check.js';

/** Stands in for Avahi's own addresses, which only the running daemon knows. */
const OWN_ADDRESS_MARK = '0.0.0.0';

/**
 * The URL Jitsi would get from a checked service file, built by discover's JmDNS-exact builder.
 * For a service on Avahi's own host name the address is shown as `<avahi host address>`; a TXT
 * `path` holding an absolute URL needs no address at all. Another name with no address gives
 * `null`: Jitsi finds nothing.
 */
export const jitsiViewUrl: JitsiUrlBuilder = (view) => {
  const own = view.hostName === null;
  if (!own && view.addresses.length === 0) {
    return null; // JmDNS resolves no address for the name, so Jitsi never gets the service
  }
  const { url } = jitsiUrls({
    scheme: view.scheme,
    port: view.port,
    txt: view.txtWire,
    addresses: own ? [OWN_ADDRESS_MARK] : view.addresses,
  });
  return own && url !== null
    ? url.replace(`://${OWN_ADDRESS_MARK}:`, '://<avahi host address>:')
    : url;
};
