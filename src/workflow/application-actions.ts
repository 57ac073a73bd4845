import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Notifier } from '../notifications/notifier';
import { StartedApplication, startApplication, StartRequest } from './start-application';
import { ActionRequest, MovedApplication, takeAction, takeActions } from './take-action';

/** The write path as a service: the only way feature services create or move an application. */
@Injectable()
export class ApplicationActions {
  constructor(private readonly notifier: Notifier) {}

  /** SUBMIT: creates the application in its first state. */
  start(tx: EntityManager, request: StartRequest): Promise<StartedApplication> {
    return startApplication(tx, this.notifier, request);
  }

  /** Any other action; null when the case is not (or no longer) where the action can start. */
  take(tx: EntityManager, request: ActionRequest): Promise<MovedApplication | null> {
    return takeAction(tx, this.notifier, request);
  }

  /** Many actions in one statement (see takeActions); in the requests' order, null where one did not move. */
  takeMany(tx: EntityManager, requests: ActionRequest[]): Promise<(MovedApplication | null)[]> {
    return takeActions(tx, this.notifier, requests);
  }
}
