import { addYears, ageOn } from '../config/policy/calendar-date';
import {
  ClassCatalogue,
  classCatalogueOn,
  classExchangeOn,
  ExchangeTarget,
  LicenceClassDefinition,
} from '../config/policy/licence-classes';

export interface Holder {
  dateOfBirth: string;
  sex: 'M' | 'F';
}

function definitionIn(catalogue: ClassCatalogue, cls: string, date: string): LicenceClassDefinition {
  const definition = catalogue.classes[cls];
  if (!definition) {
    throw new RangeError(`Class ${cls} is not a class of the ${catalogue.law}, which applies on ${date}`);
  }
  return definition;
}

/**
 * What a class becomes on a card issued on `on`. Pass `issuedOn` (the day the class was issued) to
 * settle which law the code belongs to: without it, a code both laws use with different meanings
 * (A1, B1, D) cannot be placed, and this throws rather than guess.
 */
export function exchangeOf(cls: string, on: string, issuedOn?: string): ExchangeTarget {
  const current = classCatalogueOn(on);
  const exchange = classExchangeOn(on);
  if (issuedOn !== undefined) {
    const own = classCatalogueOn(issuedOn);
    definitionIn(own, cls, issuedOn);
    if (own.id === current.id) return { to: cls };
    const target =
      exchange?.from === own.id && exchange.to === current.id ? exchange.classes[cls] : undefined;
    if (!target) throw new RangeError(`No exchange of ${own.law} class ${cls} is in force on ${on}`);
    return target;
  }
  const isCurrent = cls in current.classes;
  const target = exchange?.classes[cls];
  const mapsToItself = target?.to === cls && !('restriction' in target && target.restriction);
  if (isCurrent && target && !mapsToItself) {
    throw new RangeError(
      `Class ${cls} means different vehicles under each law: pass the date it was issued to place it`,
    );
  }
  if (isCurrent) return { to: cls };
  if (target) return target;
  throw new RangeError(`Class ${cls} is not a licence class on ${on}`);
}

/** The class a card issued on `on` carries for `cls` (old classes via the dated mapping). */
export function classOnExchange(cls: string, on: string, issuedOn?: string): string {
  const target = exchangeOf(cls, on, issuedOn);
  if (target.to === null) {
    throw new RangeError(`Class ${cls} has no licence class on ${on}: it becomes ${target.instead}`);
  }
  return target.to;
}

/** The expiry a class gets under the rule of the law in force on the day it is issued; null = lifetime. */
function expiryUnderLawOf(cls: string, issuedOn: string, holder: Holder): string | null {
  const { validity } = definitionIn(classCatalogueOn(issuedOn), cls, issuedOn);
  switch (validity.kind) {
    case 'LIFETIME':
      return null;
    case 'YEARS':
      return addYears(issuedOn, validity.years);
    case 'UNTIL_AGE':
      // "Over 45" read as 46 completed years or more (the regulation does not say more precisely).
      return ageOn(holder.dateOfBirth, issuedOn) > validity.tenYearsAfterAge[holder.sex]
        ? addYears(issuedOn, validity.thenYears)
        : addYears(holder.dateOfBirth, validity.age[holder.sex]);
  }
}

/**
 * The expiry of a class printed on a new card issued on `issuedOn`: A1, A, B1 for life (null);
 * B, C1 10 years; every other class 5 years. A period ends on the same calendar day (29 Feb → 28 Feb).
 */
export function expiryOnIssue(cls: string, issuedOn: string, holder: Holder): string | null {
  return expiryUnderLawOf(cls, issuedOn, holder);
}

/**
 * The expiry a class already held got when issued, under the law of its issue date: for pre-2025
 * classes A1, A2, A3 for life, A4 and B2 10 years, B1 until 55 (women) / 60 (men) — 10 years when
 * issued over 45 / 50 — and C, D, E, F* 5 years. Real licences keep their printed expiry; this is for
 * checking records and generating realistic ones.
 */
export function expiryOfExistingClass(cls: string, issuedOn: string, holder: Holder): string | null {
  return expiryUnderLawOf(cls, issuedOn, holder);
}
