import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';

import { discoverDhcpOn, jitsiDhcpInform } from '../harness/dhcp-client.js';
import {
  DHCP_SERVER_KINDS, startDhcpServer, type DhcpServerKind,
} from '../harness/dhcp-servers.js';
import { withLan } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';

/** Characters each server's configuration syntax treats specially: `"`, `\`, `,` and a space. */
const URI = 'https://prov.example.com/p.php?u=${username}&mac=${hwaddr}&q=a"b\\c,d e';

async function serverOnLan(t: TestContext, kind: DhcpServerKind) {
  const lan = await withLan(t, 2);
  const [serverHost, client] = lan.hosts;
  assert.ok(serverHost && client);
  const server = await startDhcpServer(serverHost, kind, URI);
  t.after(() => server.stop());
  return { serverHost, client };
}

describe('real DHCP servers started with the generated configuration', () => {
  for (const kind of DHCP_SERVER_KINDS) {
    it(`${kind} answers discoverDhcp with the URI byte for byte`, async (t) => {
      if (!needsNamespaces(t)) {
        return;
      }
      const { serverHost, client } = await serverOnLan(t, kind);

      const result = await discoverDhcpOn(client, { timeoutMs: 5000, settleMs: 300 });
      assert.equal(result.uri, URI);
      assert.deepEqual(result.answers.map((a) => [a.server, a.interface]),
        [[serverHost.ipv4, client.iface]]);
      assert.deepEqual(result.warnings, []);
    });

    it(`${kind} answers the independent Jitsi-style client with the URI`, async (t) => {
      if (!needsNamespaces(t)) {
        return;
      }
      const { serverHost, client } = await serverOnLan(t, kind);

      const result = await jitsiDhcpInform(client, { timeoutS: 5 });
      assert.equal(result.uri, URI);
      assert.equal(result.server, serverHost.ipv4);
    });
  }
});
