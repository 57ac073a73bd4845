import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A citizen's sign-in account, confirmed against the driver record when it was created. */
@Entity('citizens')
export class CitizenAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 12, name: 'national_id' })
  nationalId!: string;

  /** As the driver record spells it at registration. */
  @Column({ type: 'text', name: 'full_name' })
  fullName!: string;

  /** ISO date, YYYY-MM-DD. */
  @Column({ type: 'date', name: 'date_of_birth' })
  dateOfBirth!: string;

  /** Null for an account made by an e-ID sign-in when the driver record has no phone. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** Null for an account made by an e-ID sign-in: no password signs in to it. */
  @Column({ type: 'text', name: 'password_hash', select: false, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'integer', name: 'failed_logins', default: 0 })
  failedLogins!: number;

  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
