import { EligibilityRule } from '../eligibility-input';
import { listInWords, say } from './rule-support';

/** One open application per licence at a time. */
export const checkNoOtherOpenApplication: EligibilityRule = (input) => {
  const open = input.otherOpenApplications;
  const evidence = { licenceNumber: input.licenceNumber, openApplications: open };
  if (open.length > 0) {
    const references = listInWords(open.map((a) => a.reference));
    return {
      rule: 'NO_OTHER_OPEN_APPLICATION',
      outcome: 'FAIL',
      detail: `${open.length === 1 ? 'Application' : 'Applications'} ${references} for licence ${input.licenceNumber} ${open.length === 1 ? 'is' : 'are'} still open, and a licence can have only one open application.`,
      action: `Wait until ${open.length === 1 ? 'it is' : 'they are'} decided, or withdraw ${open.length === 1 ? 'it' : 'them'}, then apply again.`,
      text: [
        say('NO_OTHER_OPEN_APPLICATION.open', {
          references: open.map((a) => a.reference),
          licenceNumber: input.licenceNumber,
        }),
      ],
      actionText: [say('NO_OTHER_OPEN_APPLICATION.action')],
      evidence,
    };
  }
  return {
    rule: 'NO_OTHER_OPEN_APPLICATION',
    outcome: 'PASS',
    detail: `No other application for licence ${input.licenceNumber} is open.`,
    text: [say('NO_OTHER_OPEN_APPLICATION.pass', { licenceNumber: input.licenceNumber })],
    evidence,
  };
};
