import { addMonths } from '../../config/policy/calendar-date';
import { healthCertificatePolicyOn, healthGroupsCover } from '../../config/policy/health-certificate';
import { classDefinition, HealthGroup } from '../../config/policy/licence-classes';
import { EligibilityInput, EligibilityRule, LicenceRecord, RuleResult } from '../eligibility-input';
import { heldLicence, listInWords, notCheckedWithoutLicence, say } from './rule-support';
import type { RuleSentence } from '../eligibility-input';

type Problem =
  | 'NOT_ELECTRONIC'
  | 'ISSUED_IN_FUTURE'
  | 'OLDER_THAN_VALIDITY'
  | 'PAST_VALID_UNTIL'
  | 'UNFIT'
  | 'GROUPS_DO_NOT_COVER';

const EXAMINE_AGAIN =
  'Have a licensed clinic examine you and send the certificate electronically, then enter its number.';

/**
 * Every class except A1, A, B1 (and their old equivalents) needs a health certificate: electronic,
 * for this person, issued within 12 months and not past its own validity, FIT, with groups that cover
 * every class held. A class missing from the catalogue is held to the strictest group.
 */
export const checkHealthCertificate: EligibilityRule = (input, policyDate) => {
  const licence = heldLicence(input);
  if (licence === null) return notCheckedWithoutLicence('HEALTH_CERTIFICATE', 'the health certificate');
  const classes = classNeeds(licence);
  const required = classes.filter((c) => c.needsCertificate);
  if (required.length === 0) {
    return {
      rule: 'HEALTH_CERTIFICATE',
      outcome: 'PASS',
      detail: `No health certificate is needed: ${classes.length === 1 ? 'class' : 'classes'} ${listInWords(classes.map((c) => c.class))} need none.`,
      text: [say('HEALTH_CERTIFICATE.noneNeeded', { classes: classes.map((c) => c.class) })],
      evidence: { classes, certificateRequired: false, certificateNumber: input.healthCertificateNumber },
    };
  }
  const requiredGroup = Math.max(...required.map((c) => c.healthGroup));
  const requiredClasses = listInWords(required.map((c) => c.class));
  const evidence = {
    classes,
    certificateRequired: true,
    requiredGroup,
    certificateNumber: input.healthCertificateNumber,
  };
  const fail = (
    detail: string,
    text: RuleSentence[],
    extra: Record<string, unknown> = {},
    action = EXAMINE_AGAIN,
    actionText = [say('HEALTH_CERTIFICATE.examineAgain')],
  ): RuleResult => ({
    rule: 'HEALTH_CERTIFICATE',
    outcome: 'FAIL',
    detail,
    action,
    text,
    actionText,
    evidence: { ...evidence, ...extra },
  });
  const requiredList = required.map((c) => c.class);

  const number = input.healthCertificateNumber;
  const certificate = input.healthCertificate;
  if (!number) {
    return fail(
      `Class ${requiredClasses} needs a health certificate (group ${requiredGroup}), and none was given.`,
      [say('HEALTH_CERTIFICATE.missing', { classes: requiredList, group: requiredGroup })],
    );
  }
  if (certificate === null) {
    return fail(
      `Health certificate ${number} was not found: the clinic may not have sent it yet.`,
      [say('HEALTH_CERTIFICATE.notFound', { number })],
      {},
      'Check the number; if it is right, ask the clinic to send the certificate electronically, then apply again.',
      [say('HEALTH_CERTIFICATE.notFound.action')],
    );
  }
  if (certificate.nationalId !== input.applicant.nationalId) {
    return fail(
      `Health certificate ${number} was not issued to you.`,
      [say('HEALTH_CERTIFICATE.notYours', { number })],
      { heldByApplicant: false },
    );
  }

  const { validMonths } = healthCertificatePolicyOn(policyDate);
  const servesUntil = addMonths(certificate.issuedOn, validMonths);
  const uncovered = required.filter((c) => !healthGroupsCover(certificate.groups, c.healthGroup));
  const problems = findProblems(input, certificate, servesUntil, validMonths, uncovered);
  const certificateEvidence = {
    certificate: {
      number,
      issuedOn: certificate.issuedOn,
      validUntil: certificate.validUntil,
      servesUntil,
      result: certificate.result,
      groups: certificate.groups,
      electronic: certificate.electronic,
    },
    heldByApplicant: true,
  };
  if (problems.length > 0) {
    const unfit = problems.some((p) => p.code === 'UNFIT');
    return fail(
      `Health certificate ${number} cannot be used: ${problems.map((p) => p.message).join('; ')}.`,
      [say('HEALTH_CERTIFICATE.cannotUse', { number }), ...problems.map((p) => p.text)],
      { ...certificateEvidence, problems: problems.map((p) => p.code), uncoveredClasses: uncovered },
      unfit
        ? 'A licence needs a certificate that finds you fit; ask the clinic about your result.'
        : EXAMINE_AGAIN,
      [say(unfit ? 'HEALTH_CERTIFICATE.unfit.action' : 'HEALTH_CERTIFICATE.examineAgain')],
    );
  }
  return {
    rule: 'HEALTH_CERTIFICATE',
    outcome: 'PASS',
    detail: `Health certificate ${number} (issued ${certificate.issuedOn}, valid until ${earlier(servesUntil, certificate.validUntil)}, health group ${certificate.groups.join(', ')}) covers class ${requiredClasses}.`,
    text: [
      say('HEALTH_CERTIFICATE.pass', {
        number,
        issuedOn: certificate.issuedOn,
        validUntil: earlier(servesUntil, certificate.validUntil),
        groups: certificate.groups.map(String),
        classes: requiredList,
      }),
    ],
    evidence: { ...evidence, ...certificateEvidence },
  };
};

