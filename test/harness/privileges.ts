import type { TestContext } from 'node:test';

/**
 * Namespace tests need root (`ip netns`, veth, mount namespaces). Without it they skip and say
 * why; under CI=true a skip is a failure, so a CI run that silently tested nothing cannot pass.
 */
export function namespaceSkipReason(): string | undefined {
  if (process.platform !== 'linux') {
    return 'network namespaces need Linux';
  }
  if (process.getuid?.() !== 0) {
    return 'network namespace tests need root (run npm test as root, as CI does)';
  }
  return undefined;
}

/** Returns true when the test may run; otherwise skips it (or throws under CI=true). */
export function needsNamespaces(t: TestContext): boolean {
  const reason = namespaceSkipReason();
  if (reason === undefined) {
    return true;
  }
  if (process.env['CI'] === 'true') {
    throw new Error(`cannot run under CI: ${reason}`);
  }
  t.skip(reason);
  return false;
}
