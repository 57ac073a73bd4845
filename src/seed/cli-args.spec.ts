import { parseSeedArgs, UsageError } from './cli-args';
import { isoDay } from './dates';

// 2026-11-27 20:00 UTC is already 28 November in Vietnam.
const now = new Date('2026-11-27T20:00:00Z');

describe('seed command line', () => {
  it('reads a national seed with defaults', () => {
    const command = parseSeedArgs(['--drivers', '1_000_000'], now);
    expect(command).toMatchObject({
      kind: 'national',
      drivers: 1_000_000,
      seed: '1',
      replace: false,
      ifEmpty: false,
    });
    expect(isoDay(command.today)).toBe('2026-11-28');
  });

  it('reads every option', () => {
    const command = parseSeedArgs(
      [
        '--drivers',
        '50',
        '--seed',
        'abc',
        '--today',
        '2027-02-01',
        '--replace',
        '--batch-size',
        '10',
        '--no-progress',
      ],
      now,
    );
    expect(command).toMatchObject({
      kind: 'national',
      drivers: 50,
      seed: 'abc',
      replace: true,
      batchSize: 10,
      progress: false,
    });
    expect(isoDay(command.today)).toBe('2027-02-01');
    expect(parseSeedArgs(['--demo', '--if-empty'], now)).toMatchObject({
      kind: 'demo',
      ifEmpty: true,
      replace: false,
    });
  });

  it.each([
    [[], /--drivers N/],
    [['--drivers', '0'], /positive whole number/],
    [['--drivers', 'ten'], /positive whole number/],
    [['--drivers', '5', '--today', '2026-02-30'], /--today must be a date/],
    [['--demo', '--drivers', '5'], /leave out --drivers/],
    [['--drivers', '5', '--replace', '--if-empty'], /contradict/],
    [['--drivers', '5', '--frobnicate'], /frobnicate/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSeedArgs(argv, now)).toThrow(UsageError);
    expect(() => parseSeedArgs(argv, now)).toThrow(message);
  });
});
