import sharp from 'sharp';
import request from 'supertest';
import { uniqueClientAddress } from './factories/accounts';
import type { DriverFixture } from './factories/records';

/** Registers and signs in a citizen through the API, as the web form does; returns the access token. */
export async function signUpCitizen(
  url: string,
  driver: DriverFixture,
  password = 'correct horse battery staple',
): Promise<string> {
  await request(url)
    .post('/api/v1/auth/citizen/register')
    .set('x-forwarded-for', uniqueClientAddress())
    .send({
      nationalId: driver.nationalId,
      fullName: driver.fullName,
      dateOfBirth: driver.dateOfBirth,
      phone: driver.phone,
      password,
    })
    .expect(201);
  const login = await request(url)
    .post('/api/v1/auth/citizen/login')
    .set('x-forwarded-for', uniqueClientAddress())
    .send({ nationalId: driver.nationalId, password })
    .expect(200);
  return login.body.accessToken as string;
}

let portrait: Buffer | undefined;
/** A plain 600×800 JPEG portrait. */
export async function portraitJpeg(): Promise<Buffer> {
  portrait ??= await sharp({
    create: { width: 600, height: 800, channels: 3, background: { r: 200, g: 180, b: 160 } },
  })
    .jpeg()
    .toBuffer();
  return portrait;
}

export async function uploadPhoto(url: string, token: string): Promise<string> {
  const res = await request(url)
    .post('/api/v1/uploads')
    .set('authorization', `Bearer ${token}`)
    .attach('file', await portraitJpeg(), { filename: 'portrait.jpg', contentType: 'image/jpeg' })
    .expect(201);
  return res.body.id as string;
}

export function applicationBody(
  licenceNumber: string,
  photoUploadId: string,
  over: Record<string, unknown> = {},
) {
  return {
    type: 'RENEWAL',
    licenceNumber,
    photoUploadId,
    delivery: {
      method: 'POST',
      recipientName: 'Nguyễn Văn An',
      phone: '0912345678',
      street: '12 Phố Huế',
      commune: 'Phường Hai Bà Trưng',
      provinceCode: '01',
    },
    ...over,
  };
}
