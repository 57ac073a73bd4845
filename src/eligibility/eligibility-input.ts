/**
 * Everything the eligibility rules look at, gathered by the caller from the reference records, and
 * what each rule answers. The rules read no clock and no database: `today` comes in with the input.
 */
export type ApplicationType =
  'RENEWAL' | 'REPLACEMENT_DAMAGED' | 'REPLACEMENT_LOST' | 'PAPER_CONVERSION' | 'DETAILS_CHANGE';

export interface DriverRecord {
  nationalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
}

export interface LicenceClassRecord {
  class: string;
  issuedOn: string;
  expiresOn: string | null;
  /** Old B1 cards limited to automatic cars (the register's field). */
  automaticOnly?: boolean;
}

export interface LicenceRecord {
  number: string;
  nationalId: string;
  cardKind: 'PAPER' | 'PET';
  origin: 'DOMESTIC' | 'FOREIGN' | 'MILITARY';
  status: 'VALID' | 'SUSPENDED' | 'REVOKED' | 'REPLACED';
  suspendedUntil: string | null;
  statusReason: string | null;
  statusChangedOn: string | null;
  points: number;
  issuingProvinceCode: string;
  classes: LicenceClassRecord[];
  /** The name printed on the card, when the register holds it (a change of details compares it). */
  nameOnCard?: string | null;
  /** The birth date printed on the card, when the register holds it. */
  dateOfBirthOnCard?: string | null;
}

export interface HealthCertificateRecord {
  number: string;
  nationalId: string;
  issuedOn: string;
  validUntil: string;
  result: 'FIT' | 'UNFIT';
  groups: number[];
  electronic: boolean;
}

export interface ViolationRecord {
  id: string;
  plate: string | null;
  nationalId: string | null;
  amount: number;
  occurredOn: string;
}

export interface EligibilityInput {
  applicationType: ApplicationType;
  /** From the citizen's account. */
  applicant: { nationalId: string; fullName: string; dateOfBirth: string };
  /** The driver record for applicant.nationalId. */
  driver: DriverRecord | null;
  licenceNumber: string;
  /** By licenceNumber. */
  licence: LicenceRecord | null;
  healthCertificateNumber: string | null;
  /** By number (null if not given or not found). */
  healthCertificate: HealthCertificateRecord | null;
  /** On the holder or on vehicles the holder owns. */
  unpaidViolations: ViolationRecord[];
  ownedPlates: string[];
  /** Open applications for the same licence. */
  otherOpenApplications: { id: string; reference: string }[];
  /** DETAILS_CHANGE only. */
  newDetails?: { fullName?: string; dateOfBirth?: string } | null;
  today: string;
}

/** NOT_CHECKED: the rule could not run because a rule it depends on did not pass; it neither passes nor fails. */
export type RuleOutcome = 'PASS' | 'FLAG' | 'FAIL' | 'NOT_CHECKED';

export type RuleName =
  | 'IDENTITY_MATCH'
  | 'LICENCE_FOUND'
  | 'LICENCE_ORIGIN'
  | 'LICENCE_STATUS'
  | 'LICENCE_POINTS'
  | 'EXPIRY_WINDOW'
  | 'HEALTH_CERTIFICATE'
  | 'UNPAID_VIOLATIONS'
  | 'NO_OTHER_OPEN_APPLICATION'
  | 'APPLICATION_TYPE_FITS';

/** A value in a sentence: raw (ISO date, VND amount, code list), or words of its own (`{ key }`). */
export type RuleTextParam = string | number | null | string[] | { key: string } | { key: string }[];

/** One sentence as a translation key (`checkText.*`) and raw parameters, written out when shown. */
export interface RuleSentence {
  key: string;
  params?: Record<string, RuleTextParam>;
}

export interface RuleResult {
  rule: RuleName;
  outcome: RuleOutcome;
  /** One sentence in plain English, stored as it was said: the audit record. */
  detail: string;
  /** What the citizen can do (English, for the record). */
  action?: string;
  /** `detail` as sentences to translate: what the citizen and the officer read, in their language. */
  text?: RuleSentence[];
  /** `action` as sentences to translate. */
  actionText?: RuleSentence[];
  /** The exact records used: classes, dates, violation ids/amounts/plates, certificate number/dates/groups. */
  evidence: Record<string, unknown>;
  /** Set when the rule could not be checked (outcome NOT_CHECKED): which rule it depends on. */
  notCheckedBecause?: RuleName;
}

/** A rule: the input and the date whose policies (grace period, windows, class law) apply. */
export type EligibilityRule = (input: EligibilityInput, policyDate: string) => RuleResult;
