import { PROVINCES } from '../records/provinces.data';
import { randomAddress, randomProvinceCode } from './addresses';
import { addYears, Day, isoDay, yearOf } from './dates';
import { HealthCertificateFactory } from './health-certificates';
import type { LicenceClassInfo } from './licence-classes';
import { LicenceFactory, LicenceNumberAllocator } from './licences';
import { asciiName, randomFullName, Sex } from './names';
import { NationalIdAllocator } from './national-id';
import { PlateAllocator, VehicleType } from './plates';
import { Random, WeightedPicker } from './random';
import { emptyBatch, RowBatch, VehicleRow } from './rows';
import { SHARES } from './shares';
import { ViolationFactory } from './violations';

/** Keys the generator must not hand out because fixed data (the demo set) already uses them. */
export interface ReservedKeys {
  nationalIds?: ReadonlySet<string>;
  licenceNumbers?: ReadonlySet<string>;
  plates?: ReadonlySet<string>;
}

export interface GeneratorOptions {
  /** Same seed and same today ⇒ the same rows, byte for byte. */
  seed: string;
  /** The day the data is relative to (expiring soon, expired, certificates valid…). */
  today: Day;
  reserved?: ReservedKeys;
}

const PROVINCE_BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));

// Drivers are adults of 18 to 80, most of working age.
const AGE_BANDS = new WeightedPicker<readonly [number, number]>([
  [[18, 24], 12],
  [[25, 34], 24],
  [[35, 44], 24],
  [[45, 54], 18],
  [[55, 64], 13],
  [[65, 80], 9],
]);
// Mobile prefixes in use (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile): 0 + these + 7 digits.
// prettier-ignore
const PHONE_PREFIXES = ['32', '33', '34', '35', '36', '37', '38', '39', '56', '58', '59', '70', '76', '77', '78', '79',
  '81', '82', '83', '84', '85', '86', '88', '89', '90', '91', '93', '94', '96', '97', '98', '99'];
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com'];
const licenceCount = new WeightedPicker(SHARES.licencesPerDriver.map((share, n) => [n, share] as const));
const vehicleCount = new WeightedPicker(SHARES.vehiclesPerDriver.map((share, n) => [n, share] as const));
const ownerShare = 1 - SHARES.vehiclesPerDriver[0];

/**
 * Generates the national reference records, one driver at a time with everything that belongs to
 * them, in batches small enough to stream. Deterministic: one seeded random stream, consumed in a
 * fixed order, and unique keys from counters rather than from sets of used values.
 */
export class ReferenceDataGenerator {
  private readonly random: Random;
  private readonly today: Day;
  private readonly nationalIds: NationalIdAllocator;
  private readonly plates: PlateAllocator;
  private readonly licences: LicenceFactory;
  private readonly certificates: HealthCertificateFactory;
  private readonly violations: ViolationFactory;

  constructor(options: GeneratorOptions) {
    const random = new Random(options.seed);
    this.random = random;
    this.today = options.today;
    this.nationalIds = new NationalIdAllocator(random, options.reserved?.nationalIds);
    this.plates = new PlateAllocator(random, options.reserved?.plates);
    const numbers = new LicenceNumberAllocator(random, options.reserved?.licenceNumbers);
    this.licences = new LicenceFactory(random, options.today, numbers, randomProvinceCode);
    this.certificates = new HealthCertificateFactory(random, options.today);
    this.violations = new ViolationFactory(random, options.today);
  }

  /** The next `count` drivers, with their licences, vehicles, violations and certificates. */
  batch(count: number): RowBatch {
    const batch = emptyBatch();
    for (let i = 0; i < count; i++) this.addDriver(batch);
    return batch;
  }

