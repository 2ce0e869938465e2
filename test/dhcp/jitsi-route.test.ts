import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultRouteInterface, routeWarnings } from '../../src/dhcp/jitsi-route.js';

const HEADER = 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT';
const route = (iface: string, destination: string, metric: number, mask: string) =>
  `${iface}\t${destination}\t00000000\t0001\t0\t0\t${metric}\t${mask}\t0\t0\t0`;

describe('the link Jitsi sends its DHCPINFORM by', () => {
  it('is the interface of the lowest-metric default route', () => {
    const table = [HEADER, route('wlan0', '00000000', 600, '00000000'),
      route('eth1', '0064A8C0', 0, '00FFFFFF'), route('eth0', '00000000', 100, '00000000')];
    assert.equal(defaultRouteInterface(table.join('\n')), 'eth0');
  });

  it('is none without a default route', () => {
    assert.equal(defaultRouteInterface([HEADER, route('eth1', '0064A8C0', 0, '00FFFFFF')]
      .join('\n')), null);
  });

  it('warns that Jitsi cannot ask at all without a default route', () => {
    assert.match(routeWarnings(null, [])[0] ?? '', /no IPv4 default route/);
  });

  it('warns about an answer on another link than the default route', () => {
    const warnings = routeWarnings('eth0', ['eth0', 'eth1', 'eth1']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /on eth1 would not reach Jitsi.*out of eth0/);
  });

  it('says nothing when the answer came on the default route', () => {
    assert.deepEqual(routeWarnings('eth0', ['eth0']), []);
  });
});
