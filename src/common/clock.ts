import { Injectable } from '@nestjs/common';
import { vietnamDateOf } from './working-days';

/** The clock is I/O: injected, so tests can move time instead of waiting for it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  today(): string {
    return vietnamDateOf(this.now()); // the calendar date in Vietnam: what "today" means to the rules
  }
}
