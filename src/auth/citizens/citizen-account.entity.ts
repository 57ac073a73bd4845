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

  /** Sign-ins that began before this are refused (set when staff are disabled). */
  @Column({ type: 'timestamptz', name: 'sessions_valid_after', nullable: true })
  sessionsValidAfter!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
