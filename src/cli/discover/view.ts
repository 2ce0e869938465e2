import type { ProvisioningPost } from '../../discover/expand.js';
import { describePost } from '../../discover/expand.js';
import type { DiscoveryResult } from '../../discover/result.js';

/** The readable report of a discovery, for a person at a terminal. */
export function describeResult(result: DiscoveryResult): string[] {
  const lines: string[] = [];
  lines.push(result.url === null
    ? `Jitsi finds no provisioning URL over ${result.method}.`
    : `Jitsi requests: ${result.url}`);
  if (result.urls.length > 1) {
    lines.push('Depending on timing, Jitsi may request any of:',
      ...result.urls.map((u) => `  ${u}`));
  }

  if (result.service !== null) {
    const s = result.service;
    lines.push('', `Service "${s.name}" (${s.type}) on ${s.host}:${s.port}`,
      `  addresses: ${s.addresses.join(', ') || '(none)'}`,
      `  TXT (wire order): ${s.txt.map((t) => JSON.stringify(t)).join(' ') || '(none)'}`);
  }
  lines.push(...describeResponders(result), ...describeSteps(result));
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings:', ...result.warnings.map((w) => `  ! ${w.message} [${w.code}]`));
  }
  return lines;
}

function describeSteps(result: DiscoveryResult): string[] {
  const lines = ['', 'Steps:'];
  for (const step of result.steps) {
    lines.push(`  ${step.type}: ${step.found ? 'found' : 'nothing'} after ` +
      `${step.elapsedMs.toFixed(1)} ms`);
  }
  const end = result.url === null ? 'give up' : 'URL';
  lines.push(`  time to ${end}: ${result.elapsedMs.toFixed(1)} ms`);
  if (result.steps.length > 1 && result.steps[0]?.found === false) {
    const wasted = result.steps[0];
    lines.push(`  the ${wasted.type} wait cost ${wasted.elapsedMs.toFixed(0)} ms`);
  }
  return lines;
}

function describeResponders(result: DiscoveryResult): string[] {
  if (result.responders.length === 0) {
    return [];
  }
  const lines = ['', `Responders (${result.responders.length}):`];
  for (const responder of result.responders) {
    const flag = responder.conflicting ? '  <-- DIFFERENT DATA: rogue or stale advertiser' : '';
    lines.push(`  ${responder.address} on ${responder.interface || '?'}, first answer after ` +
      `${responder.firstSeenMs.toFixed(1)} ms${flag}`);
    for (const record of responder.records) {
      lines.push(`    ${record.type.padEnd(4)} ttl ${String(record.ttl).padStart(5)}  ` +
        `${record.name}  ${record.data}`);
    }
  }
  return lines;
}

export function describeExpanded(post: ProvisioningPost): string[] {
  const lines = ['', 'Jitsi would send:', ...describePost(post).map((l) => `  ${l}`)];
  if (post.unresolved.length > 0) {
    lines.push(`  (left as written, no value on this machine: ${post.unresolved.join(', ')})`);
  }
  return lines;
}

/** A spinner on a terminal's stderr while discovery waits; nothing when stderr is not a TTY. */
export function startSpinner(stream: NodeJS.WritableStream, text: string): () => void {
  if (!(stream as NodeJS.WriteStream).isTTY) {
    return () => undefined;
  }
  const frames = ['|', '/', '-', '\\'];
  let frame = 0;
  const timer = setInterval(() => {
    stream.write(`\r${frames[frame % frames.length] ?? ''} ${text}`);
    frame += 1;
  }, 80);
  return () => {
    clearInterval(timer);
    stream.write(`\r${' '.repeat(text.length + 2)}\r`);
  };
}
