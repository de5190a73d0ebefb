// An independent Mediation client, written from the README, docs/ and protos/ only.
// It takes one new case from submission to REUNITED and then CLOSED, the way
// docs/partners.md describes.
//
// Usage: node reunite.mjs <host:port>                    every service at one address (embedded host)
//        node reunite.mjs <requests> <verification> <handover>  each service at its own address (distributed mode)
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const addresses = process.argv.slice(2);
if (addresses.length !== 1 && addresses.length !== 3) {
  console.error('usage: node reunite.mjs <host:port> | <requests host:port> <verification host:port> <handover host:port>');
  process.exit(2);
}
const [target, verificationTarget = target, handoverTarget = target] = addresses;

// ---------------------------------------------------------------- protos ---

const here = dirname(fileURLToPath(import.meta.url));
const protosDir = resolve(here, '..', '..', 'protos');
// The protos' HTTP rules import google/api/annotations.proto, which protobufjs (proto-loader's parser) carries.
const googleProtosDir = dirname(createRequire(import.meta.url).resolve('protobufjs/package.json'));
const definition = protoLoader.loadSync(
  [
    'mediation/requests/v1/requests.proto',
    'mediation/verification/v1/verification.proto',
    'mediation/handover/v1/handover.proto',
    'mediation/audit/v1/audit.proto',
  ],
  { includeDirs: [protosDir, googleProtosDir], keepCase: true, enums: String, longs: String, defaults: true, oneofs: true },
);
const api = grpc.loadPackageDefinition(definition).mediation;
const channelCredentials = grpc.credentials.createInsecure();
const requests = new api.requests.v1.RequestsService(target, channelCredentials);
const verification = new api.verification.v1.VerificationService(verificationTarget, channelCredentials);
const handover = new api.handover.v1.HandoverService(handoverTarget, channelCredentials);
// Each service serves its own audit log (the embedded host serves all three at one address).
const auditLogs = {
  requests: new api.audit.v1.AuditLogService(target, channelCredentials),
  verification: new api.audit.v1.AuditLogService(verificationTarget, channelCredentials),
  handover: new api.audit.v1.AuditLogService(handoverTarget, channelCredentials),
};

// --------------------------------------------------------------- parties ---

// Each party's API key and ECDSA P-256 signing key: a deployment's own, as scripts/secrets.sh hands them to
// the partners (MEDIATION_PARTNERS=<its partners/ folder>: one <party>.json each), or else the public demo
// parties' from the demo parties file docs/partners.md points to (for a host in demo mode).
const OFFICERS = ['requester-1', 'requester-2', 'holder-1', 'mediator'];
const partnersDir = process.env.MEDIATION_PARTNERS;
const demoParties = partnersDir ? null
  : JSON.parse(readFileSync(resolve(here, '..', '..', 'services', 'Host', 'parties.demo.json'), 'utf8')).Parties;
const credentials = (id) => {
  if (partnersDir) {
    const own = JSON.parse(readFileSync(resolve(partnersDir, `${id}.json`), 'utf8'));
    return { key: own.apiKey, signingKey: own.signingKey };
  }
  return { key: demoParties[id].ApiKey, signingKey: demoParties[id].DemoPrivateKey };
};
const PARTIES = Object.fromEntries(OFFICERS.map((id) => {
  const own = credentials(id);
  return [`parties/${id}`, { key: own.key, officer: `node-officer-${id}`,
    privateKey: createPrivateKey({ key: Buffer.from(own.signingKey, 'base64'), format: 'der', type: 'pkcs8' }) }];
}));
const signingKey = (party) => PARTIES[party].privateKey;
const publicKey = (party) => createPublicKey(PARTIES[party].privateKey);

// The statement a party signs, exactly as handover.proto describes it.
const custodyStatement = ({ caseName, origin, previous, batch, leg, role, from, to, party, place, timeMs }) =>
  [
    'mediation.custody.v2',
    `case:${caseName}`,
    `origin:${origin}`,
    `previous:${previous}`,
    `batch:${batch}`,
    `leg:${leg}`,
    `role:${role.replace('CUSTODY_ROLE_', '')}`,
    `from:${from}`,
    `to:${to}`,
    `party:${party}`,
    `place:${place}`,
    `time:${new Date(timeMs).toISOString()}`,
  ].join('\n');
const timestampMs = (t) => Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6);

