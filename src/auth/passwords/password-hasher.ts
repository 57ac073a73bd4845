import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ~80 ms per hash here. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /**
   * True when the password matches. With no hash (unknown account) it still verifies against a dummy,
   * so an unknown ID takes as long to refuse as a wrong password and timing does not reveal accounts.
   */
  async verify(hash: string | null, password: string): Promise<boolean> {
    this.dummyHash ??= this.hash('no account has this password: timing only');
    try {
      const matches = await argon2.verify(hash ?? (await this.dummyHash), password);
      return hash !== null && matches;
    } catch {
      return false; // a malformed stored hash never signs anyone in
    }
  }
}
