import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffRole } from '../auth-user';

/** A staff member's account: officers and supervisors belong to one province, auditors and admins to none. */
@Entity('staff_accounts')
export class StaffAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Unique without regard to case. */
  @Column('text')
  username!: string;

  @Column({ type: 'text', name: 'full_name' })
  fullName!: string;

  @Column({ type: 'text', name: 'password_hash', select: false })
  passwordHash!: string;

  @Column('text')
  role!: StaffRole;

  @Column({ type: 'char', length: 2, name: 'province_code', nullable: true })
  provinceCode!: string | null;

  /** The member's own citizen ID, so cases on their own licence can be refused to them. */
  @Column({ type: 'char', length: 12, name: 'national_id', nullable: true })
  nationalId!: string | null;

  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  /** Sign-ins that began before this are refused (set when staff are disabled). */
  @Column({ type: 'timestamptz', name: 'sessions_valid_after', nullable: true })
  sessionsValidAfter!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
