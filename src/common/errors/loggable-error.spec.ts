import { loggableError, scrubbedMessage } from './loggable-error';

describe('logging an unexpected error', () => {
  it('keeps the kind, code and stack frames, never the message (it may quote personal data)', () => {
    const error = Object.assign(new Error('invalid input for national_id "001090012345"'), {
      name: 'QueryFailedError',
      code: '22P02',
      parameters: ['001090012345', 'Nguyễn Văn An'],
    });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ errorName: 'QueryFailedError', code: '22P02' });
    expect((logged.frames as string[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toMatch(/001090012345|Nguyễn/);
  });

  it('drops a message that spans lines, so no quoted value survives in the frames', () => {
    const error = new Error('duplicate key\nDETAIL: Key (phone)=(0912345678) already exists.');
    const logged = loggableError(error);
    expect(JSON.stringify(logged)).not.toMatch(/0912345678/);
    expect((logged.frames as string[]).every((f) => f.startsWith('at '))).toBe(true);
  });

  it('cuts quoted values, key pairs and long digit runs out of a job error message', () => {
    expect(scrubbedMessage(new Error('invalid input syntax for type uuid: "0123456789abcdef"'))).toBe(
      'invalid input syntax for type uuid: "…"',
    );
    expect(scrubbedMessage(new Error('Key (national_id)=(001090012345) already exists'))).toBe(
      'Key (…)=(…) already exists',
    );
    expect(scrubbedMessage(new Error('no driver 001090012345 with phone 0912 345 678'))).toBe(
      'no driver … with phone …',
    );
    expect(scrubbedMessage(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:6379',
    );
  });
});
