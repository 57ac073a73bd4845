import { namesIdentical } from '../../common/vietnamese-text';
import { exchangeOf } from '../../issuance/licence-validity';
import {
  ApplicationType,
  DriverRecord,
  EligibilityRule,
  LicenceRecord,
  RuleResult,
  RuleSentence,
} from '../eligibility-input';
import { heldLicence, listInWords, notChecked, notCheckedWithoutLicence, say } from './rule-support';

const TYPE_WORDS: Record<ApplicationType, string> = {
  RENEWAL: 'renewal',
  REPLACEMENT_DAMAGED: 'replacement of a damaged card',
  REPLACEMENT_LOST: 'replacement of a lost card',
  PAPER_CONVERSION: 'conversion of a paper licence',
  DETAILS_CHANGE: 'change of personal details',
};

interface Flag {
  detail: string;
  action: string;
  text: RuleSentence;
  actionText: RuleSentence;
}

/**
 * The application type suits the card: a conversion needs a paper card (other types on a paper card
 * are flagged, a conversion may suit better); a change of details must carry the citizen-ID record's
 * details, which override the card (flagged when nothing would change). Classes the new card cannot
 * carry (A4, unknown codes) are flagged for the office.
 */
export const checkApplicationTypeFits: EligibilityRule = (input, policyDate) => {
  const licence = heldLicence(input);
  if (licence === null) {
    return notCheckedWithoutLicence('APPLICATION_TYPE_FITS', 'whether the application type fits the licence');
  }
  const type = input.applicationType;
  const evidence: Record<string, unknown> = {
    applicationType: type,
    licenceNumber: licence.number,
    cardKind: licence.cardKind,
  };
  const fail = (
    detail: string,
    action: string,
    text: RuleSentence,
    actionText: RuleSentence,
  ): RuleResult => ({
    rule: 'APPLICATION_TYPE_FITS',
    outcome: 'FAIL',
    detail,
    action,
    text: [text],
    actionText: [actionText],
    evidence,
  });

  if (type === 'PAPER_CONVERSION' && licence.cardKind !== 'PAPER') {
    return fail(
      `Licence ${licence.number} is already a PET card, so there is no paper licence to convert.`,
      'Apply for a renewal, a replacement or a change of details instead.',
      say('APPLICATION_TYPE_FITS.alreadyPet', { licenceNumber: licence.number }),
      say('APPLICATION_TYPE_FITS.alreadyPet.action'),
    );
  }
  const flags: Flag[] = [];
  if (type === 'DETAILS_CHANGE') {
    if (input.driver === null) {
      return notChecked('APPLICATION_TYPE_FITS', 'IDENTITY_MATCH', 'the new personal details');
    }
    const newDetails = input.newDetails ?? {};
    Object.assign(evidence, {
      newDetails,
      citizenIdRecord: { fullName: input.driver.fullName, dateOfBirth: input.driver.dateOfBirth },
      onCard: { fullName: licence.nameOnCard ?? null, dateOfBirth: licence.dateOfBirthOnCard ?? null },
    });
    if (!newDetails.fullName && !newDetails.dateOfBirth) {
      return fail(
        'A change of personal details must give the new name or date of birth.',
        'Enter the new details exactly as your citizen-ID record shows them.',
        say('APPLICATION_TYPE_FITS.noNewDetails'),
        say('APPLICATION_TYPE_FITS.noNewDetails.action'),
      );
    }
    const disagreeing = detailsDisagreeingWithRecord(newDetails, input.driver);
    if (disagreeing.length > 0) {
      return fail(
        `The new ${listInWords(disagreeing.map((d) => FIELD_WORDS[d]))} must be exactly as on your citizen-ID record, which the new card takes its details from.`,
        'Enter the details exactly as your citizen-ID record shows them; if the record itself is wrong, have it corrected first.',
        say('APPLICATION_TYPE_FITS.notAsRecord', {
          fields: disagreeing.map((d) => ({ key: `checkText.field.${d}` })),
        }),
        say('APPLICATION_TYPE_FITS.notAsRecord.action'),
      );
    }
    if (nothingDiffersFromCard(newDetails, licence)) {
      flags.push({
        detail: `the new details are the same as those printed on card ${licence.number}, so nothing would change`,
        action: 'Check which detail you want changed; an officer will otherwise review the request.',
        text: say('APPLICATION_TYPE_FITS.sameAsCard', { licenceNumber: licence.number }),
        actionText: say('APPLICATION_TYPE_FITS.sameAsCard.action'),
      });
    }
  }
  if (type !== 'PAPER_CONVERSION' && licence.cardKind === 'PAPER') {
    flags.push({
      detail: `licence ${licence.number} is a paper licence, and a conversion to a PET card may suit you better`,
      action: `Consider applying for a paper conversion instead; otherwise an officer handles this as a ${TYPE_WORDS[type]}.`,
      text: say('APPLICATION_TYPE_FITS.paperCard', { licenceNumber: licence.number }),
      actionText: say('APPLICATION_TYPE_FITS.paperCard.action', { type: { key: `type.${type}` } }),
    });
  }
  flags.push(...classesTheNewCardCannotCarry(licence, policyDate));

  if (flags.length > 0) {
    const detail = flags.map((f) => f.detail).join('; ');
    return {
      rule: 'APPLICATION_TYPE_FITS',
      outcome: 'FLAG',
      detail: `${detail[0].toUpperCase()}${detail.slice(1)}.`,
      action: flags.map((f) => f.action).join(' '),
      text: flags.map((f) => f.text),
      actionText: flags.map((f) => f.actionText),
      // Each flag as its sentence's key and values, so every reader sees it in their own language.
      evidence: { ...evidence, flags: flags.map((f) => f.text) },
    };
  }
  return {
    rule: 'APPLICATION_TYPE_FITS',
    outcome: 'PASS',
    detail:
      type === 'DETAILS_CHANGE'
        ? 'The new details match your citizen-ID record.'
        : `A ${TYPE_WORDS[type]} fits licence ${licence.number} (a ${licence.cardKind === 'PAPER' ? 'paper' : 'PET'} card).`,
    text: [
      type === 'DETAILS_CHANGE'
        ? say('APPLICATION_TYPE_FITS.detailsMatch')
        : say('APPLICATION_TYPE_FITS.pass', {
            type: { key: `type.${type}` },
            licenceNumber: licence.number,
            cardKind: { key: `cardKind.${licence.cardKind}` },
          }),
    ],
    evidence,
  };
};

