import { toProblem } from './problem-details.filter';
import { fromRequestError } from './request-errors';

const fastifyError = (code: string, statusCode: number, message = 'raw') =>
  Object.assign(new Error(message), { code, statusCode, name: 'FastifyError' });

describe('errors of reading a request', () => {
  it.each([
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 400],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 413],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 415],
    ['FST_ERR_BAD_URL', 400, 400],
    ['FST_PARTS_LIMIT', 413, 413],
    ['FST_MP_PREMATURE_CLOSE', 400, 400],
    ['JSON_TOO_DEEP', 400, 400],
  ])('%s becomes a %i problem with its own sentence', (code, statusCode, status) => {
    const { problem, unexpected } = toProblem(
      fastifyError(code, statusCode, 'Body: {"nationalId":"001090012345"'),
    );
    expect(unexpected).toBe(false);
    expect(problem).toMatchObject({ status, type: expect.stringMatching(/^urn:problem:/) });
    expect(problem.detail).not.toContain('001090012345');
  });

  it("knows busboy's plain errors and secure-json-parse's poisoning refusals", () => {
    expect(fromRequestError(new Error('Unexpected end of multipart data'))?.code).toBe('MALFORMED_BODY');
    expect(fromRequestError(new Error('Multipart: Boundary not found'))?.code).toBe('MALFORMED_BODY');
    expect(
      fromRequestError(
        Object.assign(new SyntaxError('Object contains forbidden prototype property'), { statusCode: 400 }),
      )?.code,
    ).toBe('MALFORMED_BODY');
    expect(
      fromRequestError(Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 }))?.code,
    ).toBe('MALFORMED_BODY');
  });

  it('leaves every other error alone (a bug stays a logged 500)', () => {
    expect(fromRequestError(new TypeError('x is undefined'))).toBeUndefined();
    expect(fromRequestError(new SyntaxError('Unexpected token in our own JSON.parse'))).toBeUndefined();
    expect(toProblem(new TypeError('x')).unexpected).toBe(true);
  });
});
