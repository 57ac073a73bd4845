import type { ShipmentStatus } from './shipment-lifecycle';

/** A stored shipment. */
export interface Shipment {
  id: string;
  trackingNumber: string;
  applicationId: string;
  recipient: { name: string; phone: string; street: string; commune: string; provinceCode: string };
  contents: string;
  cashOnDelivery: number;
  originOffice: string;
  status: ShipmentStatus;
  partnerId: string | null;
  leaseExpiresAt: Date | null;
  failedAttempts: number;
  lastEventAt: Date | null;
  pickedUpAt: Date | null;
  deliveredAt: Date | null;
  returnedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShipmentRow {
  id: string;
  tracking_number: string;
  application_id: string;
  recipient_name: string;
  recipient_phone: string;
  recipient_street: string;
  recipient_commune: string;
  recipient_province_code: string;
  contents: string;
  cash_on_delivery: number;
  origin_office: string;
  status: ShipmentStatus;
  partner_id: string | null;
  lease_expires_at: Date | null;
  failed_attempts: number;
  last_event_at: Date | null;
  picked_up_at: Date | null;
  delivered_at: Date | null;
  returned_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const SHIPMENT_COLUMNS = `s.id, s.tracking_number, s.application_id, s.recipient_name, s.recipient_phone,
  s.recipient_street, s.recipient_commune, s.recipient_province_code, s.contents, s.cash_on_delivery,
  s.origin_office, s.status, s.partner_id, s.lease_expires_at, s.failed_attempts, s.last_event_at,
  s.picked_up_at, s.delivered_at, s.returned_at, s.created_at, s.updated_at`;

export function toShipment(r: ShipmentRow): Shipment {
  return {
    id: r.id,
    trackingNumber: r.tracking_number,
    applicationId: r.application_id,
    recipient: {
      name: r.recipient_name,
      phone: r.recipient_phone,
      street: r.recipient_street,
      commune: r.recipient_commune,
      provinceCode: r.recipient_province_code,
    },
    contents: r.contents,
    cashOnDelivery: r.cash_on_delivery,
    originOffice: r.origin_office,
    status: r.status,
    partnerId: r.partner_id,
    leaseExpiresAt: r.lease_expires_at,
    failedAttempts: r.failed_attempts,
    lastEventAt: r.last_event_at,
    pickedUpAt: r.picked_up_at,
    deliveredAt: r.delivered_at,
    returnedAt: r.returned_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