const REQUESTER = 'parties/requester-1';
const OTHER_REQUESTER = 'parties/requester-2';
const HOLDER = 'parties/holder-1';
const MEDIATOR = 'parties/mediator';
const CLAIMANT = 'claimant';
const PARTY_BY_KIND = {
  PARTY_KIND_REQUESTING: REQUESTER,
  PARTY_KIND_HOLDING: HOLDER,
  PARTY_KIND_MEDIATOR: MEDIATOR,
};

// ---------------------------------------------------------------- helpers ---

const STATUS_NAMES = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));
const runId = randomUUID().slice(0, 8);
let requestCounter = 0;
const requestId = (what) => `node-${runId}-${++requestCounter}-${what}`;

class StepFailure extends Error {}

/** Calls one unary method as `party`; `mutating` adds the x-officer header. */
function call(client, method, request, party, { mutating = false } = {}) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${PARTIES[party].key}`);
  if (mutating) metadata.set('x-officer', PARTIES[party].officer);
  const deadline = new Date(Date.now() + 10_000);
  return new Promise((resolvePromise, reject) => {
    client[method](request, metadata, { deadline }, (error, response) => (error ? reject(error) : resolvePromise(response)));
  });
}

let currentStep = '(start)';
function step(label) {
  currentStep = label;
}
function done(message) {
  console.log(`ok   ${currentStep}${message ? `: ${message}` : ''}`);
}
function expect(condition, message) {
  if (!condition) throw new StepFailure(message);
}

/** Retries `fn` while it fails with NOT_FOUND, for up to `seconds`. */
async function retryWhileNotFound(fn, seconds = 30) {
  const until = Date.now() + seconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await fn(), attempts: attempt };
    } catch (error) {
      if (error.code !== grpc.status.NOT_FOUND || Date.now() >= until) throw error;
      await sleep(250);
    }
  }
}

/** Expects `fn` to fail with `code`; returns the error. */
async function expectStatus(code, fn) {
  try {
    await fn();
  } catch (error) {
    if (error.code === code) return error;
    throw error;
  }
  throw new StepFailure(`expected ${STATUS_NAMES[code]}, but the call succeeded`);
}

/** Polls RequestsService/GetCase (as the requesting party) until the case reaches `stage`, for up to `seconds`. */
async function waitForStage(caseName, stage, seconds = 30) {
  const until = Date.now() + seconds * 1000;
  for (let polls = 1; ; polls++) {
    const seen = (await call(requests, 'GetCase', { name: caseName }, REQUESTER)).case.stage;
    if (seen === stage) return polls;
    if (Date.now() >= until) throw new StepFailure(`stage still ${seen} after ${seconds} s, expected ${stage}`);
    await sleep(250);
  }
}

const timestamp = (date) => ({ seconds: String(Math.floor(date.getTime() / 1000)), nanos: (date.getTime() % 1000) * 1_000_000 });
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// A minimal protobuf wire reader, enough for google.rpc.Status
// (grpc-status-details-bin) and the google.rpc.BadRequest in it, whose protos
// are not among the repository's public ones.
function readFields(buffer) {
  const fields = [];
  let offset = 0;
  const varint = () => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = buffer[offset++];
      if (byte === undefined) throw new Error('truncated');
      value |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
  };
  while (offset < buffer.length) {
    const key = Number(varint());
    const number = key >> 3;
    const wire = key & 7;
    if (wire === 0) fields.push({ number, value: varint() });
    else if (wire === 2) {
      const length = Number(varint());
      fields.push({ number, value: buffer.subarray(offset, offset + length) });
      offset += length;
    } else if (wire === 1) offset += 8;
    else if (wire === 5) offset += 4;
    else throw new Error(`wire type ${wire}`);
  }
  return fields;
}
function fieldViolations(error) {
  const [details] = error.metadata?.get('grpc-status-details-bin') ?? [];
  if (!details) return null;
  const violations = [];
  for (const any of readFields(Buffer.from(details)).filter((f) => f.number === 3)) {
    const anyFields = readFields(any.value);
    const typeUrl = anyFields.find((f) => f.number === 1)?.value.toString();
    const value = anyFields.find((f) => f.number === 2)?.value;
    if (!typeUrl?.endsWith('/google.rpc.BadRequest') || !value) continue;
    for (const violation of readFields(value).filter((f) => f.number === 1)) {
      const parts = readFields(violation.value);
      violations.push({
        field: parts.find((f) => f.number === 1)?.value.toString() ?? '',
        description: parts.find((f) => f.number === 2)?.value.toString() ?? '',
      });
    }
  }
  return violations;
}

// ------------------------------------------------------------------- flow ---

const child = {
  given_name: 'Oksana',
  family_name: `Levchenko-${runId}`,
  birth_date: { year: 2019, month: 4, day: 17 },
  last_known_place: { region: 'Eastern Region', settlement: 'Millbrook', institution: 'Boarding School No. 5' },
  special_needs: '',
};
const claimant = {
  given_name: 'Iryna',
  family_name: `Levchenko-${runId}`,
  relationship: 'RELATIONSHIP_MOTHER',
  holds_custody: true,
  contact: { phone: '+000 44 987 65', email: 'iryna.levchenko@example.org', address: '12 Orchard Lane, Riverside' },
};
// Consent to trace and to share, given by the claimant when the request was taken.
const consentGiven = { given: true, given_by: 'the claimant', give_time: { seconds: String(Math.floor(Date.now() / 1000) - 86400), nanos: 0 } };
const consent = { trace: consentGiven, share: consentGiven };
const EVIDENCE_KIND = {
  CHECK_TYPE_IDENTITY: 'birth-certificate',
  CHECK_TYPE_RELATIONSHIP: 'parent-birth-record',
  CHECK_TYPE_CUSTODY: 'custody-order',
  CHECK_TYPE_RELEASE_CONSENT: 'release-consent-letter',
  CHECK_TYPE_CHILD_VIEWS: 'child-interview-record',
  CHECK_TYPE_CARE_PLAN: 'care-plan',
  CHECK_TYPE_BEST_INTERESTS: 'best-interests-determination',
};

async function main() {
  step('connect');
  await new Promise((ok, fail) =>
    requests.waitForReady(new Date(Date.now() + 10_000), (error) => (error ? fail(error) : ok())),
  );
  done(addresses.join(' '));

  // (3) An invalid submission is refused with INVALID_ARGUMENT.
  step('SubmitRequest with empty child given_name is refused');
  {
    const error = await expectStatus(grpc.status.INVALID_ARGUMENT, () =>
      call(
        requests,
        'SubmitRequest',
        { request_id: requestId('invalid'), children: [{ child: { ...child, given_name: '' }, claimants: [claimant], consent }] },
        REQUESTER,
        { mutating: true },
      ),
    );
    const violations = fieldViolations(error);
    expect(violations !== null && violations.length > 0, 'INVALID_ARGUMENT carries no google.rpc.BadRequest field violations');
    expect(
      violations.some((v) => v.field.endsWith('given_name')),
      `no field violation names given_name: ${JSON.stringify(violations)}`,
    );
    done(`INVALID_ARGUMENT, violations: ${violations.map((v) => v.field).join(', ')}`);
  }

  step('SubmitRequest (requester-1)');
  const submitted = await call(
    requests,
    'SubmitRequest',
    { request_id: requestId('submit'), children: [{ child, claimants: [claimant], consent }] },
    REQUESTER,
    { mutating: true },
  );
  expect(submitted.cases.length === 1, `expected 1 case, got ${submitted.cases.length}`);
  const caseName = submitted.cases[0].name;
  expect(/^cases\/[^/]+$/.test(caseName), `unexpected case name ${caseName}`);
  expect(submitted.cases[0].stage === 'CASE_STAGE_SUBMITTED', `stage ${submitted.cases[0].stage}`);
  done(`${submitted.name} -> ${caseName} (${submitted.cases[0].stage})`);

  step('AcceptCase (mediator)');
  const accepted = await call(requests, 'AcceptCase', { request_id: requestId('accept'), name: caseName }, MEDIATOR, { mutating: true });
  expect(accepted.case.stage === 'CASE_STAGE_ACCEPTED', `stage ${accepted.case.stage}`);
  done(accepted.case.stage);

  step('ForwardCase to holder-1 (mediator)');
  const forwarded = await call(
    requests,
    'ForwardCase',
    { request_id: requestId('forward'), name: caseName, holding_party: HOLDER },
    MEDIATOR,
    { mutating: true },
  );
  expect(forwarded.case.stage === 'CASE_STAGE_FORWARDED', `stage ${forwarded.case.stage}`);
  expect(forwarded.case.holding_party === HOLDER, `holding_party ${forwarded.case.holding_party}`);
  done(forwarded.case.stage);

  // (1) The holding party never sees the claimant's contact details.
  step('GetCase as holder-1 shows no claimant contact');
  {
    const { case: seen } = await call(requests, 'GetCase', { name: caseName }, HOLDER);
    expect(seen.claimants.length === 1, `holder sees ${seen.claimants.length} claimants`);
    for (const c of seen.claimants) {
      const contact = c.contact;
      expect(!contact || (!contact.phone && !contact.email && !contact.address), `holder sees contact ${JSON.stringify(contact)}`);
    }
    done(`contact ${seen.claimants[0].contact === null ? 'absent' : 'empty'}`);
  }

  // (2) The other requesting party may not see the case at all.
  step('GetCase as requester-2 is NOT_FOUND');
  await expectStatus(grpc.status.NOT_FOUND, () => call(requests, 'GetCase', { name: caseName }, OTHER_REQUESTER));
  done('NOT_FOUND');

  step('ReportCaseLocated (holder-1)');
  const located = await call(
    requests,
    'ReportCaseLocated',
    {
      request_id: requestId('located'),
      name: caseName,
      location: { region: 'Eastern Region', settlement: 'Stonebridge', institution: 'Children\u2019s Hospital No. 3' },
    },
    HOLDER,
    { mutating: true },
  );
  expect(['CASE_STAGE_LOCATED', 'CASE_STAGE_IN_VERIFICATION'].includes(located.case.stage), `stage ${located.case.stage}`);
  done(located.case.stage);

  const checklistName = `${caseName}/checklist`;
  step('GetChecklist (wait for it to open)');
  const { result: opened, attempts: checklistAttempts } = await retryWhileNotFound(() =>
    call(verification, 'GetChecklist', { name: checklistName }, MEDIATOR),
  );
  const checks = opened.checklist.checks;
  expect(checks.length > 0, 'the checklist has no checks');
  expect(checks.every((c) => PARTY_BY_KIND[c.owner_kind]), `a check has an unknown owner: ${JSON.stringify(checks)}`);
  done(
    `${opened.checklist.state} after ${checklistAttempts} attempt(s): ` +
      checks.map((c) => `${c.type.replace('CHECK_TYPE_', '')}/${c.owner_kind.replace('PARTY_KIND_', '')}`).join(', '),
  );

  // Every check by the party kind that owns it, best interests last.
  const ordered = [
    ...checks.filter((c) => c.type !== 'CHECK_TYPE_BEST_INTERESTS'),
    ...checks.filter((c) => c.type === 'CHECK_TYPE_BEST_INTERESTS'),
  ];
  let checklist = opened.checklist;
  for (const check of ordered) {
    const party = PARTY_BY_KIND[check.owner_kind];
    step(`AttestCheck ${check.type} PASSED (${party})`);
    const document = Buffer.from(`${EVIDENCE_KIND[check.type] ?? 'document'} for ${caseName}, run ${runId}`);
    const response = await call(
      verification,
      'AttestCheck',
      {
        request_id: requestId(`attest-${check.type.replace('CHECK_TYPE_', '').toLowerCase()}`),
        checklist: checklistName,
        check: check.type,
        outcome: 'ATTESTATION_OUTCOME_PASSED',
        evidence: [{ kind: EVIDENCE_KIND[check.type] ?? 'document', issuer: `${party} records office`, sha256: sha256(document) }],
      },
      party,
      { mutating: true },
    );
    checklist = response.checklist;
    const after = checklist.checks.find((c) => c.type === check.type);
    expect(after?.state === 'CHECK_STATE_PASSED', `check state ${after?.state}`);
    done(`${after.state}, checklist ${checklist.state}`);
  }
  step('checklist verified');
  expect(checklist.state === 'CHECKLIST_STATE_VERIFIED', `checklist state ${checklist.state}`);
  done(checklist.state);

  step('GetCustodyChain (wait for handover to know the case)');
  const { result: known, attempts: chainAttempts } = await retryWhileNotFound(() =>
    call(handover, 'GetCustodyChain', { case: caseName }, MEDIATOR),
  );
  done(`${known.chain.state} after ${chainAttempts} attempt(s)`);

  step('PlanBatch with three legs (mediator)');
  const planned = await call(
    handover,
    'PlanBatch',
    {
      request_id: requestId('plan'),
      cases: [caseName],
      venue: { region: 'Capital Region', settlement: 'Capital City', institution: 'Embassy of the Mediating State' },
      scheduled_time: timestamp(new Date(Date.now() + 60 * 60 * 1000)),
      legs: [
        { from_custodian: HOLDER, to_custodian: MEDIATOR, place: 'Embassy of the Mediating State' },
        { from_custodian: MEDIATOR, to_custodian: REQUESTER, place: 'Crossing point' },
        { from_custodian: REQUESTER, to_custodian: CLAIMANT, place: 'Family home, Riverside' },
      ],
    },
    MEDIATOR,
    { mutating: true },
  );
  const batch = planned.batch;
  expect(batch.legs.length === 3, `batch has ${batch.legs.length} legs`);
  done(`${batch.name} ${batch.state}, legs ${batch.legs.map((l) => `${l.number}:${l.from_custodian}->${l.to_custodian}`).join(' ')}`);

  step('GetCase until stage IN_HANDOVER');
  done(`CASE_STAGE_IN_HANDOVER after ${await waitForStage(caseName, 'CASE_STAGE_IN_HANDOVER')} poll(s)`);

  let chain = known.chain;
  for (const leg of [...batch.legs].sort((a, b) => a.number - b.number)) {
    for (const role of ['CUSTODY_ROLE_GIVER', 'CUSTODY_ROLE_RECEIVER']) {
      const custodian = role === 'CUSTODY_ROLE_GIVER' ? leg.from_custodian : leg.to_custodian;
      // The requesting party acknowledges the claimant's receipt on the relative's behalf.
      const party = custodian === CLAIMANT ? REQUESTER : custodian;
      expect(PARTIES[party], `no key for custodian ${custodian}`);
      step(`AcknowledgeCustody leg ${leg.number} ${role.replace('CUSTODY_ROLE_', '')} (${party})`);
      const timeMs = Date.now();
      // Signed over the chain as it stands: where custody started and the last entry's hash.
      const previous = chain.entries.length === 0 ? '0'.repeat(64) : chain.head_hash;
      const statement = custodyStatement({
        caseName, origin: chain.origin_custodian, previous, batch: batch.name, leg: leg.number, role, from: leg.from_custodian, to: leg.to_custodian, party, place: leg.place, timeMs,
      });
      const signature = sign('sha256', Buffer.from(statement, 'utf8'), { key: signingKey(party), dsaEncoding: 'ieee-p1363' });
      const response = await call(
        handover,
        'AcknowledgeCustody',
        {
          request_id: requestId(`ack-${leg.number}-${role === 'CUSTODY_ROLE_GIVER' ? 'giver' : 'receiver'}`),
          batch: batch.name,
          case: caseName,
          leg: leg.number,
          role,
          acknowledge_time: { seconds: String(Math.floor(timeMs / 1000)), nanos: (timeMs % 1000) * 1e6 },
          signature,
          previous_hash: previous,
        },
        party,
        { mutating: true },
      );
      chain = response.chain;
      done(`${chain.state}, custodian ${chain.current_custodian || '(none)'}, ${chain.entries.length} entries`);
    }
  }

  step('GetCustodyChain says REUNITED with the claimant');
  chain = (await call(handover, 'GetCustodyChain', { case: caseName }, REQUESTER)).chain;
  expect(chain.state === 'HANDOVER_CASE_STATE_REUNITED', `chain state ${chain.state}`);
  expect(chain.current_custodian === CLAIMANT, `current custodian ${chain.current_custodian}`);
  expect(chain.entries.length === 6, `expected 6 acknowledgements, got ${chain.entries.length}`);
  done(`${chain.state}, custodian ${chain.current_custodian}, follow-up ${chain.follow_up_visits}/${chain.follow_up_visits_required}`);

  step('the custody receipt checks out offline: every signature and every hash link');
  {
    let previous = '0'.repeat(64);
    for (const entry of chain.entries) {
      const statement = custodyStatement({
        caseName, origin: chain.origin_custodian, previous: entry.previous_hash, batch: entry.batch, leg: entry.leg, role: entry.role, from: entry.from_custodian, to: entry.to_custodian,
        party: entry.party, place: entry.place, timeMs: timestampMs(entry.acknowledge_time),
      });
      const signed = verify('sha256', Buffer.from(statement, 'utf8'), { key: publicKey(entry.party), dsaEncoding: 'ieee-p1363' }, entry.signature);
      expect(signed, `entry ${entry.sequence}: signature does not verify`);
      expect(entry.previous_hash === previous, `entry ${entry.sequence}: previous_hash does not link`);
      const hash = createHash('sha256').update(`${previous}\n${statement}\n${Buffer.from(entry.signature).toString('base64')}`, 'utf8').digest('hex');
      expect(entry.entry_hash === hash, `entry ${entry.sequence}: entry_hash does not match`);
      previous = entry.entry_hash;
    }
    expect(chain.head_hash === previous, 'head_hash is not the last entry_hash');
    done(`${chain.entries.length} signatures and links verified, head ${previous.slice(0, 12)}…`);
  }

  step('GetCase until stage REUNITED');
  done(`CASE_STAGE_REUNITED after ${await waitForStage(caseName, 'CASE_STAGE_REUNITED')} poll(s)`);

  const required = chain.follow_up_visits_required;
  for (let visit = chain.follow_up_visits + 1; visit <= required; visit++) {
    step(`RecordFollowUpVisit ${visit}/${required} (requester-1)`);
    const response = await call(
      handover,
      'RecordFollowUpVisit',
      { request_id: requestId(`visit-${visit}`), case: caseName, visit_time: timestamp(new Date()) },
      REQUESTER,
      { mutating: true },
    );
    chain = response.chain;
    expect(chain.follow_up_visits === visit, `follow_up_visits ${chain.follow_up_visits}`);
    done(`${chain.follow_up_visits}/${chain.follow_up_visits_required}`);
  }

  step('CloseCase (mediator)');
  const closed = await call(handover, 'CloseCase', { request_id: requestId('close'), case: caseName }, MEDIATOR, { mutating: true });
  done(closed.chain.state);

  step('GetCase until stage CLOSED');
  done(`CASE_STAGE_CLOSED after ${await waitForStage(caseName, 'CASE_STAGE_CLOSED')} poll(s)`);

  step('ListCaseEvents (mediator)');
  {
    const { events } = await call(requests, 'ListCaseEvents', { parent: caseName, page_size: 500 }, MEDIATOR);
    expect(events.length > 0, 'empty timeline');
    done(`${events.length} events: ${events.map((e) => e.type).join(', ')}`);
  }

  step('ListAuditEntries by case (mediator): who called what on the case, and how it ended');
  {
    const { entries } = await call(auditLogs.requests, 'ListAuditEntries', { service: 'requests', case: caseName, page_size: 500 }, MEDIATOR);
    const submitted = entries.find((e) => e.method === '/mediation.requests.v1.RequestsService/SubmitRequest');
    expect(submitted?.party === REQUESTER && submitted.officer === PARTIES[REQUESTER].officer && submitted.outcome === 'OK',
      `no SubmitRequest entry by ${REQUESTER}: ${JSON.stringify(entries[0])}`);
    expect(entries.some((e) => e.party === HOLDER), 'no entry by the holding party');
    done(`${entries.length} entries, first ${submitted.method.split('/').pop()} by ${submitted.party} (${submitted.officer})`);
  }

  for (const service of ['requests', 'verification', 'handover']) {
    step(`VerifyAuditLog ${service} (mediator)`);
    const verified = await call(auditLogs[service], 'VerifyAuditLog', { service }, MEDIATOR);
    expect(verified.intact, `chain broken: ${JSON.stringify(verified.first_break)}`);
    const again = await call(auditLogs[service], 'VerifyAuditLog',
      { service, recorded_head_sequence: verified.head_sequence, recorded_head_hash: verified.head_hash }, MEDIATOR);
    expect(again.intact, `the head just recorded is gone: ${JSON.stringify(again.first_break)}`);
    done(`intact, ${verified.entries_checked} entries, head ${verified.head_sequence} ${verified.head_hash.slice(0, 12)}…`);
  }

  console.log(`node client: case ${caseName} REUNITED and CLOSED`);
}

try {
  await main();
  process.exitCode = 0;
} catch (error) {
  if (error instanceof StepFailure) {
    console.log(`FAIL ${currentStep}: ${error.message}`);
  } else if (typeof error?.code === 'number' && STATUS_NAMES[error.code]) {
    let extra = '';
    try {
      const violations = fieldViolations(error);
      if (violations?.length) extra = ` [${violations.map((v) => `${v.field}: ${v.description}`).join('; ')}]`;
    } catch {
      // details not decodable: the status alone is reported
    }
    console.log(`FAIL ${currentStep}: gRPC ${STATUS_NAMES[error.code]} (${error.code}): ${error.details}${extra}`);
  } else {
    console.log(`FAIL ${currentStep}: ${error?.message ?? error}`);
  }
  process.exitCode = 1;
} finally {
  requests.close();
  verification.close();
  handover.close();
  Object.values(auditLogs).forEach((client) => client.close());
}
