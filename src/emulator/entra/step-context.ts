import type { ServerResponse } from "node:http";
import {
  type EmulatedTenant,
  type EmulatorState,
  findByAppId,
  findUser,
  type GraphObject,
  type SignInFlow,
} from "../emulator-state.js";

/** One form post of a sign-in in progress, its flow found and at the step the form belongs to. */
export interface StepContext {
  readonly response: ServerResponse;
  /** The emulator's origin, for links back to it. */
  readonly origin: string;
  readonly tenant: EmulatedTenant;
  readonly state: EmulatorState;
  readonly flow: SignInFlow;
  readonly flowId: string;
  readonly form: URLSearchParams;
  readonly now: Date;
}

/**
 * The flow's app and user, which were found when it reached this step; a test that removes them
 * from the state meanwhile gets the emulator's 500, as any other impossible state would.
 */
export function appOf(context: StepContext): GraphObject {
  const app = findByAppId(context.tenant.applications, context.flow.clientId);
  if (app === undefined) throw new Error("the sign-in's app is gone");
  return app;
}

export function userOf(context: StepContext): GraphObject {
  const user = findUser(context.tenant, context.flow.userId ?? "");
  if (user === undefined) throw new Error("the sign-in's user is gone");
  return user;
}
