import {
  APPLICATION_TYPES,
  ApplicationType,
  CreateApplicationDto,
} from '../../applications/dto/create-application.dto';
import type { FieldProblem, FormValues } from '../http/form-errors';
import { isCalendarDate } from './account-forms';

/** Whether the licence's classes need a health certificate, as far as we may know before submitting. */
export type HealthNeed = 'REQUIRED' | 'NOT_NEEDED' | 'UNKNOWN';

export interface DraftDelivery {
  method: 'POST' | 'OFFICE';
  recipientName: string;
  phone: string;
  street: string;
  commune: string;
  provinceCode: string;
}

/** The application a citizen is filling in, page by page (kept server-side in web_drafts). */
export interface ApplicationDraft {
  type?: ApplicationType;
  licenceNumber?: string;
  /** REPLACEMENT_LOST: the declaration. */
  lostOn?: string;
  circumstances?: string;
  /** DETAILS_CHANGE: the citizen confirmed the citizen-ID record's details, which the new card prints. */
  detailsConfirmed?: boolean;
  /** Drafts started before the record's details were offered: what the citizen typed (no longer asked). */
  newFullName?: string;
  newDateOfBirth?: string;
  healthNeed?: HealthNeed;
  healthCertificateNumber?: string;
  photoUploadId?: string;
  delivery?: DraftDelivery;
  /** Set once submitted: the key the check page used, and what it created (a double submit lands there). */
  submitted?: { key: string; applicationId: string };
}

export const STEPS = ['type', 'licence', 'photo', 'health', 'delivery', 'check'] as const;
export type Step = (typeof STEPS)[number];

export const TYPE_FIELDS = ['type'] as const;
export const LICENCE_FIELDS = [
  'licenceNumber',
  'lostOn',
  'circumstances',
  'confirmed',
  'detailsConfirmed',
] as const;
export const HEALTH_FIELDS = ['healthCertificateNumber'] as const;
export const DELIVERY_FIELDS = [
  'method',
  'recipientName',
  'phone',
  'street',
  'commune',
  'provinceCode',
] as const;

const LICENCE_NUMBER = /^[0-9]{12}$/;
const CERTIFICATE_NUMBER = /^[A-Za-z0-9-]{4,40}$/;
const PHONE = /^(0|\+84)[1-9][0-9]{8}$/;

/** The pages this draft goes through: the health page only when a certificate may be needed. */
export function stepsFor(draft: ApplicationDraft): Step[] {
  return STEPS.filter((s) => s !== 'health' || draft.healthNeed !== 'NOT_NEEDED');
}

export function isStepDone(step: Step, d: ApplicationDraft): boolean {
  switch (step) {
    case 'type':
      return !!d.type;
    case 'licence':
      return (
        !!d.licenceNumber &&
        (d.type !== 'REPLACEMENT_LOST' || (!!d.lostOn && !!d.circumstances)) &&
        (d.type !== 'DETAILS_CHANGE' || !!d.detailsConfirmed)
      );
    case 'photo':
      return !!d.photoUploadId;
    case 'health':
      return d.healthNeed !== 'REQUIRED' || !!d.healthCertificateNumber;
    case 'delivery':
      return !!d.delivery;
    case 'check':
      return false;
  }
}

/** The first page still to fill in before `step` may be shown; null when everything before it is done. */
export function missingBefore(step: Step, draft: ApplicationDraft): Step | null {
  for (const s of stepsFor(draft)) {
    if (s === step) return null;
    if (!isStepDone(s, draft)) return s;
  }
  return null;
}

/** Where "Continue" leads from `step`: back to check answers when the person came from there. */
export function nextStep(step: Step, draft: ApplicationDraft, returnToCheck: boolean): Step {
  const steps = stepsFor(draft);
  if (returnToCheck) return missingBefore('check', draft) ?? 'check';
  return steps[steps.indexOf(step) + 1] ?? 'check';
}

export function typeProblems(v: FormValues): FieldProblem[] {
  return (APPLICATION_TYPES as readonly string[]).includes(v.type)
    ? []
    : [{ field: 'type', key: 'apply.type.required' }];
}

