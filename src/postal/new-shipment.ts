import { DomainError, FieldError } from '../common/errors/domain-error';

/** What issuance hands to the post for one application (see ShipmentsService.createShipment). */
export interface NewShipment {
  applicationId: string;
  recipient: { name: string; phone: string; street: string; commune: string; provinceCode: string };
  /** The new card's serial, nothing else: no citizen ID, no licence details travel on the parcel. */
  contents: string;
  /** Whole VND to collect at the door; 0 when the postal fee was prepaid. */
  cashOnDelivery: number;
  /** The issuing province's code: where the card starts, and where it goes back if undeliverable. */
  originOffice: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROVINCE = /^[0-9]{2}$/;
/** A card serial: capital letters, digits and dashes (e.g. VN202600000001), no spaces or words. */
const CARD_SERIAL = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

/** Checks a shipment before it is stored; a mistake here is a programming error in the caller, named. */
export function validateNewShipment(s: NewShipment): void {
  const errors: FieldError[] = [];
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) errors.push({ field, message });
  };
  const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
  need(UUID.test(s.applicationId), 'applicationId', 'applicationId must be a UUID');
  need(text(s.recipient?.name, 120), 'recipient.name', 'recipient.name must be 1 to 120 characters');
  need(
    typeof s.recipient?.phone === 'string' && /^(0|\+84)[1-9][0-9]{8}$/.test(s.recipient.phone),
    'recipient.phone',
    'recipient.phone must be a Vietnamese phone number',
  );
  need(text(s.recipient?.street, 200), 'recipient.street', 'recipient.street must be 1 to 200 characters');
  need(text(s.recipient?.commune, 120), 'recipient.commune', 'recipient.commune must be 1 to 120 characters');
  need(
    PROVINCE.test(s.recipient?.provinceCode ?? ''),
    'recipient.provinceCode',
    'recipient.provinceCode must be a two-digit province code',
  );
  need(
    typeof s.contents === 'string' && CARD_SERIAL.test(s.contents),
    'contents',
    'contents must be the card serial only (3 to 32 capital letters, digits or dashes)',
  );
  need(
    Number.isSafeInteger(s.cashOnDelivery) && s.cashOnDelivery >= 0,
    'cashOnDelivery',
    'cashOnDelivery must be a whole number of VND, 0 when prepaid',
  );
  need(PROVINCE.test(s.originOffice ?? ''), 'originOffice', 'originOffice must be a two-digit province code');
  if (errors.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The shipment cannot be created: ${errors.map((e) => e.message).join('; ')}.`,
      { errors },
    );
  }
}

/** The parcel must not show who the card belongs to: neither the citizen ID nor the licence number. */
export function checkContentsReveal(
  contents: string,
  identifiers: { nationalId: string; licenceNumber: string },
): void {
  const shown = [identifiers.nationalId, identifiers.licenceNumber].filter(
    (id) => id && contents.includes(id.trim()),
  );
  if (shown.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The shipment cannot be created: contents must be the card serial only, not the citizen ID or licence number.',
      { errors: [{ field: 'contents', message: 'contents must not hold the citizen ID or licence number' }] },
    );
  }
}
