import { ApiProperty } from '@nestjs/swagger';

export class ProvinceDto {
  @ApiProperty({ example: '01' })
  code!: string;

  @ApiProperty({ example: 'Hà Nội' })
  name!: string;
}
