import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment } from '../src/config/environment';

/** Every variable the service reads is in .env.example and in the README's configuration table. */
describe('configuration documentation', () => {
  const root = join(__dirname, '..');
  const variables = [
    ...new Set(getMetadataStorage().getTargetValidationMetadatas(Environment, '', true, false).map((m) => m.propertyName)),
  ].sort();

  it('finds the variables', () => expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'ROLE'])));

  it('lists every variable in .env.example', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(variables.filter((v) => !listed.has(v))).toEqual([]);
  });

  it('lists every variable in the README configuration table', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(variables.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });
});