  private addDriver(batch: RowBatch): void {
    const random = this.random;
    const provinceCode = randomProvinceCode(random);
    const sex: Sex = random.chance(0.53) ? 'M' : 'F';
    const [youngest, oldest] = AGE_BANDS.pick(random);
    const born = addYears(this.today, -random.int(youngest, oldest)) - random.int(1, 364);
    const birthProvince = random.chance(0.8) ? provinceCode : randomProvinceCode(random);
    const legacyCode = random.pick(PROVINCE_BY_CODE.get(birthProvince)!.legacyCodes);
    const nationalId = this.nationalIds.next(legacyCode, sex, yearOf(born));
    const fullName = randomFullName(random, sex);
    const address = randomAddress(random, provinceCode);
    batch.drivers.push({
      nationalId,
      fullName,
      dateOfBirth: isoDay(born),
      sex,
      phone: random.chance(0.95) ? `0${random.pick(PHONE_PREFIXES)}${random.digits(7)}` : null,
      email: random.chance(0.35) ? this.email(fullName, random) : null,
      ...address,
    });

    const classes: LicenceClassInfo[] = [];
    for (const licence of this.licences.licencesFor({ born, sex, provinceCode }, licenceCount.pick(random))) {
      const { classes: licenceClasses, suspendedUntil, statusChangedOn, ...rest } = licence;
      batch.licences.push({
        ...rest,
        nationalId,
        suspendedUntil: suspendedUntil === null ? null : isoDay(suspendedUntil),
        statusChangedOn: statusChangedOn === null ? null : isoDay(statusChangedOn),
      });
      for (const c of licenceClasses) {
        classes.push(c.info);
        batch.licenceClasses.push({
          licenceNumber: licence.number,
          class: c.info.name,
          issuedOn: isoDay(c.issuedOn),
          expiresOn: c.expiresOn === null ? null : isoDay(c.expiresOn),
        });
      }
    }

    const vehicles = this.vehiclesFor(nationalId, provinceCode, classes);
    batch.vehicles.push(...vehicles);
    this.addViolations(batch, nationalId, classes, vehicles);
    const provinceName = PROVINCE_BY_CODE.get(provinceCode)!.name;
    batch.healthCertificates.push(
      ...this.certificates.certificatesFor(nationalId, classes, provinceName).rows,
    );
  }

  private email(fullName: string, random: Random): string {
    const parts = fullName.split(' ').map(asciiName);
    const local = `${parts[parts.length - 1]}${random.chance(0.5) ? '.' : ''}${parts[0]}${random.int(1, 99)}`;
    return `${local}@${random.pick(MAIL_DOMAINS)}`;
  }

  private vehiclesFor(
    ownerNationalId: string,
    provinceCode: string,
    classes: LicenceClassInfo[],
  ): VehicleRow[] {
    const random = this.random;
    const drivesHeavy = classes.some((c) => c.healthGroup === 3);
    const drivesCar = classes.some((c) => c.needsCertificate);
    const count = vehicleCount.pick(random);
    const vehicles: VehicleRow[] = [];
    for (let i = 0; i < count; i++) {
      const draw = random.next();
      const vehicleType: VehicleType = drivesHeavy
        ? draw < 0.3 ? 'TRUCK' : draw < 0.7 ? 'CAR' : 'MOTORBIKE'
        : drivesCar
          ? draw < 0.55 ? 'CAR' : 'MOTORBIKE'
          : draw < 0.08 ? 'CAR' : 'MOTORBIKE'; // prettier-ignore
      const registeredIn = random.chance(0.9) ? provinceCode : randomProvinceCode(random);
      vehicles.push({ plate: this.plates.next(vehicleType, registeredIn), ownerNationalId, vehicleType });
    }
    return vehicles;
  }

  private addViolations(
    batch: RowBatch,
    nationalId: string,
    classes: LicenceClassInfo[],
    vehicles: VehicleRow[],
  ): void {
    const random = this.random;
    const usualType: VehicleType = classes.some((c) => c.needsCertificate) ? 'CAR' : 'MOTORBIKE';
    const onOwnVehicle = (paid: boolean, withHolder: boolean) => {
      const vehicle = random.pick(vehicles);
      batch.violations.push(
        this.violations.violation(vehicle.vehicleType, vehicle.plate, withHolder ? nationalId : null, paid),
      );
    };
    const onHolder = (paid: boolean) => {
      if (vehicles.length > 0 && random.chance(0.5)) onOwnVehicle(paid, true);
      else batch.violations.push(this.violations.violation(usualType, null, nationalId, paid));
    };

    if (classes.length > 0 && random.chance(SHARES.unpaidViolationOnHolder)) {
      for (let n = random.int(1, 2); n > 0; n--) onHolder(false);
    }
    if (vehicles.length > 0 && random.chance(SHARES.unpaidViolationOnVehicle / ownerShare)) {
      onOwnVehicle(false, false);
    }
    if (random.chance(SHARES.paidViolations)) {
      for (let n = random.int(1, 2); n > 0; n--) {
        if (vehicles.length > 0 && random.chance(0.5)) onOwnVehicle(true, false);
        else onHolder(true);
      }
    }
  }
}
