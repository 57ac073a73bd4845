import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { toBoolean, emptyAsUnset } from './setting-transforms';

/** Citizen sign-in: the national e-ID over OpenID Connect, and password accounts (see README). */
export class SignInSettings {
  /** Citizens sign in with the national electronic identity (VNeID or any OpenID provider). */
  @Transform(toBoolean)
  @IsBoolean()
  OIDC_ENABLED = false;

  /** The provider's issuer URL; its /.well-known/openid-configuration is read at the first sign-in. */
  @Transform(emptyAsUnset)
  @ValidateIf((e: SignInSettings) => e.OIDC_ENABLED)
  @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'OIDC_ISSUER must be an http(s) URL without query' })
  OIDC_ISSUER?: string;

  @Transform(emptyAsUnset)
  @ValidateIf((e: SignInSettings) => e.OIDC_ENABLED)
  @IsString()
  @MinLength(1, { message: 'OIDC_CLIENT_ID is required when OIDC_ENABLED is true' })
  OIDC_CLIENT_ID?: string;

  /** Sent with client_secret_basic; unset: a public client (PKCE alone). */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @Matches(/^(\S+ )*openid( \S+)*$/, { message: 'OIDC_SCOPES must be space-separated and include openid' })
  OIDC_SCOPES = 'openid profile';

  /** Registered with the provider; unset: PUBLIC_BASE_URL + /auth/oidc/callback. */
  @Transform(emptyAsUnset)
  @ValidateIf(
    (e: SignInSettings & { PUBLIC_BASE_URL?: string }) =>
      e.OIDC_REDIRECT_URI !== undefined || (e.OIDC_ENABLED && !e.PUBLIC_BASE_URL),
  )
  @Matches(/^https?:\/\/\S+$/, {
    message: 'OIDC_REDIRECT_URI (or PUBLIC_BASE_URL to derive it from) is required when OIDC_ENABLED is true',
  })
  OIDC_REDIRECT_URI?: string;

  /** Names of the ID-token (or userinfo) claims that carry the citizen ID, full name and birth date. */
  @Matches(/^[A-Za-z0-9_.:/-]+$/, { message: 'OIDC_CLAIM_NATIONAL_ID must be a claim name' })
  OIDC_CLAIM_NATIONAL_ID = 'national_id';

  @Matches(/^[A-Za-z0-9_.:/-]+$/, { message: 'OIDC_CLAIM_NAME must be a claim name' })
  OIDC_CLAIM_NAME = 'name';

  @Matches(/^[A-Za-z0-9_.:/-]+$/, { message: 'OIDC_CLAIM_BIRTHDATE must be a claim name' })
  OIDC_CLAIM_BIRTHDATE = 'birthdate';

  /** Citizen accounts with a password (register + sign in); may be off only when the e-ID is on. */
  @Transform(toBoolean)
  @IsBoolean()
  @ValidateBy({
    name: 'citizensCanSignIn',
    validator: {
      validate: (value, args) => value !== false || (args?.object as SignInSettings).OIDC_ENABLED === true,
      defaultMessage: () => 'PASSWORD_SIGN_IN_ENABLED may be false only when OIDC_ENABLED is true',
    },
  })
  PASSWORD_SIGN_IN_ENABLED = true;
}
