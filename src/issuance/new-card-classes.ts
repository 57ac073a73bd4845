import type { LicenceClassRecord } from '../eligibility/eligibility-input';
import { classOnExchange, exchangeOf, expiryOnIssue, Holder } from './licence-validity';

export interface CardClass {
  class: string;
  /** The class as it stood on the old card, when the exchange renamed it (B2 → B). */
  previousClass?: string;
  issuedOn: string;
  expiresOn: string | null;
  /** Set when a class has no online exchange (old A4): kept as it was, for the office to handle. */
  note?: string;
  /** Printed on the card: what the class is limited to (old A1 → A under 175 cm³; automatic-only B). */
  restriction?: string;
}

/** What an old B1 limited to automatic cars carries onto its new class (DOMAIN.md). */
export const AUTOMATIC_ONLY = 'automatic cars only';

/**
 * The classes printed on the new card: each old class mapped to its class under the law in force, with
 * a new expiry counted from the day of issue (DOMAIN.md validity periods; lifetime classes stay null).
 * The date the holder first obtained each class is kept, and every restriction the exchange or the old
 * card carries is printed (an old A1 becomes A limited to under 175 cm³; an automatic-only B1, B so limited).
 */
export function newCardClasses(classes: LicenceClassRecord[], issuedOn: string, holder: Holder): CardClass[] {
  return classes.map((c) => {
    let target: string;
    try {
      target = classOnExchange(c.class, issuedOn, c.issuedOn);
    } catch (error) {
      return { class: c.class, issuedOn: c.issuedOn, expiresOn: c.expiresOn, note: (error as Error).message };
    }
    const exchange = exchangeOf(c.class, issuedOn, c.issuedOn);
    const restrictions = [
      exchange.to !== null && 'restriction' in exchange ? exchange.restriction : undefined,
      c.automaticOnly ? AUTOMATIC_ONLY : undefined,
    ].filter((r): r is string => !!r);
    return {
      class: target,
      ...(target !== c.class ? { previousClass: c.class } : {}),
      issuedOn: c.issuedOn,
      expiresOn: expiryOnIssue(target, issuedOn, holder),
      ...(restrictions.length ? { restriction: restrictions.join('; ') } : {}),
    };
  });
}
