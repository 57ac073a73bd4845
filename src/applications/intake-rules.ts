import type { FieldError } from '../common/errors/domain-error';
import { PROVINCE_CODES } from '../records/provinces.data';
import type { CreateApplicationDto } from './dto/create-application.dto';

/** What each application type needs beyond the common fields; every problem names its field. */
export function intakeFieldErrors(dto: CreateApplicationDto): FieldError[] {
  const errors: FieldError[] = [];
  if (!PROVINCE_CODES.has(dto.delivery.provinceCode)) {
    errors.push({
      field: 'delivery.provinceCode',
      message: 'delivery.provinceCode is not one of the 34 province codes (GET /api/v1/provinces)',
    });
  }
  if (dto.type === 'DETAILS_CHANGE') {
    // Without newDetails the citizen-ID record's details are used (DOMAIN.md): nothing to retype.
    if (dto.newDetails && !dto.newDetails.fullName && !dto.newDetails.dateOfBirth) {
      errors.push({
        field: 'newDetails',
        message:
          'newDetails, when given, needs fullName and/or dateOfBirth; leave it out to take them from your citizen-ID record',
      });
    }
  } else if (dto.newDetails) {
    errors.push({ field: 'newDetails', message: 'newDetails is only for DETAILS_CHANGE applications' });
  }
  if (dto.type === 'REPLACEMENT_LOST') {
    if (!dto.declaration)
      errors.push({ field: 'declaration', message: 'declaration is required to replace a lost card' });
  } else if (dto.declaration) {
    errors.push({ field: 'declaration', message: 'declaration is only for REPLACEMENT_LOST applications' });
  }
  return errors;
}
