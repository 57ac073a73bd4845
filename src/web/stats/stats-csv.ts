import type { StaffStatistics } from './web-stats.query';

const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The statistics page's figures as CSV, one figure per row: section, key, label, value. Keys are
 * stable identifiers for spreadsheets and scripts; labels are the names people read (province names).
 */
export function statisticsCsv(s: StaffStatistics): string {
  const rows: (string | number | null)[][] = [['section', 'key', 'label', 'value']];
  for (const d of s.perDay) rows.push(['applications_per_day', d.day, d.day, d.count]);
  for (const p of s.perProvince) rows.push(['applications_per_province', p.code, p.name, p.count]);
  for (const b of s.timeToDecision) rows.push(['time_to_decision', b.key, b.key, b.count]);
  rows.push([
    'time_to_decision',
    'median_hours',
    'median_hours',
    s.medianHoursToDecision === null ? null : Number(s.medianHoursToDecision.toFixed(1)),
  ]);
  rows.push(['deadline', 'decided', 'decided', s.deadline.decided]);
  rows.push(['deadline', 'within_deadline', 'within_deadline', s.deadline.withinDeadline]);
  rows.push([
    'deadline',
    'share_within_deadline',
    'share_within_deadline',
    s.deadline.share === null ? null : Number(s.deadline.share.toFixed(4)),
  ]);
  // A byte-order mark, so spreadsheet programs read the Vietnamese names as UTF-8.
  return '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
