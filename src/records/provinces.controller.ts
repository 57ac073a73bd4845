import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProvinceDto } from './province.dto';
import { ProvincesRepository } from './provinces.repository';

@ApiTags('public')
@Controller('api/v1/provinces')
export class ProvincesController {
  constructor(private readonly provinces: ProvincesRepository) {}

  /** The 34 provincial-level units, for address forms and filters. */
  @Get()
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: 'The 34 provinces: code and name' })
  @ApiOkResponse({ type: ProvinceDto, isArray: true })
  async list(): Promise<ProvinceDto[]> {
    return (await this.provinces.list()).map((p) => ({ code: p.code, name: p.name }));
  }
}
