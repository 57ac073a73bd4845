import { parseArgs } from 'node:util';
import { Day, parseIsoDay, vietnamDay } from './dates';

export const SEED_USAGE = `usage:
  npm run seed -- --drivers N [--seed S] [--today YYYY-MM-DD] [--replace] [--if-empty]
  npm run seed -- --demo [--today YYYY-MM-DD] [--replace] [--if-empty]

  --drivers N    generate N drivers (with about 1.1 N licences, 0.7 N vehicles, their violations and
                 health certificates) and load them with COPY in one transaction
  --seed S       any text; the same seed (and --today) gives the same data, byte for byte (default 1)
  --today D      the day the data is relative to (expiring soon, expired, ...); default: today in Vietnam
  --demo         load the fixed demo data set (docs/demo-accounts.md) and about 200 random drivers
  --replace      empty drivers, licences, licence_classes, vehicles, violations and health_certificates
                 first (provinces is kept); without it a database that has drivers is refused
  --if-empty     do nothing, successfully, when the drivers table is not empty
  --batch-size B drivers generated and COPYed per round (default 5000)
  --no-progress  no progress bar on stderr`;

export type SeedCommand =
  | {
      kind: 'national';
      drivers: number;
      seed: string;
      today: Day;
      replace: boolean;
      ifEmpty: boolean;
      batchSize?: number;
      progress: boolean;
    }
  | { kind: 'demo'; today: Day; replace: boolean; ifEmpty: boolean; progress: boolean };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveInteger(name: string, value: string): number {
  if (!/^[1-9]\d*$/.test(value.replace(/_/g, ''))) {
    throw new UsageError(`--${name} must be a positive whole number (got "${value}")`);
  }
  return Number(value.replace(/_/g, ''));
}

/** Reads the seed command line; `now` decides the default --today. Throws UsageError when wrong. */
export function parseSeedArgs(argv: readonly string[], now: Date): SeedCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        drivers: { type: 'string' },
        seed: { type: 'string' },
        today: { type: 'string' },
        demo: { type: 'boolean' },
        replace: { type: 'boolean' },
        'if-empty': { type: 'boolean' },
        'batch-size': { type: 'string' },
        'no-progress': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  let today: Day;
  try {
    today = values.today === undefined ? vietnamDay(now) : parseIsoDay(values.today);
  } catch {
    throw new UsageError(`--today must be a date YYYY-MM-DD (got "${values.today}")`);
  }
  const common = {
    today,
    replace: values.replace ?? false,
    ifEmpty: values['if-empty'] ?? false,
    progress: !(values['no-progress'] ?? false),
  };
  if (values.replace && values['if-empty'])
    throw new UsageError('--replace and --if-empty contradict each other');
  if (values.demo) {
    if (values.drivers !== undefined || values.seed !== undefined) {
      throw new UsageError('--demo loads a fixed data set: leave out --drivers and --seed');
    }
    return { kind: 'demo', ...common };
  }
  if (values.drivers === undefined) throw new UsageError('say --drivers N (or --demo)');
  return {
    kind: 'national',
    drivers: positiveInteger('drivers', values.drivers),
    seed: values.seed ?? '1',
    batchSize:
      values['batch-size'] === undefined ? undefined : positiveInteger('batch-size', values['batch-size']),
    ...common,
  };
}
