import { namesIdentical, namesMatch, normalizeName } from './vietnamese-text';

describe('normalizeName', () => {
  it.each([
    ['NGUYỄN  văn   An', 'nguyen van an'],
    ['  Trần Thị Hồng  ', 'tran thi hong'],
    ['Đặng Đức Định', 'dang duc dinh'],
    ['Phạm Ngọc Ánh', 'pham ngoc anh'],
    ['Võ\tThị\nHuệ', 'vo thi hue'],
    ['Ðỗ Văn Ước', 'do van uoc'], // Ð (eth) as found in legacy data
    ['Nguyen Van An', 'nguyen van an'],
  ])('%j → %j', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });

  it('treats precomposed and decomposed Unicode alike', () => {
    const precomposed = 'Nguyễn'.normalize('NFC');
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(precomposed).not.toBe(decomposed);
    expect(normalizeName(precomposed)).toBe(normalizeName(decomposed));
  });
});

describe('namesMatch / namesIdentical', () => {
  it('matches names whatever the case, spacing and diacritics', () => {
    expect(namesMatch('NGUYỄN  văn   An', 'Nguyen Van An')).toBe(true);
    expect(namesMatch('Lê Thị Lan', 'Le Thi Lan Anh')).toBe(false);
    expect(namesMatch('Trần Văn Bình', 'Trần Văn Binh')).toBe(true);
  });

  it('calls names identical only with the same diacritics', () => {
    expect(namesIdentical('NGUYỄN VĂN AN', 'Nguyễn  Văn An')).toBe(true);
    expect(namesIdentical('Nguyễn Văn An'.normalize('NFD'), 'Nguyễn Văn An')).toBe(true);
    expect(namesIdentical('Nguyen Van An', 'Nguyễn Văn An')).toBe(false);
  });
});
