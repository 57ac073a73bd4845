import { Body, Controller, Get, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Citizen, ClientIp, CurrentUser, Staff } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { SignedInAccountDto } from './signed-in-account.dto';
import { CitizenRegistrationService } from './citizens/citizen-registration.service';
import { CitizenLoginDto } from './citizens/dto/citizen-login.dto';
import { RegisterCitizenDto, RegisteredCitizenDto } from './citizens/dto/register-citizen.dto';
import { CitizenLoginGuard, StaffLoginGuard } from './passport/login.guards';
import { RetryAfterFilter } from './retry-after.filter';
import { StaffLoginDto } from './staff/dto/staff-login.dto';
import { RefreshTokenDto, TokenPairDto } from './tokens/token-pair.dto';
import { TokenService } from './tokens/token.service';

const RATE_LIMITED = 'Too many attempts with this ID or from this address: see Retry-After and the detail.';

@ApiTags('auth')
@Controller('api/v1/auth')
@UseFilters(RetryAfterFilter)
export class AuthController {
  constructor(
    private readonly registration: CitizenRegistrationService,
    private readonly tokens: TokenService,
  ) {}

  @Post('citizen/register')
  @ApiOperation({ summary: 'Create a citizen account, confirmed against the driver record' })
  @ApiCreatedResponse({ type: RegisteredCitizenDto })
  @ApiProblems(
    { status: 400, description: 'A field is not valid, or the password is too weak (named in `errors`).' },
    { status: 409, description: 'This citizen ID already has an account.' },
    { status: 422, description: 'The details do not match a driver record (which, not said).' },
    { status: 429, description: RATE_LIMITED },
    {
      status: 404,
      description: 'Password accounts are off here (PASSWORD_SIGN_IN_ENABLED=false): sign in with the e-ID.',
    },
  )
  register(@Body() body: RegisterCitizenDto, @ClientIp() ip: string): Promise<RegisteredCitizenDto> {
    return this.registration.register(body, ip);
  }

  @Post('citizen/login')
  @HttpCode(200)
  @UseGuards(CitizenLoginGuard)
  @ApiOperation({ summary: 'Sign in as a citizen with citizen ID and password' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(
    400,
    { status: 401, description: 'Wrong citizen ID or password (one message for both).' },
    { status: 429, description: RATE_LIMITED },
    { status: 404, description: 'Password accounts are off here: sign in with the e-ID.' },
  )
  citizenLogin(@Body() _body: CitizenLoginDto, @CurrentUser() user: AuthUser): Promise<TokenPairDto> {
    return this.tokens.issue(user);
  }

  @Post('staff/login')
  @HttpCode(200)
  @UseGuards(StaffLoginGuard)
  @ApiOperation({ summary: 'Sign in as staff with username and password' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(
    400,
    { status: 401, description: 'Wrong username or password, or the account is disabled.' },
    { status: 429, description: RATE_LIMITED },
  )
  staffLogin(@Body() _body: StaffLoginDto, @CurrentUser() user: AuthUser): Promise<TokenPairDto> {
    return this.tokens.issue(user);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one stops working)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, { status: 401, description: 'Unknown, expired, revoked or already used refresh token.' })
  refresh(@Body() body: RefreshTokenDto, @ClientIp() ip: string): Promise<TokenPairDto> {
    return this.tokens.refresh(body.refreshToken, ip);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the sign-in this refresh token belongs to, and its access tokens' })
  @ApiNoContentResponse({ description: 'Ended (or nothing to end).' })
  @ApiProblems(400)
  logout(@Body() body: RefreshTokenDto, @ClientIp() ip: string): Promise<void> {
    return this.tokens.logout(body.refreshToken, ip);
  }

  @Get('citizen/me')
  @Citizen()
  @ApiOperation({ summary: 'The signed-in citizen account' })
  @ApiOkResponse({ type: SignedInAccountDto })
  citizenMe(@CurrentUser() user: AuthUser): SignedInAccountDto {
    return user;
  }

  @Get('staff/me')
  @Staff()
  @ApiOperation({ summary: 'The signed-in staff account, with its role and province' })
  @ApiOkResponse({ type: SignedInAccountDto })
  staffMe(@CurrentUser() user: AuthUser): SignedInAccountDto {
    return user;
  }
}
