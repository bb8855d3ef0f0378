// The example `examples/onboard.ts` run against the real platform: its `onboard()` in process for both
// paths (new user, existing user linked through the hosted pages), and the script itself as a partner
// would start it, answering its prompt with the URL the browser was sent back to.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_CUSTOMER, type OnboardOptions, onboard } from '../examples/onboard.js';
import {
  addPerson,
  type ClientPlatform,
  completeHostedFlow,
  REDIRECT,
  startClientPlatform,
} from './support.js';

const EXAMPLE = fileURLToPath(new URL('../examples/onboard.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOADER = new URL('../../../scripts/ts-loader.mjs', import.meta.url).href;

describe('examples/onboard.ts against the platform', () => {
  let cp: ClientPlatform;

  before(async () => {
    cp = await startClientPlatform('Banco Exemplo');
  });
  after(() => cp.platform.close());

  function options(overrides: Partial<OnboardOptions> & { lines: string[] }): OnboardOptions {
    return {
      client: cp.client,
      customer: EXAMPLE_CUSTOMER,
      redirectUri: REDIRECT,
      openAuthorizeUrl: () => Promise.reject(new Error('a new user is never sent to the authorize page')),
      now: cp.now,
      log: (line) => overrides.lines.push(line),
      ...overrides,
    };
  }

  test('a new user: created, personal profile, CPF accepted, terms link, then calls through the manager', async () => {
    const lines: string[] = [];
    const result = await onboard(options({ lines }));
    assert.equal(result.kind, 'created');
    if (result.kind !== 'created') return;
    assert.equal(result.cpf, 'accepted');
    assert.equal(result.termsUrl, `${cp.platform.url}/v1/terms/${cp.client.clientId}`);
    assert.deepEqual(result.grantedProfileIds, [result.profileId]);
    assert.deepEqual(lines, [
      `created personal profile ${result.profileId}`,
      'CPF accepted',
      `show the customer the terms: ${result.termsUrl}`,
      `granted profiles: PERSONAL ${result.profileId}`,
    ]);
    // What the platform now holds: the user, the profile with the bank's data, the CPF.
    const profile = await cp.platform.platform.stores.profiles.listByUser(
      (await cp.platform.platform.stores.users.findByEmailKey(EXAMPLE_CUSTOMER.email))!.id,
    );
    assert.deepEqual(
      profile.map((p) => [p.id, p.type, p.dateOfBirth, p.externalCustomerId]),
      [[result.profileId, 'PERSONAL', EXAMPLE_CUSTOMER.dateOfBirth, EXAMPLE_CUSTOMER.id]],
    );
    const documents = await cp.platform.platform.stores.verificationDocuments.listByProfile(result.profileId);
    assert.deepEqual(
      documents.map((d) => [d.type, d.identifierLastDigits]),
      [['CPF_CNPJ', '5269']],
    );
  });

  test('an existing user: 409, the hosted pages, the same person by date of birth, linked', async () => {
    const person = await addPerson(cp.platform, {
      email: 'joao.existing@example.com',
      profiles: [{ type: 'PERSONAL', firstName: 'João', lastName: 'Lima', dateOfBirth: '1985-07-14' }],
    });
    const customer = {
      ...EXAMPLE_CUSTOMER,
      id: 'customer-7',
      email: person.email,
      dateOfBirth: '1985-07-14',
    };
    const lines: string[] = [];
    const opened: string[] = [];
    const result = await onboard(
      options({
        lines,
        customer,
        openAuthorizeUrl: (url) => {
          opened.push(url);
          return completeHostedFlow(cp.platform, url, person);
        },
      }),
    );
    assert.deepEqual(result, {
      kind: 'linked',
      profileId: person.profileIds[0],
      grantedProfileIds: [person.profileIds[0]],
    });
    assert.equal(opened.length, 1);
    assert.ok(opened[0]!.startsWith(`${cp.platform.url}/oauth/authorize?`));
    assert.match(lines[0]!, /^jo\*+@example\.com already has an account: linking instead$/);
    // The existing account got no profile from the bank.
    assert.equal((await cp.platform.platform.stores.profiles.listByUser(person.userId)).length, 1);
  });

  test('an existing user who is someone else (date of birth differs), or who denies: not linked', async () => {
    const person = await addPerson(cp.platform, {
      email: 'other.person@example.com',
      profiles: [{ type: 'PERSONAL', firstName: 'Ana', lastName: 'Silva', dateOfBirth: '1970-01-01' }],
    });
    const customer = { ...EXAMPLE_CUSTOMER, id: 'customer-8', email: person.email };
    const mismatch = await onboard(
      options({
        lines: [],
        customer,
        openAuthorizeUrl: (url) => completeHostedFlow(cp.platform, url, person),
      }),
    );
    assert.equal(mismatch.kind, 'not_linked');
    assert.match((mismatch as { reason: string }).reason, /date of birth differs/);

    const denied = await onboard(
      options({
        lines: [],
        customer,
        openAuthorizeUrl: (url) => completeHostedFlow(cp.platform, url, person, { decision: 'deny' }),
      }),
    );
    assert.equal(denied.kind, 'not_linked');
  });

  /** Starts the example as a partner would, against this platform, with another partner client. */
  async function runScript(args: string[], answer?: (authorizeUrl: string) => Promise<string>) {
    const credentials = await cp.platform.addClient({ name: 'Script Bank', redirectUris: [REDIRECT] });
    const child = spawn(process.execPath, ['--conditions=source', '--import', LOADER, EXAMPLE, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        WISE_API_URL: cp.platform.url,
        WISE_CLIENT_ID: credentials.clientId,
        WISE_CLIENT_SECRET: credentials.clientSecret,
        WISE_REDIRECT_URI: REDIRECT,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let answered = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /^(http\S+\/oauth\/authorize\?\S+)$/m.exec(stdout)?.[1];
      if (url && answer && !answered && stdout.includes('paste the URL')) {
        answered = true;
        answer(url).then(
          (callback) => child.stdin.end(`${callback}\n`),
          (error) => {
            stderr += String(error);
            child.kill();
          },
        );
      }
    });
    if (!answer) child.stdin.end();
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stdout, stderr, clientId: credentials.clientId };
  }

  test('the script: a new user end to end, exit code 0', async () => {
    // The sandbox accepts the CPF for Test User born 2000-01-01 only (Wise's Brazil guide).
    const run = await runScript(['script.new@example.com', '2000-01-01']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^created personal profile \d+$/m);
    assert.match(run.stdout, /^CPF accepted$/m);
    assert.ok(
      run.stdout.includes(`show the customer the terms: ${cp.platform.url}/v1/terms/${run.clientId}`),
    );
    assert.match(run.stdout, /^granted profiles: PERSONAL \d+$/m);
  });

  test('the script: an existing user answers the prompt with the callback URL and is linked', async () => {
    const person = await addPerson(cp.platform, {
      email: 'script.existing@example.com',
      profiles: [{ type: 'PERSONAL', firstName: 'Rui', lastName: 'Costa', dateOfBirth: '1980-10-10' }],
    });
    const run = await runScript([person.email, '1980-10-10'], (url) =>
      completeHostedFlow(cp.platform, url, person),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /already has an account: linking instead/);
    assert.ok(run.stdout.includes(`linked profile ${person.profileIds[0]}`));
    assert.ok(run.stdout.includes(`granted profiles: PERSONAL ${person.profileIds[0]}`));

    const refused = await runScript([person.email, '1999-01-01'], (url) =>
      completeHostedFlow(cp.platform, url, person),
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /not linked: the Wise profile belongs to someone else/);
  });
});