const FIELD_WORDS = { fullName: 'name', dateOfBirth: 'date of birth' } as const;

function detailsDisagreeingWithRecord(
  newDetails: { fullName?: string; dateOfBirth?: string },
  record: DriverRecord,
): (keyof typeof FIELD_WORDS)[] {
  return [
    ...(newDetails.fullName && !namesIdentical(newDetails.fullName, record.fullName)
      ? ['fullName' as const]
      : []),
    ...(newDetails.dateOfBirth && newDetails.dateOfBirth !== record.dateOfBirth
      ? ['dateOfBirth' as const]
      : []),
  ];
}

/** True only when the register holds the printed details and every detail given equals them. */
function nothingDiffersFromCard(
  newDetails: { fullName?: string; dateOfBirth?: string },
  licence: LicenceRecord,
): boolean {
  const sameName =
    !newDetails.fullName || (!!licence.nameOnCard && namesIdentical(newDetails.fullName, licence.nameOnCard));
  const sameBirthDate = !newDetails.dateOfBirth || newDetails.dateOfBirth === licence.dateOfBirthOnCard;
  return sameName && sameBirthDate;
}

function classesTheNewCardCannotCarry(licence: LicenceRecord, on: string): Flag[] {
  return licence.classes.flatMap((c): Flag[] => {
    try {
      const target = exchangeOf(c.class, on, c.issuedOn);
      if (target.to !== null) return [];
      return [
        {
          detail: `class ${c.class} is no longer a licence class and becomes ${target.instead}`,
          action: `The licensing office issues ${target.instead}.`,
          // `instead` is the catalogue's English description: the translated sentences do without it.
          text: say('APPLICATION_TYPE_FITS.classGone', { class: c.class }),
          actionText: say('APPLICATION_TYPE_FITS.classGone.action', { class: c.class }),
        },
      ];
    } catch {
      return [
        {
          detail: `class ${c.class} (issued ${c.issuedOn}) is not a known licence class`,
          action: `An officer will check class ${c.class} against the register.`,
          text: say('APPLICATION_TYPE_FITS.unknownClass', { class: c.class, issuedOn: c.issuedOn }),
          actionText: say('APPLICATION_TYPE_FITS.unknownClass.action', { class: c.class }),
        },
      ];
    }
  });
}
