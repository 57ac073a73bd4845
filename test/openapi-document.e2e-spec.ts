import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ContractRecorder } from './support/openapi-contract';
import { startTestApp, TestApp } from './support/test-app';

const root = join(__dirname, '..');
type Operation = { responses: Record<string, unknown>; security?: Record<string, unknown>[] };

describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    t = await startTestApp();
    served = (await request(t.url).get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('is the same whether served or exported without a server (what npm run lint checks)', () => {
    const file = join(root, 'tmp', 'openapi', 'openapi-test.json');
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/openapi-export.ts', file], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(served);
  });

  it('gives every operation a success (a redirect for the gateway checkout), a 500, and a 401 and 403 where a sign-in is needed', () => {
    for (const [path, operations] of Object.entries(served.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        const where = `${method.toUpperCase()} ${path}`;
        expect([where, statuses.some((s) => /^2/.test(s) || s === '302')]).toEqual([where, true]);
        expect([where, statuses]).toEqual([where, expect.arrayContaining(['500'])]);
        if (operation.security?.some((s) => 'bearer' in s)) {
          expect([where, statuses]).toEqual([where, expect.arrayContaining(['401', '403'])]);
        }
      }
    }
  });

  it('tells a response that contradicts it from one that agrees', async () => {
    const checker = new ContractRecorder(served as never);
    const provinces = await request(t.url).get('/api/v1/provinces').expect(200);
    const base = { method: 'GET', url: '/api/v1/provinces', route: '/api/v1/provinces', status: 200 };
    const json = 'application/json; charset=utf-8';
    expect(checker.contradiction({ ...base, contentType: json, body: provinces.text })).toBeNull();
    expect(
      checker.contradiction({ ...base, contentType: json, body: JSON.stringify([{ code: '01', name: 1 }]) }),
    ).toMatch(/contradicts the schema: \/0\/name must be string/);
    expect(
      checker.contradiction({
        ...base,
        contentType: json,
        body: JSON.stringify([{ code: '01', name: 'x', extra: 1 }]),
      }),
    ).toMatch(/must NOT have additional properties/);
    expect(checker.contradiction({ ...base, status: 418, contentType: json, body: '[]' })).toMatch(
      /status 418 is not documented/,
    );
    expect(checker.contradiction({ ...base, contentType: 'text/html', body: '<p>' })).toMatch(
      /media type text\/html is not documented/,
    );
    expect(
      checker.contradiction({
        ...base,
        route: '/api/v1/nowhere',
        url: '/api/v1/nowhere',
        body: undefined,
        contentType: undefined,
      }),
    ).toMatch(/not in the document/);
  });
});
