import { Readable } from 'node:stream';
import { depthLimitedStream, isJsonContentType, JsonDepthScanner } from './json-depth';

describe('the JSON depth limit', () => {
  it('counts nesting across chunks and ignores brackets inside strings', () => {
    const scanner = new JsonDepthScanner(3);
    expect(scanner.feed(Buffer.from('{"a":[{"b":"[[[[{{{{\\"]]]"'))).toBe(true);
    expect(scanner.feed(Buffer.from('}],"c":[1]}'))).toBe(true);
    const deep = new JsonDepthScanner(3);
    expect(deep.feed(Buffer.from('[[['))).toBe(true);
    expect(deep.feed(Buffer.from('['))).toBe(false);
  });

  it('lets a shallow body through unchanged and fails a deep one with a 400-marked error', async () => {
    const read = (text: string) =>
      new Promise<string>((resolve, reject) => {
        let out = '';
        Readable.from([Buffer.from(text)])
          .pipe(depthLimitedStream(32))
          .on('data', (c: Buffer) => (out += c.toString()))
          .on('end', () => resolve(out))
          .on('error', reject);
      });
    await expect(read('{"events":[{"x":1}]}')).resolves.toBe('{"events":[{"x":1}]}');
    await expect(read('['.repeat(30_000))).rejects.toMatchObject({ statusCode: 400, code: 'JSON_TOO_DEEP' });
    await expect(read('{"a":'.repeat(33))).rejects.toMatchObject({ code: 'JSON_TOO_DEEP' });
  });

  it('knows JSON content types', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/problem+json')).toBe(true);
    expect(isJsonContentType('multipart/form-data; boundary=x')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});
