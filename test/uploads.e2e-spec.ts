import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DomainError } from '../src/common/errors/domain-error';
import { UploadsService } from '../src/uploads/uploads.service';
import { startTestApp, TestApp } from './support/test-app';
import {
  CitizenAccountFixture,
  createCitizenAndSignIn,
  createStaffAndSignIn,
} from './support/factories/accounts';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 170, b: 150 } } });

/** A JPEG portrait carrying EXIF with a copyright, an artist and a GPS position, stored rotated (orientation 6). */
const jpegWithExif = () =>
  solid(800, 600)
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Copyright: 'Secret Studio', Artist: 'Nguyen Van Chup' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '21/1 1/1 30/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '105/1 51/1 0/1',
        },
      },
    })
    .toBuffer();

/** The EXIF tag 0x8825 (GPS IFD pointer), little-endian as sharp writes it. */
const GPS_IFD_POINTER = Buffer.from([0x25, 0x88]);

describe('photo uploads', () => {
  let t: TestApp;
  let me: CitizenAccountFixture;
  let db: DataSource;
  let uploads: UploadsService;

  beforeAll(async () => {
    t = await startTestApp();
    me = await createCitizenAndSignIn(t);
    db = t.app.get(DataSource);
    uploads = t.app.get(UploadsService);
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, filename: string, contentType: string, token = me.accessToken) =>
    request(t.url)
      .post('/api/v1/uploads')
      .set('authorization', `Bearer ${token}`)
      .attach('file', file, { filename, contentType });

  const storedBytes = async (id: string) => (await uploads.getPhoto(id))!.bytes;

  it('accepts a JPEG, applies its rotation and strips EXIF and GPS', async () => {
    const original = await jpegWithExif();
    const before = await sharp(original).metadata();
    expect(before.exif?.includes(GPS_IFD_POINTER)).toBe(true);
    expect(original.includes('Secret Studio')).toBe(true);

    const res = await upload(original, 'me.jpg', 'image/jpeg').expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      contentType: 'image/jpeg',
      width: 600,
      height: 800,
      bytes: expect.any(Number),
    });

    const stored = await storedBytes(res.body.id);
    expect(stored.length).toBe(res.body.bytes);
    const after = await sharp(stored).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 600, height: 800 });
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(stored.includes('Secret Studio')).toBe(false);
    expect(stored.includes('Nguyen Van Chup')).toBe(false);
  });

  it('accepts a PNG', async () => {
    const png = await solid(600, 800)
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: 'Secret Studio' } } })
      .toBuffer();
    const res = await upload(png, 'me.png', 'image/png').expect(201);
    expect(res.body).toMatchObject({ contentType: 'image/png', width: 600, height: 800 });
    const stored = await storedBytes(res.body.id);
    expect((await sharp(stored).metadata()).format).toBe('png');
    expect(stored.includes('Secret Studio')).toBe(false);
  });

  it('judges by content: a PNG named .jpg and declared image/jpeg is a PNG', async () => {
    const png = await solid(400, 500).png().toBuffer();
    const res = await upload(png, 'holiday.jpg', 'image/jpeg').expect(201);
    expect(res.body.contentType).toBe('image/png');
  });

  it('refuses a text file with 415, even named .jpg', async () => {
    const res = await upload(
      Buffer.from('not a photo at all, just some words'),
      'photo.jpg',
      'image/jpeg',
    ).expect(415);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/JPEG or PNG/);
  });

  it('refuses dimensions outside the limits with 422, naming each one broken', async () => {
    const small = await upload(await solid(200, 300).jpeg().toBuffer(), 'small.jpg', 'image/jpeg').expect(
      422,
    );
    expect(small.body.detail).toMatch(/200×300 pixels/);
    expect(small.body.detail).toMatch(/200 pixels wide; the minimum is 300/);
    expect(small.body.detail).toMatch(/300 pixels high; the minimum is 400/);
    expect(small.body.errors[0].field).toBe('file');

    const wide = await upload(await solid(4001, 500).jpeg().toBuffer(), 'wide.jpg', 'image/jpeg').expect(422);
    expect(wide.body.detail).toMatch(/4001 pixels wide; the maximum is 4000/);
    expect(wide.body.detail).not.toMatch(/high/);
  });

  it('accepts a photo of several megabytes (above the 1 MB JSON body limit)', async () => {
    const width = 1500;
    const height = 2000;
    const noise = randomBytes(width * height * 3);
    const jpeg = await sharp(noise, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(jpeg.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await upload(jpeg, 'large.jpg', 'image/jpeg').expect(201);
    expect(res.body).toMatchObject({ width, height });
  });

  it('refuses a file over 5 MB with 413', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x41);
    big.set([0xff, 0xd8, 0xff], 0);
    const res = await upload(big, 'big.jpg', 'image/jpeg').expect(413);
    expect(res.body.detail).toMatch(/larger than 5 MB/);
  });

  it('refuses a file that starts like a JPEG but is not one with 422', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const res = await upload(fake, 'fake.jpg', 'image/jpeg').expect(422);
    expect(res.body.detail).toMatch(/cannot be read/);
  });

  it('answers 400 when the form has no "file" field, or is not a form', async () => {
    const jpeg = await solid(600, 800).jpeg().toBuffer();
    const wrongField = await request(t.url)
      .post('/api/v1/uploads')
      .set('authorization', `Bearer ${me.accessToken}`)
      .attach('photo', jpeg, { filename: 'me.jpg', contentType: 'image/jpeg' })
      .expect(400);
    expect(wrongField.body.errors).toEqual([{ field: 'file', message: 'file is required' }]);
    await request(t.url)
      .post('/api/v1/uploads')
      .set('authorization', `Bearer ${me.accessToken}`)
      .send({ file: 'x' })
      .expect(400);
  });

  it('is for signed-in citizens only', async () => {
    const jpeg = await solid(600, 800).jpeg().toBuffer();
    await request(t.url).post('/api/v1/uploads').attach('file', jpeg, 'me.jpg').expect(401);
    const officer = await createStaffAndSignIn(t, 'officer');
    await upload(jpeg, 'me.jpg', 'image/jpeg', officer.accessToken).expect(403);
  });

  describe('claimForApplication', () => {
    const claim = (uploadId: string, citizenId: string, applicationId: string) =>
      db.transaction((tx) => uploads.claimForApplication(tx, uploadId, citizenId, applicationId));

    const refusal = async (work: Promise<unknown>) => {
      const error = (await work.then(
        () => null,
        (e: unknown) => e,
      )) as DomainError | null;
      expect(error).toBeInstanceOf(DomainError);
      expect(error!.code).toBe('UNPROCESSABLE');
      expect(error!.extra.errors?.[0].field).toBe('photoUploadId');
      return error!.detail;
    };

    it('lets the owner use an upload once, and nobody else at all', async () => {
      const someoneElse = await createCitizenAndSignIn(t);
      const res = await upload(await solid(600, 800).jpeg().toBuffer(), 'me.jpg', 'image/jpeg').expect(201);
      const firstApplication = '11111111-1111-4111-8111-111111111111';

      const theirs = await refusal(claim(res.body.id, someoneElse.id, firstApplication));
      expect(theirs).toMatch(/no photo upload of yours/);

      await claim(res.body.id, me.id, firstApplication);
      const photo = await uploads.getPhoto(res.body.id);
      expect(photo).toMatchObject({
        usedByApplicationId: firstApplication,
        usedAt: expect.any(Date),
        ownerCitizenId: me.id,
      });

      const again = await refusal(claim(res.body.id, me.id, '22222222-2222-4222-8222-222222222222'));
      expect(again).toMatch(/already used/);
    });

    it('refuses unknown and malformed ids', async () => {
      expect(
        await refusal(
          claim('33333333-3333-4333-8333-333333333333', me.id, '44444444-4444-4444-8444-444444444444'),
        ),
      ).toMatch(/no photo upload of yours/);
      expect(await refusal(claim('not-a-uuid', me.id, '44444444-4444-4444-8444-444444444444'))).toMatch(
        /no photo upload of yours/,
      );
      expect(await uploads.getPhoto('not-a-uuid')).toBeNull();
    });

    it('lets only one of two simultaneous claims win', async () => {
      const res = await upload(await solid(600, 800).jpeg().toBuffer(), 'me.jpg', 'image/jpeg').expect(201);
      const outcomes = await Promise.allSettled([
        claim(res.body.id, me.id, '55555555-5555-4555-8555-555555555555'),
        claim(res.body.id, me.id, '66666666-6666-4666-8666-666666666666'),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    });
  });
});
