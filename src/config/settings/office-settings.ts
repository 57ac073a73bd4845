import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { toInt } from './setting-transforms';

/** The licensing office and the post: staff claims, the authority's name, shipments. */
export class OfficeSettings {
  /** A staff claim on a case lapses after this many minutes without activity. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CLAIM_TTL_MINUTES = 30;

  /**
   * The longest claim-next holds a request waiting for a case (its `waitSeconds`, at most 10); lower it
   * when a proxy between the staff and the service gives up on a request sooner.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  CLAIM_WAIT_MAX_SECONDS = 10;

  @IsString()
  LICENSING_AUTHORITY_NAME = 'Phòng Cảnh sát giao thông';

  /** S10 service indicator for licence shipments (two letters, not J, K, S, T or W first). */
  @Matches(/^[A-IL-RU-VX-Z][A-Z]$/, {
    message: 'POSTAL_SERVICE_INDICATOR must be two capital letters, not starting J, K, S, T or W',
  })
  POSTAL_SERVICE_INDICATOR = 'EB';

  /** How long a postal partner's claim on a shipment lasts before it is offered again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  POSTAL_LEASE_SECONDS = 300;

  /** Failed delivery attempts after which the card goes back to the issuing office. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  POSTAL_MAX_DELIVERY_ATTEMPTS = 3;

  /** Requests each postal partner API key may make per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  POSTAL_RATE_LIMIT_PER_MINUTE = 1200;
}
