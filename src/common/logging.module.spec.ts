import { REDACTED_PATHS, withoutQueryValues } from './logging.module';

describe('what the request log keeps', () => {
  it('keeps the path and the names of query filters, never their values (a search may be a citizen ID)', () => {
    expect(withoutQueryValues('/api/v1/staff/applications?q=001090012345&limit=5')).toBe(
      '/api/v1/staff/applications?q=…&limit=…',
    );
    expect(withoutQueryValues('/api/v1/provinces')).toBe('/api/v1/provinces');
  });

  it("redacts request bodies and a database error's query and parameters", () => {
    expect(REDACTED_PATHS).toEqual(expect.arrayContaining(['req.body', 'err.query', 'err.parameters']));
  });
});
