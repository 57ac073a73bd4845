import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Client } from 'pg';
import type { CreateApplicationDto } from '../../src/applications/dto/create-application.dto';
import type { StaffRole } from '../../src/auth/auth-user';
import { claimsFor, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/auth/tokens/access-token-claims';
import { generateApiKey } from '../../src/postal/partners/api-key';
import { cloneDatabase, databaseUrl, dropDatabase, withClient } from './admin';

/** The role the service logs in with (created by the migrations). */
export const APP_ROLE = 'licence_app';

export interface StageDatabase {
  name: string;
  /** As the owner (superuser): setup, verification, statistics. */
  ownerUrl: string;
  /** As licence_app: what the service logs in with. */
  appUrl: string;
  drop(): Promise<void>;
}

export async function createStageDatabase(
  adminUrl: string,
  template: string,
  name: string,
): Promise<StageDatabase> {
  await cloneDatabase(adminUrl, template, name);
  return {
    name,
    ownerUrl: databaseUrl(adminUrl, name),
    appUrl: databaseUrl(adminUrl, name, APP_ROLE),
    drop: () => dropDatabase(adminUrl, name),
  };
}

/** One application a citizen will send: who, with what token, and the exact body. */
export interface WorkItem {
  seq: number;
  citizenId: string;
  nationalId: string;
  token: string;
  idempotencyKey: string;
  body: CreateApplicationDto;
}

export interface StaffMember {
  id: string;
  role: StaffRole;
  provinceCode: string | null;
  token: string;
}

export interface StageAccounts {
  admin: StaffMember;
  officers: StaffMember[];
  supervisors: StaffMember[];
  postalApiKey: string;
}

/**
 * Signs access tokens exactly as the service does (HS256, issuer, audience, the same claims); each names
 * as its sign-in (`sid`) the refresh-token family the stage wrote for the account (family id = account id).
 */
export class BenchTokens {
  private readonly jwt: JwtService;

  constructor(secret: string, ttlSeconds: number) {
    this.jwt = new JwtService({
      secret,
      signOptions: {
        algorithm: 'HS256',
        expiresIn: ttlSeconds,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      },
    });
  }

  citizen(id: string, nationalId: string): string {
    return this.jwt.sign({
      ...claimsFor(
        { kind: 'citizen', id, role: 'citizen', nationalId, provinceCode: null, username: null },
        id,
      ),
    });
  }

  staff(id: string, role: StaffRole, provinceCode: string | null): string {
    return this.jwt.sign({
      ...claimsFor({ kind: 'staff', id, role, nationalId: null, provinceCode, username: null }, id),
    });
  }
}

/** Workload items [from, from + count) in their seeded order, with tokens and fresh Idempotency-Keys. */
export async function loadWorkItems(
  ownerUrl: string,
  tokens: BenchTokens,
  from: number,
  count: number,
): Promise<WorkItem[]> {
  return withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{
      seq: number;
      citizen_id: string;
      national_id: string;
      upload_id: string;
      body: Omit<CreateApplicationDto, 'photoUploadId'>;
    }>(
      `SELECT seq, citizen_id, national_id, upload_id, body FROM bench_workload
       WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
      [from, from + count],
    );
    const tokenOf = new Map<string, string>();
    const run = randomBytes(4).toString('hex');
    return rows.map((r) => {
      let token = tokenOf.get(r.citizen_id);
      if (!token) {
        token = tokens.citizen(r.citizen_id, r.national_id);
        tokenOf.set(r.citizen_id, token);
      }
      return {
        seq: r.seq,
        citizenId: r.citizen_id,
        nationalId: r.national_id,
        token,
        idempotencyKey: `bench-${run}-${r.seq}`,
        body: { ...r.body, photoUploadId: r.upload_id },
      };
    });
  });
}

/**
 * Staff and the postal partner of a stage: an admin (sets the straight-through policy over the API),
 * per province `perProvince` officers and as many supervisors (flagged cases need a supervisor), and
 * a postal partner with a fresh API key. Rows are written as the operators' tools would; nobody signs
 * in (argon2 costs ~80 ms a sign-in): the bench signs their tokens with the service's secret.
 */
export async function createStageAccounts(
  ownerUrl: string,
  tokens: BenchTokens,
  perProvince: number,
): Promise<StageAccounts> {
  return withClient(ownerUrl, async (client: Client) => {
    const { rows } = await client.query<{ id: string; role: StaffRole; province_code: string | null }>(
      `INSERT INTO staff_accounts (username, full_name, password_hash, role, province_code)
       SELECT 'bench.admin', 'Bench admin', 'not-a-password-hash', 'admin', NULL
       UNION ALL
       SELECT 'bench.' || r.role || '.' || p.code || '.' || i, 'Bench ' || r.role || ' ' || p.code,
              'not-a-password-hash', r.role, p.code
       FROM provinces p CROSS JOIN (VALUES ('officer'), ('supervisor')) AS r(role)
       CROSS JOIN generate_series(1, $1::int) AS i
       RETURNING id, role, province_code`,
      [perProvince],
    );
    // The sign-in each token names (its `sid`), as a real sign-in would leave: family id = account id.
    await client.query(
      `INSERT INTO refresh_tokens (subject_kind, subject_id, family_id, token_hash, expires_at)
       SELECT 'staff', id, id, sha256(convert_to(id::text, 'UTF8')), now() + interval '10 years'
       FROM staff_accounts`,
    );
    const member = (r: (typeof rows)[number]): StaffMember => ({
      id: r.id,
      role: r.role,
      provinceCode: r.province_code,
      token: tokens.staff(r.id, r.role, r.province_code),
    });
    const key = generateApiKey();
    await client.query(
      `WITH partner AS (INSERT INTO postal_partners (name) VALUES ('Bench Post') RETURNING id)
       INSERT INTO postal_partner_keys (partner_id, key_hash, key_prefix) SELECT id, $1, $2 FROM partner`,
      [key.hash, key.displayPrefix],
    );
    return {
      admin: member(rows.find((r) => r.role === 'admin')!),
      officers: rows.filter((r) => r.role === 'officer').map(member),
      supervisors: rows.filter((r) => r.role === 'supervisor').map(member),
      postalApiKey: key.key,
    };
  });
}
