// An independent Mediation client over HTTP/JSON alone (Node's fetch, no gRPC, no packages), written from
// docs/quickstart-http.md, docs/partners.md and the protos' HTTP rules (docs/openapi/mediation.v1.json).
// It takes one new case from submission to REUNITED and then CLOSED, signing its custody statements itself.
//
// Usage: node reunite-http.mjs <http://host:port>                           every service at one address (embedded host's web port)
//        node reunite-http.mjs <requests> <verification> <handover>         each service at its own address (distributed mode)
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const addresses = process.argv.slice(2).map((a) => a.replace(/\/$/, ''));
if (addresses.length !== 1 && addresses.length !== 3) {
  console.error('usage: node reunite-http.mjs <http://host:port> | <requests url> <verification url> <handover url>');
  process.exit(2);
}
const [requestsUrl, verificationUrl = requestsUrl, handoverUrl = requestsUrl] = addresses;
// Each service serves its own audit log (the embedded host serves all three at one address).
const AUDIT_URL = { requests: requestsUrl, verification: verificationUrl, handover: handoverUrl };

// --------------------------------------------------------------- parties ---

// Each party's API key and ECDSA P-256 signing key: a deployment's own, as scripts/secrets.sh hands them to
// the partners (MEDIATION_PARTNERS=<its partners/ folder>: one <party>.json each), or else the public demo
// parties' (for a host in demo mode).
const here = dirname(fileURLToPath(import.meta.url));
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
  return [`parties/${id}`, { key: own.key, officer: `node-http-officer-${id}`,
    privateKey: createPrivateKey({ key: Buffer.from(own.signingKey, 'base64'), format: 'der', type: 'pkcs8' }) }];
}));

const REQUESTER = 'parties/requester-1';
const OTHER_REQUESTER = 'parties/requester-2';
const HOLDER = 'parties/holder-1';
const MEDIATOR = 'parties/mediator';
const CLAIMANT = 'claimant';
const PARTY_BY_KIND = { PARTY_KIND_REQUESTING: REQUESTER, PARTY_KIND_HOLDING: HOLDER, PARTY_KIND_MEDIATOR: MEDIATOR };

// The statement a party signs, exactly as handover.proto describes it.
const custodyStatement = ({ caseName, origin, previous, batch, leg, role, from, to, party, place, time }) =>
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
    `time:${time}`,
  ].join('\n');
// Times as the statement writes them: UTC, milliseconds. Timestamps in JSON are RFC 3339 text.
const statementTime = (date) => date.toISOString();

// ---------------------------------------------------------------- helpers ---

const runId = randomUUID().slice(0, 8);
let requestCounter = 0;
const requestId = (what) => `node-http-${runId}-${++requestCounter}-${what}`;

class StepFailure extends Error {}
/** A refusal: the HTTP status and the google.rpc.Status body {code, message, details}. */
class Refusal extends Error {
  constructor(httpStatus, status) {
    super(`HTTP ${httpStatus}, code ${status?.code}: ${status?.message}`);
    this.httpStatus = httpStatus;
    this.status = status ?? {};
  }
}

/** One call as `party`: GET without a body, POST with one (and then the x-officer header). */
async function call(base, method, path, party, body) {
  const headers = { authorization: `Bearer ${PARTIES[party].key}` };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['x-officer'] = PARTIES[party].officer;
  }
  const response = await fetch(base + path, {
    // Generous: a host just started compiles its queries on the first calls, slowly on a busy machine.
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Refusal(response.status, json);
  return json;
}
const get = (base, path, party) => call(base, 'GET', path, party);
const post = (base, path, party, body) => call(base, 'POST', path, party, body);

let currentStep = '(start)';
const step = (label) => { currentStep = label; };
const done = (message) => console.log(`ok   ${currentStep}${message ? `: ${message}` : ''}`);
const expect = (condition, message) => { if (!condition) throw new StepFailure(message); };

/** Expects `fn` to be refused with `httpStatus` and gRPC `code`; returns the refusal. */
async function expectRefusal(httpStatus, code, fn) {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Refusal && error.httpStatus === httpStatus && error.status.code === code) return error;
    throw error;
  }
  throw new StepFailure(`expected HTTP ${httpStatus} (code ${code}), but the call succeeded`);
}

