import { statisticsCsv } from './stats-csv';
import { barChart, columnChart, escapeXml, niceMaximum, shareChart } from './svg-charts';

const text = { id: 'c1', title: 'Hồ sơ <theo> ngày', description: 'Mô tả & chi tiết' };

describe('server-drawn charts', () => {
  it('labels every chart for assistive technology and escapes what it writes', () => {
    const svg = columnChart([{ label: '1 <tháng> 11', value: 3 }], text);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Hồ sơ &lt;theo&gt; ngày</title>');
    expect(svg).toContain('<desc id="c1-desc">Mô tả &amp; chi tiết</desc>');
    expect(svg).toContain('1 &lt;tháng&gt; 11');
    expect(escapeXml(`"'`)).toBe('&quot;&apos;');
  });

  it('draws bars in proportion to their values against a round axis maximum', () => {
    expect([niceMaximum(0), niceMaximum(7), niceMaximum(13), niceMaximum(200), niceMaximum(201)]).toEqual([
      1, 10, 20, 200, 500,
    ]);
    const svg = barChart(
      [
        { label: 'Hà Nội', value: 10 },
        { label: 'Huế', value: 5 },
      ],
      text,
      { width: 746 },
    );
    const widths = [...svg.matchAll(/<rect x="190" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([500, 250]);
    expect(svg).toContain('>Hà Nội</text>');
  });

  it('fills the share bar to the share, and leaves it empty without decisions', () => {
    expect(shareChart(0.25, '25%', text, { width: 402 })).toContain(
      'width="100.0" height="32" fill="#00703c"',
    );
    expect(shareChart(null, '—', text)).toContain('width="0.0" height="32"');
  });
});

describe('the statistics CSV', () => {
  it('has one figure per row, quotes what needs quoting, and starts with a BOM for spreadsheets', () => {
    const csv = statisticsCsv({
      days: 2,
      perDay: [
        { day: '2026-11-26', count: 3 },
        { day: '2026-11-27', count: 0 },
      ],
      perProvince: [{ code: '01', name: 'Hà Nội, "thủ đô"', count: 3 }],
      timeToDecision: [{ key: 'lt1d', count: 2 }],
      medianHoursToDecision: 5.25,
      deadline: { decided: 2, withinDeadline: 1, share: 0.5 },
    });
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'section,key,label,value',
      'applications_per_day,2026-11-26,2026-11-26,3',
      'applications_per_day,2026-11-27,2026-11-27,0',
      'applications_per_province,01,"Hà Nội, ""thủ đô""",3',
      'time_to_decision,lt1d,lt1d,2',
      'time_to_decision,median_hours,median_hours,5.3',
      'deadline,decided,decided,2',
      'deadline,within_deadline,within_deadline,1',
      'deadline,share_within_deadline,share_within_deadline,0.5',
      '',
    ]);
  });
});
