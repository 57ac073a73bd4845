import fc from 'fast-check';
import { operationRequests } from './api-requests';
import { contractBreach, FuzzRequest, send } from './fuzz-request';
import { createFuzzSetup, FuzzSetup } from './fuzz-world';
import { fuzzSettings } from './fuzz-settings';
import { Operation, operationsOf } from './openapi-operations';
import { webRequests, webRoutes } from './web-requests';

/**
 * Property-based fuzzing of the whole surface: every operation of the service's own OpenAPI document,
 * as every kind of caller and anonymously, and every web page and form, with generated valid and
 * malformed path params, queries, headers, JSON bodies and multipart forms. Never a 5xx; every API
 * 4xx is problem details; and no seeded person's data in the service's log lines.
 */
const settings = fuzzSettings();

/** A stable 32-bit hash of a property's name (FNV-1a). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

describe('fuzzing the API and the web pages', () => {
  let setup: FuzzSetup;
  let operations: Operation[];
  /** Answers by status, printed at the end: a run that only ever met 401s would prove little. */
  const statuses = new Map<string, number>();

  beforeAll(async () => {
    // The seed, so that a failure can be replayed: npm run fuzz -- --seed <seed> --runs <runs>
    console.log(`fuzz seed ${settings.seed} (api runs ${settings.apiRuns}, web runs ${settings.webRuns})`);
    setup = await createFuzzSetup();
    const doc = (await (await fetch(`${setup.api.url}/api/docs-json`)).json()) as Parameters<
      typeof operationsOf
    >[0];
    operations = operationsOf(doc);
  }, 180_000);
  afterAll(async () => {
    console.log(`fuzz answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    await setup?.close();
  });

  /** Runs a property over one kind of request, collecting fast-check's report instead of stopping. */
  async function check(
    name: string,
    requests: fc.Arbitrary<FuzzRequest>,
    numRuns: number,
    expectProblemDetails: boolean,
    failures: string[],
  ): Promise<void> {
    const property = fc.asyncProperty(requests, async (req) => {
      const res = await send(setup.api.url, req);
      const key = `${expectProblemDetails ? 'api' : 'web'} ${res.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const breach = contractBreach(res, expectProblemDetails);
      if (breach) {
        const body = req.body ? ` body ${JSON.stringify(req.body.toString('utf8').slice(0, 300))}` : '';
        throw new Error(`${req.label}: ${req.method} ${req.path.slice(0, 300)}${body} → ${breach}`);
      }
    });
    // Each property its own seed, derived from the run's and its name: the same seed everywhere would
    // make every operation draw the same choices, and a name (not a counter) replays one alone (-t).
    const seed = (settings.seed ^ hash(name)) | 0;
    const details = await fc.check(property, { seed, numRuns });
    if (details.failed) {
      const error =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      failures.push(`${name}: ${error}\n${fc.defaultReportMessage(details) ?? ''}`);
    }
  }

  it('walks every operation of the OpenAPI document as every caller: no 5xx, 4xx as problem details', async () => {
    expect(operations.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const op of operations) {
      for (const caller of Object.keys(setup.world.callers)) {
        const world = { ...setup.world, callers: { [caller]: setup.world.callers[caller] } };
        await check(
          `${op.method} ${op.path} as ${caller}`,
          operationRequests(op, world),
          settings.apiRuns,
          true,
          failures,
        );
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('walks every web page and form as anonymous, citizen and officer: no 5xx', async () => {
    const routes = webRoutes();
    expect(routes.length).toBeGreaterThan(25);
    const failures: string[] = [];
    for (const route of routes) {
      await check(
        `${route.method} ${route.path}`,
        webRequests(route, setup.world, setup.webCallers),
        settings.webRuns,
        false,
        failures,
      );
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it("never writes a seeded person's ID, phone or name to the log", () => {
    const logs = setup.api.logs();
    const found = setup.world.personal.filter((value) => logs.includes(value));
    expect(found).toEqual([]);
  });
});