/** Retries `fn` while it is 404, for what a service learns from another (a checklist, a custody chain). */
async function retryWhileNotFound(fn, seconds = 30) {
  const until = Date.now() + seconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await fn(), attempts: attempt };
    } catch (error) {
      if (!(error instanceof Refusal) || error.httpStatus !== 404 || Date.now() >= until) throw error;
      await sleep(250);
    }
  }
}

/** Reads the case (as the requesting party) until it reaches `stage`. */
async function waitForStage(caseName, stage, seconds = 30) {
  const until = Date.now() + seconds * 1000;
  for (let polls = 1; ; polls++) {
    const seen = (await get(requestsUrl, `/v1/${caseName}`, REQUESTER)).case.stage;
    if (seen === stage) return polls;
    if (Date.now() >= until) throw new StepFailure(`stage still ${seen} after ${seconds} s, expected ${stage}`);
    await sleep(250);
  }
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// ------------------------------------------------------------------- flow ---

const child = {
  givenName: 'Oksana',
  familyName: `Levchenko-${runId}`,
  birthDate: { year: 2019, month: 4, day: 17 },
  lastKnownPlace: { region: 'Eastern Region', settlement: 'Millbrook', institution: 'Boarding School No. 5' },
};
const claimant = {
  givenName: 'Iryna',
  familyName: `Levchenko-${runId}`,
  relationship: 'RELATIONSHIP_MOTHER',
  holdsCustody: true,
  contact: { phone: '+000 44 987 65', email: 'iryna.levchenko@example.org', address: '12 Orchard Lane, Riverside' },
};
const consentGiven = { given: true, givenBy: 'the claimant', giveTime: new Date(Date.now() - 86_400_000).toISOString() };
const consent = { trace: consentGiven, share: consentGiven };

async function main() {
  step('a call without an API key is refused');
  {
    const response = await fetch(`${requestsUrl}/v1/cases`, { signal: AbortSignal.timeout(30_000) });
    const status = await response.json();
    expect(response.status === 401 && status.code === 16, `HTTP ${response.status}, ${JSON.stringify(status)}`);
    done(`HTTP 401, UNAUTHENTICATED: ${status.message}`);
  }

  step('SubmitRequest with an empty child givenName is refused with its field violation');
  {
    const refusal = await expectRefusal(400, 3, () => post(requestsUrl, '/v1/requests', REQUESTER,
      { requestId: requestId('invalid'), children: [{ child: { ...child, givenName: '' }, claimants: [claimant], consent }] }));
    const badRequest = refusal.status.details.find((d) => d['@type'] === 'type.googleapis.com/google.rpc.BadRequest');
    const fields = (badRequest?.fieldViolations ?? []).map((v) => v.field);
    expect(fields.some((f) => f.endsWith('given_name')), `no field violation names given_name: ${JSON.stringify(refusal.status)}`);
    done(`HTTP 400, INVALID_ARGUMENT, violations: ${fields.join(', ')}`);
  }

  step('POST /v1/requests (requester-1)');
  const submitted = await post(requestsUrl, '/v1/requests', REQUESTER,
    { requestId: requestId('submit'), children: [{ child, claimants: [claimant], consent }] });
  expect(submitted.cases.length === 1, `expected 1 case, got ${submitted.cases.length}`);
  const caseName = submitted.cases[0].name;
  expect(/^cases\/[^/]+$/.test(caseName), `unexpected case name ${caseName}`);
  expect(submitted.cases[0].stage === 'CASE_STAGE_SUBMITTED', `stage ${submitted.cases[0].stage}`);
  done(`${submitted.name} -> ${caseName}`);

  step('POST :accept (mediator)');
  const accepted = await post(requestsUrl, `/v1/${caseName}:accept`, MEDIATOR, { requestId: requestId('accept') });
  expect(accepted.case.stage === 'CASE_STAGE_ACCEPTED', `stage ${accepted.case.stage}`);
  done(accepted.case.stage);

  step('POST :forward to holder-1 (mediator)');
  const forwarded = await post(requestsUrl, `/v1/${caseName}:forward`, MEDIATOR, { requestId: requestId('forward'), holdingParty: HOLDER });
  expect(forwarded.case.holdingParty === HOLDER, `holdingParty ${forwarded.case.holdingParty}`);
  done(forwarded.case.stage);

  step('GET the case as holder-1 shows no claimant contact');
  {
    const { case: seen } = await get(requestsUrl, `/v1/${caseName}`, HOLDER);
    for (const c of seen.claimants) {
      expect(!c.contact || (!c.contact.phone && !c.contact.email && !c.contact.address), `holder sees contact ${JSON.stringify(c.contact)}`);
    }
    done(`contact ${seen.claimants[0].contact ? 'empty' : 'absent'}`);
  }

  step('GET the case as requester-2 is 404');
  await expectRefusal(404, 5, () => get(requestsUrl, `/v1/${caseName}`, OTHER_REQUESTER));
  done('HTTP 404, NOT_FOUND');

  step('POST :reportLocated (holder-1)');
  const located = await post(requestsUrl, `/v1/${caseName}:reportLocated`, HOLDER,
    { requestId: requestId('located'), location: { region: 'Eastern Region', settlement: 'Stonebridge', institution: 'Children\u2019s Hospital No. 3' } });
  done(located.case.stage);

  step('GET the checklist (wait for it to open)');
  const { result: opened, attempts } = await retryWhileNotFound(() => get(verificationUrl, `/v1/${caseName}/checklist`, MEDIATOR));
  const checks = opened.checklist.checks;
  expect(checks.length > 0 && checks.every((c) => PARTY_BY_KIND[c.ownerKind]), `checks ${JSON.stringify(checks)}`);
  done(`${opened.checklist.state} after ${attempts} attempt(s): ${checks.map((c) => c.type.replace('CHECK_TYPE_', '')).join(', ')}`);

  let checklist = opened.checklist;
  for (const check of [...checks.filter((c) => c.type !== 'CHECK_TYPE_BEST_INTERESTS'), ...checks.filter((c) => c.type === 'CHECK_TYPE_BEST_INTERESTS')]) {
    const party = PARTY_BY_KIND[check.ownerKind];
    step(`POST checklist:attest ${check.type} PASSED (${party})`);
    const document = Buffer.from(`${check.type} document for ${caseName}, run ${runId}`);
    checklist = (await post(verificationUrl, `/v1/${caseName}/checklist:attest`, party, {
      requestId: requestId(`attest-${check.type.replace('CHECK_TYPE_', '').toLowerCase()}`),
      check: check.type,
      outcome: 'ATTESTATION_OUTCOME_PASSED',
      evidence: [{ kind: 'document', issuer: `${party} records office`, sha256: sha256(document) }],
    })).checklist;
    const after = checklist.checks.find((c) => c.type === check.type);
    expect(after?.state === 'CHECK_STATE_PASSED', `check state ${after?.state}`);
    done(`${after.state}, checklist ${checklist.state}`);
  }
  expect(checklist.state === 'CHECKLIST_STATE_VERIFIED', `checklist state ${checklist.state}`);

  step('GET custodyChain (wait for handover to know the case)');
  const { result: known } = await retryWhileNotFound(() => get(handoverUrl, `/v1/${caseName}/custodyChain`, MEDIATOR));
  done(known.chain.state);

  step('POST /v1/batches with three legs (mediator)');
  const { batch } = await post(handoverUrl, '/v1/batches', MEDIATOR, {
    requestId: requestId('plan'),
    cases: [caseName],
    venue: { region: 'Capital Region', settlement: 'Capital City', institution: 'Embassy of the Mediating State' },
    scheduledTime: new Date(Date.now() + 3_600_000).toISOString(),
    legs: [
      { fromCustodian: HOLDER, toCustodian: MEDIATOR, place: 'Embassy of the Mediating State' },
      { fromCustodian: MEDIATOR, toCustodian: REQUESTER, place: 'Crossing point' },
      { fromCustodian: REQUESTER, toCustodian: CLAIMANT, place: 'Family home, Riverside' },
    ],
  });
  expect(batch.legs.length === 3, `batch has ${batch.legs.length} legs`);
  done(`${batch.name} ${batch.state}`);

  step('GET the case until stage IN_HANDOVER');
  done(`after ${await waitForStage(caseName, 'CASE_STAGE_IN_HANDOVER')} poll(s)`);

  let chain = known.chain;
  for (const leg of [...batch.legs].sort((a, b) => a.number - b.number)) {
    for (const role of ['CUSTODY_ROLE_GIVER', 'CUSTODY_ROLE_RECEIVER']) {
      const custodian = role === 'CUSTODY_ROLE_GIVER' ? leg.fromCustodian : leg.toCustodian;
      // The requesting party acknowledges the claimant's receipt on the relative's behalf.
      const party = custodian === CLAIMANT ? REQUESTER : custodian;
      step(`POST :acknowledgeCustody leg ${leg.number} ${role.replace('CUSTODY_ROLE_', '')} (${party})`);
      const time = statementTime(new Date());
      // Signed over the chain as it stands: where custody started and the last entry's hash.
      const previous = chain.entries.length === 0 ? '0'.repeat(64) : chain.headHash;
      const statement = custodyStatement({
        caseName, origin: chain.originCustodian, previous, batch: batch.name, leg: leg.number, role,
        from: leg.fromCustodian, to: leg.toCustodian, party, place: leg.place, time,
      });
      const signature = sign('sha256', Buffer.from(statement, 'utf8'), { key: PARTIES[party].privateKey, dsaEncoding: 'ieee-p1363' });
      chain = (await post(handoverUrl, `/v1/${batch.name}:acknowledgeCustody`, party, {
        requestId: requestId(`ack-${leg.number}-${role === 'CUSTODY_ROLE_GIVER' ? 'giver' : 'receiver'}`),
        case: caseName,
        leg: leg.number,
        role,
        acknowledgeTime: time,
        signature: signature.toString('base64'),
        previousHash: previous,
      })).chain;
      done(`${chain.state}, custodian ${chain.currentCustodian || '(none)'}, ${chain.entries.length} entries`);
    }
  }

  step('GET custodyChain says REUNITED with the claimant');
  chain = (await get(handoverUrl, `/v1/${caseName}/custodyChain`, REQUESTER)).chain;
  expect(chain.state === 'HANDOVER_CASE_STATE_REUNITED', `chain state ${chain.state}`);
  expect(chain.currentCustodian === CLAIMANT && chain.entries.length === 6, `custodian ${chain.currentCustodian}, ${chain.entries.length} entries`);
  done(`${chain.state}, follow-up ${chain.followUpVisits}/${chain.followUpVisitsRequired}`);

  step('the custody receipt checks out offline: every signature and every hash link');
  {
    let previous = '0'.repeat(64);
    for (const entry of chain.entries) {
      const statement = custodyStatement({
        caseName, origin: chain.originCustodian, previous: entry.previousHash, batch: entry.batch, leg: entry.leg, role: entry.role,
        from: entry.fromCustodian, to: entry.toCustodian, party: entry.party, place: entry.place, time: statementTime(new Date(entry.acknowledgeTime)),
      });
      const signature = Buffer.from(entry.signature, 'base64');
      const publicKey = createPublicKey(PARTIES[entry.party].privateKey);
      expect(verify('sha256', Buffer.from(statement, 'utf8'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature),
        `entry ${entry.sequence}: signature does not verify`);
      expect(entry.previousHash === previous, `entry ${entry.sequence}: previousHash does not link`);
      const hash = createHash('sha256').update(`${previous}\n${statement}\n${entry.signature}`, 'utf8').digest('hex');
      expect(entry.entryHash === hash, `entry ${entry.sequence}: entryHash does not match`);
      previous = entry.entryHash;
    }
    expect(chain.headHash === previous, 'headHash is not the last entryHash');
    done(`${chain.entries.length} signatures and links verified, head ${previous.slice(0, 12)}…`);
  }

  step('GET the case until stage REUNITED');
  done(`after ${await waitForStage(caseName, 'CASE_STAGE_REUNITED')} poll(s)`);

  for (let visit = chain.followUpVisits + 1; visit <= chain.followUpVisitsRequired; visit++) {
    step(`POST followUpVisits ${visit}/${chain.followUpVisitsRequired} (requester-1)`);
    const { chain: after } = await post(handoverUrl, `/v1/${caseName}/followUpVisits`, REQUESTER,
      { requestId: requestId(`visit-${visit}`), visitTime: new Date().toISOString() });
    expect(after.followUpVisits === visit, `followUpVisits ${after.followUpVisits}`);
    done(`${after.followUpVisits}/${after.followUpVisitsRequired}`);
  }

  step('POST :close (mediator)');
  done((await post(handoverUrl, `/v1/${caseName}:close`, MEDIATOR, { requestId: requestId('close') })).chain.state);

  step('GET the case until stage CLOSED');
  done(`after ${await waitForStage(caseName, 'CASE_STAGE_CLOSED')} poll(s)`);

  step('GET events (mediator)');
  {
    const { events } = await get(requestsUrl, `/v1/${caseName}/events?pageSize=500`, MEDIATOR);
    expect(events[0]?.type === 'CaseSubmitted' && events.at(-1)?.type === 'CaseClosed', `timeline ${events.map((e) => e.type).join(', ')}`);
    done(`${events.length} events: ${events.map((e) => e.type).join(', ')}`);
  }

  step('GET events:watch from the start streams this case\u2019s events as JSON lines');
  {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 20_000);
    const response = await fetch(`${requestsUrl}/v1/events:watch`, { headers: { authorization: `Bearer ${PARTIES[REQUESTER].key}` }, signal: abort.signal });
    expect(response.ok, `HTTP ${response.status}`);
    const seen = [];
    let buffered = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        buffered += decoder.decode(chunk, { stream: true });
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (!line) continue;
          const message = JSON.parse(line);
          if (message.case === caseName) seen.push(message.event.type);
        }
        if (seen.includes('CaseClosed')) break;
      }
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
    expect(seen[0] === 'CaseSubmitted' && seen.includes('CaseClosed'), `streamed ${seen.join(', ')}`);
    done(`${seen.length} events up to CaseClosed`);
  }

  step('GET auditEntries by case (mediator): the JSON calls are recorded as the methods they reach');
  {
    const { entries } = await get(requestsUrl, `/v1/auditEntries?service=requests&case=${caseName}&pageSize=500`, MEDIATOR);
    const submit = entries.find((e) => e.method === '/mediation.requests.v1.RequestsService/SubmitRequest');
    expect(submit?.party === REQUESTER && submit.officer === PARTIES[REQUESTER].officer && submit.outcome === 'OK',
      `no SubmitRequest entry by ${REQUESTER}: ${JSON.stringify(entries[0])}`);
    done(`${entries.length} entries`);
  }

  for (const service of ['requests', 'verification', 'handover']) {
    step(`GET auditLog:verify ${service} (mediator)`);
    const verified = await get(AUDIT_URL[service], `/v1/auditLog:verify?service=${service}`, MEDIATOR);
    expect(verified.intact, `chain broken: ${JSON.stringify(verified.firstBreak)}`);
    done(`intact, ${verified.entriesChecked} entries`);
  }

  console.log(`node http client: case ${caseName} REUNITED and CLOSED over HTTP/JSON`);
}

try {
  await main();
  process.exitCode = 0;
} catch (error) {
  console.log(`FAIL ${currentStep}: ${error instanceof Refusal ? `${error.message} ${JSON.stringify(error.status.details ?? [])}` : error?.message ?? error}`);
  process.exitCode = 1;
}