interface ClassNeed {
  class: string;
  issuedOn: string;
  inCatalogue: boolean;
  needsCertificate: boolean;
  healthGroup: HealthGroup;
}

function classNeeds(licence: LicenceRecord): ClassNeed[] {
  return licence.classes.map((c) => {
    const definition = classDefinition(c.class, c.issuedOn);
    return {
      class: c.class,
      issuedOn: c.issuedOn,
      inCatalogue: definition !== undefined,
      needsCertificate: definition?.needsHealthCertificate ?? true,
      healthGroup: definition?.healthGroup ?? 3,
    };
  });
}

function findProblems(
  input: EligibilityInput,
  certificate: NonNullable<EligibilityInput['healthCertificate']>,
  servesUntil: string,
  validMonths: number,
  uncovered: ClassNeed[],
): { code: Problem; message: string; text: RuleSentence }[] {
  const { today } = input;
  const problems: { code: Problem; message: string; text: RuleSentence }[] = [];
  const add = (code: Problem, message: string, params?: RuleSentence['params']) =>
    problems.push({ code, message, text: say(`HEALTH_CERTIFICATE.problem.${code}`, params) });
  if (!certificate.electronic) {
    add(
      'NOT_ELECTRONIC',
      'it is on paper, and an online application needs one the clinic sent electronically',
    );
  }
  if (certificate.issuedOn > today)
    add('ISSUED_IN_FUTURE', `its issue date ${certificate.issuedOn} is in the future`, {
      issuedOn: certificate.issuedOn,
    });
  if (today > servesUntil) {
    add(
      'OLDER_THAN_VALIDITY',
      `it was issued on ${certificate.issuedOn}, more than ${validMonths} months ago`,
      { issuedOn: certificate.issuedOn, months: validMonths },
    );
  }
  if (today > certificate.validUntil)
    add('PAST_VALID_UNTIL', `it was valid only until ${certificate.validUntil}`, {
      validUntil: certificate.validUntil,
    });
  if (certificate.result === 'UNFIT') add('UNFIT', 'the examination found you unfit to drive');
  if (uncovered.length > 0) {
    const groups = certificate.groups.length > 0 ? certificate.groups.join(', ') : 'none';
    const needed = Math.max(...uncovered.map((c) => c.healthGroup));
    add(
      'GROUPS_DO_NOT_COVER',
      `its health group (${groups}) does not cover class ${listInWords(uncovered.map((c) => c.class))}, which needs group ${needed}`,
      {
        groups: certificate.groups.length > 0 ? certificate.groups.map(String) : { key: 'common.none' },
        classes: uncovered.map((c) => c.class),
        group: needed,
      },
    );
  }
  return problems;
}

const earlier = (a: string, b: string) => (a < b ? a : b);
