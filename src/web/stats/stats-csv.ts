import type { StaffStatsReport } from '../../stats/stats-report';

const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Per day and per province, the counts the statistics page shows (and a few it puts in tables). */
const COUNTED = ['received', 'approved', 'rejected', 'issued', 'delivered'] as const;

/**
 * The statistics page's figures as CSV, one figure per row: section, key, label, metric, value. Keys
 * and metrics are stable identifiers for spreadsheets and scripts; labels are what people read.
 */
export function statisticsCsv(r: StaffStatsReport): string {
  const rows: (string | number | null)[][] = [['section', 'key', 'label', 'metric', 'value']];
  for (const d of r.byDay) for (const m of COUNTED) rows.push(['per_day', d.day, d.day, m, d[m]]);
  for (const p of r.byProvince) {
    for (const m of COUNTED) rows.push(['per_province', p.provinceCode, p.name, m, p[m]]);
  }
  for (const [key, t] of Object.entries(r.processingTimes)) {
    rows.push(['processing_time', key, key, 'count', t.count]);
    rows.push(['processing_time', key, key, 'median_hours', t.medianHours]);
    rows.push(['processing_time', key, key, 'p90_hours', t.p90Hours]);
  }
  rows.push(['deadline', 'all', 'all', 'decided', r.deadline.decided]);
  rows.push(['deadline', 'all', 'all', 'decided_within_deadline', r.deadline.decidedWithinDeadline]);
  rows.push(['deadline', 'all', 'all', 'share_within_deadline', r.deadline.shareWithinDeadline]);
  // A byte-order mark, so spreadsheet programs read the Vietnamese names as UTF-8.
  return '\ufeff' + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
