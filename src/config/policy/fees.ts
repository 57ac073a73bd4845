import { Dated, inForceOn } from './dated';

/** How the new card reaches the citizen: by post, or collected at the licensing office. */
export type Delivery = 'POST' | 'OFFICE';
/** Where the application was made; this service takes online applications, hence the default. */
export type Channel = 'ONLINE' | 'OFFICE';

export interface FeeQuote {
  fee: number;
  postalFee: number;
  total: number;
  currency: 'VND';
}

/**
 * The licence fee in whole VND by channel. 135,000 VND has been the fee since 2017 (Circular
 * 229/2016/TT-BTC, kept by later circulars). Online applications were reduced to 115,000 VND from
 * 1 Dec 2023 to the end of 2025 (Circular 63/2023/TT-BTC, as we read it). If the reduction is extended,
 * append one entry — e.g. { from: '2026-01-01', until: '2026-12-31', value: 115_000 } — and it wins
 * over the open-ended one below (see inForceOn).
 */
export const LICENCE_FEE_SCHEDULE: Readonly<Record<Channel, readonly Dated<number>[]>> = {
  ONLINE: [
    { from: '2017-01-01', until: '2023-11-30', value: 135_000 },
    { from: '2023-12-01', until: '2025-12-31', value: 115_000 },
    { from: '2026-01-01', value: 135_000 },
  ],
  OFFICE: [{ from: '2017-01-01', value: 135_000 }],
};

/**
 * Postal delivery of the card, charged on top of the fee. A PLACEHOLDER: the real amount is set by the
 * contract with the postal partner; change it here, dated, when the contract says otherwise.
 */
export const POSTAL_DELIVERY_FEE_SCHEDULE: readonly Dated<number>[] = [{ from: '2017-01-01', value: 35_000 }];

/** What a citizen pays on `date` (the day the application is submitted). */
export function feeFor(date: string, delivery: Delivery, channel: Channel = 'ONLINE'): FeeQuote {
  const fee = inForceOn(LICENCE_FEE_SCHEDULE[channel], date);
  const postalFee = delivery === 'POST' ? inForceOn(POSTAL_DELIVERY_FEE_SCHEDULE, date) : 0;
  return { fee, postalFee, total: fee + postalFee, currency: 'VND' };
}
