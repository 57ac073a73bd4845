/**
 * The signed-in account and the staff roles: a leaf that imports nothing, so every module (and the
 * auth module's own guards, strategies and token service) can name the user without importing the
 * decorators and guards, and no import cycle can form through it.
 */
export type StaffRole = 'officer' | 'supervisor' | 'auditor' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['officer', 'supervisor', 'auditor', 'admin'];

/** The signed-in account, as read from the database on every request. */
export interface AuthUser {
  kind: 'citizen' | 'staff';
  id: string;
  role: 'citizen' | StaffRole;
  /** The citizen's ID; for staff, their own national ID when recorded (to refuse cases on their licence). */
  nationalId: string | null;
  /** Officers and supervisors: the province they work for. */
  provinceCode: string | null;
  /** Staff only. */
  username: string | null;
}
