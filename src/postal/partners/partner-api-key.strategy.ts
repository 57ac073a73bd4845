import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import passport from 'passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { DataSource } from 'typeorm';
import { hashApiKey, looksLikeApiKey } from './api-key';
import { PostalPartnersRepository } from './postal-partners.repository';

export const PARTNER_API_KEY = 'postal-partner-api-key';
export const API_KEY_HEADER = 'X-Api-Key';

/** Who is calling a postal route: the partner and the key it used. */
export interface PartnerPrincipal {
  partnerId: string;
  partnerName: string;
  keyId: string;
}

type Verified = (error: Error | null, user?: object | false, info?: object) => void;

/**
 * Builds the passport instance for postal routes: one strategy, the X-Api-Key header checked against
 * the stored key hashes on every request, so a revoked key is refused from the next request on.
 * A private Authenticator, like the auth module's, so apps in one process do not share strategies.
 */
@Injectable()
export class PartnerApiKeyStrategy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly partners: PostalPartnersRepository,
  ) {}

  build(): passport.Authenticator {
    const authenticator = new passport.Authenticator();
    authenticator.use(
      PARTNER_API_KEY,
      new HeaderAPIKeyStrategy(
        { header: API_KEY_HEADER, prefix: '' },
        false,
        (apiKey: string, done: Verified) => {
          this.verify(apiKey).then(
            (principal) =>
              principal
                ? done(null, principal)
                : done(null, false, { message: 'This API key is not valid or was revoked.' }),
            (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
          );
        },
      ),
    );
    return authenticator;
  }

  private async verify(apiKey: string): Promise<PartnerPrincipal | null> {
    if (!looksLikeApiKey(apiKey)) return null;
    const key = await this.partners.findActiveKey(this.db.manager, hashApiKey(apiKey));
    if (!key) return null;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      await this.partners.touchKey(this.db.manager, key.keyId);
    }
    return { partnerId: key.partnerId, partnerName: key.partnerName, keyId: key.keyId };
  }
}
