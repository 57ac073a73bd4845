import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NewPhoto, PhotoStorage, StoredPhoto } from './photo-storage';
import { Upload } from './upload.entity';

/** Photos in Postgres (bytea): one store to back up, and a photo is at most 5 MB. */
@Injectable()
export class PostgresPhotoStorage implements PhotoStorage {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async put(photo: NewPhoto): Promise<StoredPhoto> {
    const id = randomUUID();
    const [row] = await this.db.query<{ created_at: Date }[]>(
      `INSERT INTO uploads (id, owner_citizen_id, content_type, bytes, width, height, size, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at`,
      [
        id,
        photo.ownerCitizenId,
        photo.contentType,
        photo.bytes,
        photo.width,
        photo.height,
        photo.bytes.length,
        photo.sha256,
      ],
    );
    return {
      ...photo,
      id,
      size: photo.bytes.length,
      createdAt: row.created_at,
      usedAt: null,
      usedByApplicationId: null,
    };
  }

  async get(id: string): Promise<StoredPhoto | null> {
    return this.db
      .getRepository(Upload)
      .createQueryBuilder('u')
      .addSelect('u.bytes')
      .where('u.id = :id', { id })
      .getOne();
  }
}
