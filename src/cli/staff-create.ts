import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { createStaffAccount } from '../auth/staff/create-staff-account';
import { CreateStaffAccountDto } from '../auth/staff/dto/create-staff-account.dto';
import { PasswordHasher } from '../auth/passwords/password-hasher';
import { DomainError } from '../common/errors/domain-error';
import { flattenValidationErrors } from '../common/validation';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';

/**
 * npm run staff:create -- --username U --password P --role officer|supervisor|auditor|admin
 *   [--province CODE] [--full-name NAME] [--national-id ID]
 * `--password -` reads the password from standard input instead, keeping it out of the shell history.
 * Exit code 0: created; 2: wrong usage or an invalid field (named); 3: the username is taken; 1: other.
 */
const USAGE =
  'usage: npm run staff:create -- --username U --password P|- --role officer|supervisor|auditor|admin ' +
  '[--province CODE] [--full-name NAME] [--national-id ID]';

class UsageError extends Error {}

function readArguments(argv: string[]): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        province: { type: 'string' },
        'full-name': { type: 'string' },
        'national-id': { type: 'string' },
      },
    });
    return values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function main(): Promise<void> {
  const args = readArguments(process.argv.slice(2));
  for (const required of ['username', 'password', 'role']) {
    if (!args[required]) throw new UsageError(`--${required} is required`);
  }
  const input = plainToInstance(CreateStaffAccountDto, {
    username: args.username,
    password: args.password === '-' ? await readStdinLine() : args.password,
    role: args.role,
    provinceCode: args.province,
    fullName: args['full-name'],
    nationalId: args['national-id'],
  });
  const invalid = flattenValidationErrors(validateSync(input, { whitelist: true }));
  if (invalid.length) throw new UsageError(invalid.map((e) => e.message).join('; '));

  const db = await new DataSource(dataSourceOptions(loadEnvironment())).initialize();
  try {
    const account = await db.transaction((tx) =>
      createStaffAccount(tx, { hasher: new PasswordHasher(), audit: new AuditLog() }, input, {
        kind: 'system',
        id: 'cli:staff-create',
        role: 'operator',
      }),
    );
    const where = account.provinceCode ? ` for province ${account.provinceCode}` : '';
    console.log(`Created ${account.role} account "${account.username}"${where} (id ${account.id}).`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof DomainError) {
    console.error(error.detail);
    process.exit(error.code === 'CONFLICT' ? 3 : 2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
