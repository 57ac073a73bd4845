import { EntityManager, QueryFailedError } from 'typeorm';
import type { AuditActor } from '../../audit/audit-entry';
import type { AuditLog } from '../../audit/audit-log';
import { DomainError, FieldError } from '../../common/errors/domain-error';
import { PasswordHasher } from '../passwords/password-hasher';
import { passwordProblem } from '../passwords/password-policy';
import { CreateStaffAccountDto } from './dto/create-staff-account.dto';
import { StaffAccount } from './staff-account.entity';

const PROVINCIAL_ROLES = new Set(['officer', 'supervisor']);

/** The rules a new staff account must meet beyond the shape of its fields. */
export function staffAccountProblems(input: CreateStaffAccountDto): FieldError[] {
  const errors: FieldError[] = [];
  const provincial = PROVINCIAL_ROLES.has(input.role);
  if (provincial && !input.provinceCode) {
    errors.push({ field: 'provinceCode', message: `provinceCode is required for the role ${input.role}` });
  }
  if (!provincial && input.provinceCode) {
    errors.push({
      field: 'provinceCode',
      message: `provinceCode must be left out for the role ${input.role}, which is national`,
    });
  }
  const weak = passwordProblem(input.password, {
    username: input.username,
    nationalId: input.nationalId,
    fullName: input.fullName,
  });
  if (weak) errors.push({ field: 'password', message: `password ${weak}` });
  return errors;
}

const invalid = (errors: FieldError[]) =>
  new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { errors });

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/**
 * Creates a staff account and records it in the audit log, in the caller's transaction. Shared by the
 * admin endpoint and the staff:create command, so both apply the same rules.
 */
export async function createStaffAccount(
  manager: EntityManager,
  deps: { hasher: PasswordHasher; audit: Pick<AuditLog, 'record'> },
  input: CreateStaffAccountDto,
  actor: AuditActor,
): Promise<StaffAccount> {
  const problems = staffAccountProblems(input);
  if (problems.length) throw invalid(problems);
  if (input.provinceCode) {
    const [province] = await manager.query<unknown[]>(`SELECT 1 FROM provinces WHERE code = $1`, [
      input.provinceCode,
    ]);
    if (!province) {
      throw invalid([
        { field: 'provinceCode', message: `provinceCode ${input.provinceCode} is not a province code` },
      ]);
    }
  }
  const taken = () =>
    new DomainError('CONFLICT', `The username ${input.username} is already taken (usernames ignore case).`);
  const [existing] = await manager.query<unknown[]>(
    `SELECT 1 FROM staff_accounts WHERE lower(username) = lower($1)`,
    [input.username],
  );
  if (existing) throw taken();

  const account = manager.create(StaffAccount, {
    username: input.username,
    fullName: input.fullName?.trim() || input.username,
    passwordHash: await deps.hasher.hash(input.password),
    role: input.role,
    provinceCode: input.provinceCode ?? null,
    nationalId: input.nationalId ?? null,
    disabledAt: null,
  });
  try {
    await manager.save(account);
  } catch (error) {
    throw isUniqueViolation(error) ? taken() : error;
  }
  await deps.audit.record(manager, {
    actor,
    action: 'STAFF_ACCOUNT_CREATED',
    subjectType: 'staff_account',
    subjectId: account.id,
    data: { username: account.username, role: account.role, provinceCode: account.provinceCode },
  });
  return account;
}
