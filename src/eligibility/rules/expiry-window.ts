import { addMonths } from '../../config/policy/calendar-date';
import { gracePeriodMonthsOn, Retest, retestAfterExpiryOn } from '../../config/policy/grace-period';
import { renewalWindowMonthsOn } from '../../config/policy/renewal-window';
import { EligibilityRule, LicenceClassRecord, RuleResult } from '../eligibility-input';
import { describeElapsed, heldLicence, listInWords, notCheckedWithoutLicence, say } from './rule-support';

interface ExpiredClass {
  class: string;
  expiresOn: string;
  graceEndsOn: string;
  late: string;
  retest: Retest;
}

const RETEST_WORDS: Record<Retest, string> = {
  THEORY: 'a theory re-test',
  THEORY_AND_PRACTICAL: 'a theory and a practical re-test',
};

/**
 * No class may be past its expiry beyond the grace period in force (none since 2025): the citizen is
 * told which re-test applies. A renewal also needs something to renew (not every class for life) and
 * is flagged when asked for before the renewal window opens.
 */
export const checkExpiryWindow: EligibilityRule = (input, policyDate) => {
  const licence = heldLicence(input);
  if (licence === null) return notCheckedWithoutLicence('EXPIRY_WINDOW', 'the expiry of the licence');
  const { today } = input;
  const gracePeriodMonths = gracePeriodMonthsOn(policyDate);
  const { theoryOnlyUnderMonths } = retestAfterExpiryOn(policyDate);
  const evidence = {
    licenceNumber: licence.number,
    today,
    classes: licence.classes.map((c) => ({ ...c })),
    gracePeriodMonths,
  };
  const expiring = licence.classes.filter(
    (c): c is LicenceClassRecord & { expiresOn: string } => !!c.expiresOn,
  );
  const expired: ExpiredClass[] = expiring
    .filter((c) => c.expiresOn < today)
    .map((c) => ({
      class: c.class,
      expiresOn: c.expiresOn,
      graceEndsOn: addMonths(c.expiresOn, gracePeriodMonths),
      late: describeElapsed(c.expiresOn, today),
      retest: today < addMonths(c.expiresOn, theoryOnlyUnderMonths) ? 'THEORY' : 'THEORY_AND_PRACTICAL',
    }));
  const lapsed = expired.filter((e) => today > e.graceEndsOn);
  if (lapsed.length > 0) return lapsedResult(lapsed, { ...evidence, expiredClasses: lapsed });

  const withinGrace = expired.length > 0 ? { ...evidence, expiredClasses: expired } : evidence;
  const firstExpired = expired.reduce<ExpiredClass | null>(
    (a, b) => (a && a.expiresOn <= b.expiresOn ? a : b),
    null,
  );
  const graceDetail = firstExpired
    ? `Class ${firstExpired.class} expired on ${firstExpired.expiresOn}, within the ${gracePeriodMonths}-month grace period that ends on ${firstExpired.graceEndsOn}.`
    : null;
  const graceText = firstExpired
    ? [
        say('EXPIRY_WINDOW.withinGrace', {
          class: firstExpired.class,
          expiresOn: firstExpired.expiresOn,
          months: gracePeriodMonths,
          graceEndsOn: firstExpired.graceEndsOn,
        }),
      ]
    : null;

  if (input.applicationType === 'RENEWAL') {
    if (expiring.length === 0) {
      return {
        rule: 'EXPIRY_WINDOW',
        outcome: 'FAIL',
        detail: `Every class on licence ${licence.number} (${listInWords(licence.classes.map((c) => c.class))}) is valid for life, so there is nothing to renew.`,
        action:
          'If the card is damaged or lost, apply for a replacement; if it is a paper licence, apply to convert it to a PET card.',
        text: [
          say('EXPIRY_WINDOW.lifeOnly', {
            licenceNumber: licence.number,
            classes: licence.classes.map((c) => c.class),
          }),
        ],
        actionText: [say('EXPIRY_WINDOW.lifeOnly.action')],
        evidence,
      };
    }
    const nearest = expiring.reduce((a, b) => (b.expiresOn < a.expiresOn ? b : a));
    const windowMonths = renewalWindowMonthsOn(policyDate);
    const windowOpensOn = addMonths(nearest.expiresOn, -windowMonths);
    const windowEvidence = {
      ...withinGrace,
      nearestExpiry: nearest,
      renewalWindowMonths: windowMonths,
      windowOpensOn,
    };
    if (today < windowOpensOn) {
      return {
        rule: 'EXPIRY_WINDOW',
        outcome: 'FLAG',
        detail: `Class ${nearest.class} expires on ${nearest.expiresOn}, more than ${windowMonths} months away, so this early renewal will be looked at by an officer.`,
        action: `You may go on, or apply from ${windowOpensOn} to have it taken without the extra check.`,
        text: [
          say('EXPIRY_WINDOW.early', {
            class: nearest.class,
            expiresOn: nearest.expiresOn,
            months: windowMonths,
          }),
        ],
        actionText: [say('EXPIRY_WINDOW.early.action', { from: windowOpensOn })],
        evidence: windowEvidence,
      };
    }
    return {
      rule: 'EXPIRY_WINDOW',
      outcome: 'PASS',
      detail:
        graceDetail ??
        `Class ${nearest.class} expires on ${nearest.expiresOn}, within the ${windowMonths}-month renewal window.`,
      text: graceText ?? [
        say('EXPIRY_WINDOW.inWindow', {
          class: nearest.class,
          expiresOn: nearest.expiresOn,
          months: windowMonths,
        }),
      ],
      evidence: windowEvidence,
    };
  }
  return {
    rule: 'EXPIRY_WINDOW',
    outcome: 'PASS',
    detail: graceDetail ?? `No class on licence ${licence.number} has expired.`,
    text: graceText ?? [say('EXPIRY_WINDOW.notExpired', { licenceNumber: licence.number })],
    evidence: withinGrace,
  };
};

