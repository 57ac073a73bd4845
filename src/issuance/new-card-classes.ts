import type { LicenceClassRecord } from '../eligibility/eligibility-input';
import { classOnExchange, expiryOnIssue, Holder } from './licence-validity';

export interface CardClass {
  class: string;
  /** The class as it stood on the old card, when the exchange renamed it (B2 → B). */
  previousClass?: string;
  issuedOn: string;
  expiresOn: string | null;
  /** Set when a class has no online exchange (old A4): kept as it was, for the office to handle. */
  note?: string;
}

/**
 * The classes printed on the new card: each old class mapped to its class under the law in force, with
 * a new expiry counted from the day of issue (DOMAIN.md validity periods; lifetime classes stay null).
 * The date the holder first obtained each class is kept.
 */
export function newCardClasses(classes: LicenceClassRecord[], issuedOn: string, holder: Holder): CardClass[] {
  return classes.map((c) => {
    let target: string;
    try {
      target = classOnExchange(c.class, issuedOn, c.issuedOn);
    } catch (error) {
      return { class: c.class, issuedOn: c.issuedOn, expiresOn: c.expiresOn, note: (error as Error).message };
    }
    return {
      class: target,
      ...(target !== c.class ? { previousClass: c.class } : {}),
      issuedOn: c.issuedOn,
      expiresOn: expiryOnIssue(target, issuedOn, holder),
    };
  });
}