export function licenceProblems(
  v: FormValues,
  type: ApplicationType | undefined,
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, key: string) => problems.push({ field, key });
  if (!v.licenceNumber) add('licenceNumber', 'apply.licence.required');
  else if (!LICENCE_NUMBER.test(v.licenceNumber)) add('licenceNumber', 'apply.licence.format');
  if (type === 'REPLACEMENT_LOST') {
    if (!v.lostOn) add('lostOn', 'apply.lost.lostOn.required');
    else if (!isCalendarDate(v.lostOn) || v.lostOn > today) add('lostOn', 'apply.lost.lostOn.invalid');
    if (!v.circumstances) add('circumstances', 'apply.lost.circumstances.required');
    else if (v.circumstances.length > 1000) add('circumstances', 'apply.lost.circumstances.tooLong');
    if (v.confirmed !== 'true') add('confirmed', 'apply.lost.confirmed.required');
  }
  if (type === 'DETAILS_CHANGE' && v.detailsConfirmed !== 'true') {
    add('detailsConfirmed', 'apply.details.confirm.required');
  }
  return problems;
}

export function healthProblems(v: FormValues, need: HealthNeed | undefined): FieldProblem[] {
  if (!v.healthCertificateNumber) {
    return need === 'REQUIRED' ? [{ field: 'healthCertificateNumber', key: 'apply.health.required' }] : [];
  }
  return CERTIFICATE_NUMBER.test(v.healthCertificateNumber)
    ? []
    : [{ field: 'healthCertificateNumber', key: 'apply.health.format' }];
}

export function deliveryProblems(v: FormValues, provinceCodes: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, key: string) => problems.push({ field, key });
  if (v.method !== 'POST' && v.method !== 'OFFICE') add('method', 'apply.delivery.method.required');
  if (!v.recipientName) add('recipientName', 'apply.delivery.recipientName.required');
  else if (v.recipientName.length > 120) add('recipientName', 'apply.delivery.recipientName.tooLong');
  if (!v.phone) add('phone', 'form.phone.required');
  else if (!PHONE.test(v.phone)) add('phone', 'form.phone.format');
  if (!v.street) add('street', 'apply.delivery.street.required');
  else if (v.street.length > 200) add('street', 'apply.delivery.street.tooLong');
  if (!v.commune) add('commune', 'apply.delivery.commune.required');
  else if (v.commune.length > 120) add('commune', 'apply.delivery.commune.tooLong');
  if (!provinceCodes.has(v.provinceCode)) add('provinceCode', 'apply.delivery.provinceCode.required');
  return problems;
}

/** The request the submission service takes, built from a complete draft. */
export function toCreateDto(d: ApplicationDraft): CreateApplicationDto {
  const dto: CreateApplicationDto = {
    type: d.type!,
    licenceNumber: d.licenceNumber!,
    photoUploadId: d.photoUploadId!,
    delivery: { ...d.delivery! },
  };
  if (d.healthCertificateNumber) dto.healthCertificateNumber = d.healthCertificateNumber;
  if (d.type === 'REPLACEMENT_LOST') {
    dto.declaration = { lostOn: d.lostOn!, circumstances: d.circumstances!, confirmed: true };
  }
  // DETAILS_CHANGE sends no newDetails: the service takes them from the citizen-ID record.
  return dto;
}

/** The page of the form where a field the submission service names is entered. */
export function stepOfField(field: string): Step {
  if (field.startsWith('delivery')) return 'delivery';
  if (field.startsWith('health')) return 'health';
  if (field.startsWith('photo')) return 'photo';
  return 'licence';
}

/** The form field a service field name corresponds to (delivery.provinceCode → provinceCode). */
export const formFieldOf = (field: string) =>
  field.startsWith('delivery.')
    ? field.slice('delivery.'.length)
    : field.startsWith('newDetails')
      ? 'detailsConfirmed'
      : field.startsWith('declaration')
        ? 'lostOn'
        : field === 'photoUploadId'
          ? 'photo'
          : field;
