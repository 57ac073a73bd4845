import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PhotoContentType } from './photo-rules';

/** An uploaded portrait photo; the bytes are read only when asked for (select: false). */
@Entity('uploads')
export class Upload {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'owner_citizen_id' })
  ownerCitizenId!: string;

  @Column({ type: 'text', name: 'content_type' })
  contentType!: PhotoContentType;

  @Column({ type: 'bytea', select: false })
  bytes!: Buffer;

  @Column('integer')
  width!: number;

  @Column('integer')
  height!: number;

  /** Bytes after re-encoding. */
  @Column('integer')
  size!: number;

  @Column('bytea')
  sha256!: Buffer;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'uuid', name: 'used_by_application_id', nullable: true })
  usedByApplicationId!: string | null;
}
