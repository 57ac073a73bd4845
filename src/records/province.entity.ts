import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('provinces')
export class Province {
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: 'CITY' | 'PROVINCE';

  @Column({ type: 'char', length: 3, array: true, name: 'legacy_codes' })
  legacyCodes!: string[];
}
