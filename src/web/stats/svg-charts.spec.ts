import type { StaffStatsReport } from '../../stats/stats-report';
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
    const counts = { received: 0, approved: 0, rejected: 0, issued: 0, delivered: 0 };
    const report = {
      byDay: [{ day: '2026-11-27', ...counts, received: 3 }],
      byProvince: [{ provinceCode: '01', name: 'Hà Nội, "thủ đô"', ...counts, approved: 2 }],
      processingTimes: {
        paymentToDecision: { count: 2, medianHours: 5.25, p90Hours: 9 },
        paymentToDelivery: { count: 0, medianHours: null, p90Hours: null },
      },
      deadline: { decided: 2, decidedWithinDeadline: 1, shareWithinDeadline: 0.5 },
    } as unknown as StaffStatsReport;
    const csv = statisticsCsv(report);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'section,key,label,metric,value',
      'per_day,2026-11-27,2026-11-27,received,3',
      'per_day,2026-11-27,2026-11-27,approved,0',
      'per_day,2026-11-27,2026-11-27,rejected,0',
      'per_day,2026-11-27,2026-11-27,issued,0',
      'per_day,2026-11-27,2026-11-27,delivered,0',
      'per_province,01,"Hà Nội, ""thủ đô""",received,0',
      'per_province,01,"Hà Nội, ""thủ đô""",approved,2',
      'per_province,01,"Hà Nội, ""thủ đô""",rejected,0',
      'per_province,01,"Hà Nội, ""thủ đô""",issued,0',
      'per_province,01,"Hà Nội, ""thủ đô""",delivered,0',
      'processing_time,paymentToDecision,paymentToDecision,count,2',
      'processing_time,paymentToDecision,paymentToDecision,median_hours,5.25',
      'processing_time,paymentToDecision,paymentToDecision,p90_hours,9',
      'processing_time,paymentToDelivery,paymentToDelivery,count,0',
      'processing_time,paymentToDelivery,paymentToDelivery,median_hours,',
      'processing_time,paymentToDelivery,paymentToDelivery,p90_hours,',
      'deadline,all,all,decided,2',
      'deadline,all,all,decided_within_deadline,1',
      'deadline,all,all,share_within_deadline,0.5',
      '',
    ]);
  });
});
