// Waits until every Mediation service reports SERVING on the standard health
// service, and prints how long that took.
// Usage: node health.mjs <host:port> [seconds, default 30] [service ...; default: all three]
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const [target, limitArg, ...only] = process.argv.slice(2);
if (!target) {
  console.error('usage: node health.mjs <host:port> [seconds]');
  process.exit(2);
}
const limitMs = Number(limitArg ?? 30) * 1000;
const here = dirname(fileURLToPath(import.meta.url));
const definition = protoLoader.loadSync(resolve(here, 'health.proto'), { enums: String });
const { Health } = grpc.loadPackageDefinition(definition).grpc.health.v1;
// Reconnect quickly: the default back-off would measure the probe's own waiting, not the host.
const client = new Health(target, grpc.credentials.createInsecure(), {
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 100,
});
const services = only.length > 0 ? only : [
  'mediation.requests.v1.RequestsService',
  'mediation.verification.v1.VerificationService',
  'mediation.handover.v1.HandoverService',
];

const check = (service) =>
  new Promise((done) =>
    client.check({ service }, { deadline: Date.now() + 1000 }, (error, answer) => done(error ? 'UNAVAILABLE' : answer.status)));

const started = Date.now();
const waiting = new Set(services);
while (waiting.size > 0 && Date.now() - started < limitMs) {
  for (const service of [...waiting]) {
    if ((await check(service)) === 'SERVING') waiting.delete(service);
  }
  if (waiting.size > 0) await sleep(100);
}
if (waiting.size > 0) {
  console.log(`health: not SERVING after ${limitMs / 1000} s: ${[...waiting].join(', ')}`);
  process.exit(1);
}
console.log(`health: ${services.length === 1 ? services[0] : 'every service'} SERVING ${Date.now() - started} ms after the probe started`);
client.close();
