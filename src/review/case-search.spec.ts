import { containsPattern, parseCaseSearch } from './case-search';

describe('reading the staff search box', () => {
  it('recognises a reference', () => {
    expect(parseCaseSearch(' 01-2026-0000123 ')).toEqual({ by: 'reference', reference: '01-2026-0000123' });
  });

  it('takes twelve digits (spaces and dots aside) as a citizen ID or licence number', () => {
    expect(parseCaseSearch('001090012345')).toEqual({ by: 'number', digits: '001090012345' });
    expect(parseCaseSearch('0010 9001 2345')).toEqual({ by: 'number', digits: '001090012345' });
  });

  it('folds a name the way the index does', () => {
    expect(parseCaseSearch('NGUYỄN  Văn an')).toEqual({ by: 'name', folded: 'nguyen van an' });
    expect(parseCaseSearch('Đỗ')).toEqual({ by: 'name', folded: 'do' });
    expect(parseCaseSearch('   ')).toBeNull();
  });

  it('takes LIKE pattern characters literally', () => {
    expect(containsPattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%');
  });
});
