import { dimensionProblems, photoTypeOf } from './photo-rules';

describe('photoTypeOf', () => {
  it('knows JPEG and PNG by their first bytes', () => {
    expect(photoTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(photoTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
  });

  it('refuses everything else, including truncated signatures', () => {
    expect(photoTypeOf(Buffer.from('GIF89a'))).toBeNull();
    expect(photoTypeOf(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(photoTypeOf(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(photoTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(photoTypeOf(Buffer.alloc(0))).toBeNull();
  });
});

describe('dimensionProblems', () => {
  it('accepts the limits themselves', () => {
    expect(dimensionProblems(300, 400)).toEqual([]);
    expect(dimensionProblems(4000, 4000)).toEqual([]);
  });

  it('names every limit that is broken', () => {
    expect(dimensionProblems(299, 400)).toEqual(['it is 299 pixels wide; the minimum is 300']);
    expect(dimensionProblems(300, 399)).toEqual(['it is 399 pixels high; the minimum is 400']);
    expect(dimensionProblems(4001, 4001)).toEqual([
      'it is 4001 pixels wide; the maximum is 4000',
      'it is 4001 pixels high; the maximum is 4000',
    ]);
  });
});
