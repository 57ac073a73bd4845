import { loggable } from './web-exception.filter';

describe('logging an unexpected error on a web page', () => {
  it('keeps the kind, code and stack frames, never the message (it may quote personal data)', () => {
    const error = Object.assign(new Error('invalid input for national_id "001090012345"'), {
      name: 'QueryFailedError',
      code: '22P02',
      parameters: ['001090012345', 'Nguyễn Văn An'],
    });
    const logged = loggable(error);
    expect(logged).toMatchObject({ errorName: 'QueryFailedError', code: '22P02' });
    expect((logged.frames as string[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toMatch(/001090012345|Nguyễn/);
  });
});
