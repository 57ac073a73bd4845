import type { FormatLanguage } from '../common/format/format';
import type { ApplicationRow, CheckRow } from './applications.repository';
import { describeCheck } from './check-texts';
import type { IssuedLicence } from './issued-licence';

/** The application as the citizen's API shows it (API.md: status, checks, decision, licence, shipment). */
export interface ApplicationView {
  id: string;
  reference: string;
  type: string;
  status: string;
  licenceNumber: string;
  healthCertificateNumber: string | null;
  delivery: Record<string, string>;
  newDetails: Record<string, string> | null;
  fee: { amount: number; licenceFee: number; postalFee: number; currency: 'VND'; dueBy: string };
  submittedAt: string;
  paidAt: string | null;
  checkedAt: string | null;
  reviewDueBy: string | null;
  outcome: string | null;
  checks: {
    rule: string;
    outcome: string;
    detail: string;
    action: string | null;
    evidence: Record<string, unknown>;
  }[];
  decision: Record<string, unknown> | null;
  /** The new licence once issued. */
  licence: IssuedLicence | null;
  shipment: { trackingNumber: string; status: string } | null;
}

export interface ApplicationExtras {
  decision?: Record<string, unknown> | null;
  licence?: IssuedLicence | null;
  shipment?: { trackingNumber: string; status: string } | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApplicationView(
  row: ApplicationRow,
  checks: CheckRow[],
  extras: ApplicationExtras = {},
  language: FormatLanguage = 'vi',
): ApplicationView {
  return {
    id: row.id,
    reference: row.reference,
    type: row.type,
    status: row.status,
    licenceNumber: row.licence_number,
    healthCertificateNumber: row.health_certificate_number,
    delivery: row.delivery,
    newDetails: row.new_details,
    fee: {
      amount: row.total_amount,
      licenceFee: row.fee_amount,
      postalFee: row.postal_fee,
      currency: 'VND',
      dueBy: row.payment_due_by.toISOString(),
    },
    submittedAt: row.submitted_at.toISOString(),
    paidAt: iso(row.paid_at),
    checkedAt: iso(row.checked_at),
    reviewDueBy: iso(row.due_at),
    outcome: row.outcome,
    // `detail` and `action` in the reader's language (API.md); the stored English is the record.
    checks: checks.map((c) => ({
      rule: c.rule,
      outcome: c.outcome,
      ...describeCheck(c, language),
      evidence: c.evidence,
    })),
    decision: extras.decision ?? null,
    licence: extras.licence ?? null,
    shipment: extras.shipment ?? null,
  };
}
