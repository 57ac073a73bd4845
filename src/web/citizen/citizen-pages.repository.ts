import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface OwnPayment {
  id: string;
  amount: number;
  status: string;
  applicationId: string;
  reference: string;
  applicationStatus: string;
}

export interface ContactOnRecord {
  fullName: string;
  phone: string | null;
  street: string | null;
  commune: string | null;
  provinceCode: string | null;
}

export interface DeliveryEvent {
  type: string;
  occurredAt: Date;
  detail: string | null;
}

export interface PageMessage {
  at: Date;
  kind: string;
  authorKind: string;
  body: string;
  /** Notices only: what they were written from, to write them again in the reader's language. */
  template: string | null;
  params: Record<string, unknown> | null;
}

/**
 * The reads the citizen's pages need beyond the application services, every one confined to the
 * signed-in citizen's own rows in SQL (someone else's payment or photo simply is not found).
 */
@Injectable()
export class CitizenPagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The driver record's name and address, to fill in the delivery page. */
  async contactOnRecord(nationalId: string): Promise<ContactOnRecord | null> {
    const [row] = await this.db.query<ContactOnRecord[]>(
      `SELECT full_name AS "fullName", phone, street, commune, province_code AS "provinceCode"
         FROM drivers WHERE national_id = $1`,
      [nationalId],
    );
    return row ?? null;
  }

  async ownPayment(citizenId: string, paymentId: string): Promise<OwnPayment | null> {
    if (!/^[0-9a-f-]{36}$/i.test(paymentId)) return null;
    const [row] = await this.db.query<OwnPayment[]>(
      `SELECT p.id, p.amount, p.status, a.id AS "applicationId", a.reference, a.status AS "applicationStatus"
         FROM payments p JOIN applications a ON a.id = p.application_id
        WHERE p.id = $1 AND a.citizen_id = $2`,
      [paymentId, citizenId],
    );
    return row ?? null;
  }

  /** The payment still waiting on an application of this citizen's, if any. */
  async pendingPaymentOf(citizenId: string, applicationId: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }[]>(
      `SELECT p.id FROM payments p JOIN applications a ON a.id = p.application_id
        WHERE a.id = $1 AND a.citizen_id = $2 AND p.status = 'PENDING' ORDER BY p.created_at DESC LIMIT 1`,
      [applicationId, citizenId],
    );
    return row?.id ?? null;
  }

  /** Messages between the office and the citizen, and what the service told the citizen, oldest first. */
  async messages(citizenId: string, applicationId: string): Promise<PageMessage[]> {
    return this.db.query<PageMessage[]>(
      `SELECT m.created_at AS at, m.kind, m.author_kind AS "authorKind", m.body, NULL AS template, NULL::jsonb AS params
         FROM application_messages m JOIN applications a ON a.id = m.application_id
        WHERE a.id = $1 AND a.citizen_id = $2
       UNION ALL
       SELECT n.created_at, 'NOTIFICATION', 'service', n.body, n.template, n.params
         FROM notifications n
        WHERE n.application_id = $1 AND n.citizen_id = $2
          -- One line per notice: its SMS, or its e-mail when the citizen chose e-mail only.
          AND (n.channel = 'SMS' OR NOT EXISTS (
                SELECT 1 FROM notifications s
                 WHERE s.application_id = n.application_id AND s.created_at = n.created_at
                   AND s.template = n.template AND s.channel = 'SMS'))
       ORDER BY 1`,
      [applicationId, citizenId],
    );
  }

  /** What the post reported about the card's journey, in the order it happened. */
  async deliveryEvents(citizenId: string, applicationId: string): Promise<DeliveryEvent[]> {
    return this.db.query<DeliveryEvent[]>(
      `SELECT e.type, e.occurred_at AS "occurredAt", e.detail
         FROM shipment_events e JOIN shipments s ON s.id = e.shipment_id JOIN applications a ON a.id = s.application_id
        WHERE a.id = $1 AND a.citizen_id = $2 ORDER BY e.occurred_at, e.id`,
      [applicationId, citizenId],
    );
  }
}