function lapsedResult(lapsed: ExpiredClass[], evidence: Record<string, unknown>): RuleResult {
  const detail =
    lapsed.length === 1
      ? `Class ${lapsed[0].class} expired on ${lapsed[0].expiresOn}, ${lapsed[0].late} ago, and an expired licence cannot be exchanged online.`
      : `Classes ${listInWords(lapsed.map((e) => e.class))} have expired (${lapsed.map((e) => `${e.class} on ${e.expiresOn}, ${e.late} ago`).join('; ')}), and an expired licence cannot be exchanged online.`;
  const retests = (['THEORY', 'THEORY_AND_PRACTICAL'] as const)
    .map((retest) => ({ retest, classes: lapsed.filter((e) => e.retest === retest).map((e) => e.class) }))
    .filter((r) => r.classes.length > 0)
    .map((r) => `${RETEST_WORDS[r.retest]} for class ${listInWords(r.classes)}`);
  return {
    rule: 'EXPIRY_WINDOW',
    outcome: 'FAIL',
    detail,
    action: `Book ${listInWords(retests)} with the licensing office of your province; the licence is renewed there once you pass.`,
    text: [
      lapsed.length === 1
        ? say('EXPIRY_WINDOW.lapsed', { class: lapsed[0].class, expiresOn: lapsed[0].expiresOn })
        : say('EXPIRY_WINDOW.lapsedMany', { classes: lapsed.map((e) => e.class) }),
    ],
    actionText: [
      ...(['THEORY', 'THEORY_AND_PRACTICAL'] as const)
        .map((retest) => ({ retest, classes: lapsed.filter((e) => e.retest === retest).map((e) => e.class) }))
        .filter((r) => r.classes.length > 0)
        .map((r) => say(`EXPIRY_WINDOW.retest.${r.retest}`, { classes: r.classes })),
      say('EXPIRY_WINDOW.lapsed.action'),
    ],
    evidence,
  };
}
